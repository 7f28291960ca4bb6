/** An element id for a journey, from its id (captured text): only characters safe in an id and a `#` link. */
export function journeyAnchor(journeyId: string): string {
  return `journey-${journeyId.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

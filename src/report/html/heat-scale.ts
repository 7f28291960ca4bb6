/** Steps of the loss colour scale: a rate falls in one of 11 (0%, 10%, ... 100%). */
export const HEAT_STEPS = 10;

/**
 * Background colours from "nothing lost" (green) through amber to "everything lost" (red).
 * Light enough for dark text but the last step, which gets white text.
 */
export const HEAT_COLOURS = [
  '#d8f0dc', '#e6f2c9', '#f1f0b8', '#f8e7a6', '#fbd896', '#fbc486',
  '#f7ad78', '#f0936c', '#e57663', '#d6585b', '#c43a51',
];

/** Class of a loss rate's cell: `heat-0` .. `heat-10`; `heat-none` when it was not measured. */
export function heatClass(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return 'heat-none';
  const step = Math.round(Math.min(1, Math.max(0, rate)) * HEAT_STEPS);
  return `heat-${step}`;
}

/** The CSS rules of the scale (a class per step: inline style attributes would need a looser CSP). */
export function heatCss(): string {
  return HEAT_COLOURS.map((colour, step) => `.heat-${step}{background:${colour};${step === HEAT_STEPS ? 'color:#fff;' : ''}}`).join('\n');
}

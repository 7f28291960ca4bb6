/**
 * The lines of a batched body (GA4 `v=2` beacons): one event per line. gtag separates them with
 * newlines, Omnibug's fixtures with spaces, so any run of whitespace separates lines (values are
 * percent-encoded and never contain any). The decoder numbering events and the personal-data
 * check placing e-mails on them must agree on what line N is: both read lines here.
 */
const LINE = /\S+/g;

/**
 * Calls `visit(start, end, line, last)` for each line of `body`, `line` 1-based, `last` true for
 * the last line visited; returns how many lines there are. With `maxVisits`, lines past that many
 * are counted, not visited: what the caller does per line stays bounded, the count stays exact.
 */
export function forEachBodyLine(body: string, visit: (start: number, end: number, line: number, last: boolean) => void, maxVisits = Infinity): number {
  LINE.lastIndex = 0;
  let count = 0;
  let match = LINE.exec(body);
  while (match !== null) {
    const start = match.index;
    const end = start + match[0].length;
    const next = LINE.exec(body);
    ++count;
    if (count <= maxVisits) visit(start, end, count, next === null || count === maxVisits);
    match = next;
  }
  return count;
}

/** Every line of `body`, in order: `lines[n - 1]` is line n. */
export function bodyLines(body: string): string[] {
  const lines: string[] = [];
  forEachBodyLine(body, (start, end) => {
    lines.push(body.slice(start, end));
  });
  return lines;
}

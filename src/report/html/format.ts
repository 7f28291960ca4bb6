import { percent } from '../terminal-text.ts';

export { percent };

/** "0–79%": a 95% interval as a marketer reads it. */
export function interval(ci: [number, number] | null): string {
  return ci ? `${percent(ci[0])}–${percent(ci[1])}` : '—';
}

/** Percentage points with one decimal: "10.8 pts". */
export function points(share: number): string {
  return `${(share * 100).toFixed(1)} pts`;
}

/** "07:32:47.315" (UTC) from an ISO time; the text itself when it is not a time. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(11, 23);
}

/** "2026-11-26 07:32 UTC". */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Seconds between two ISO times, "1m 12s" or "27s"; '' when either is not a time. */
export function duration(fromIso: string, toIso: string): string {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  if (!Number.isFinite(ms) || ms < 0) return '';
  const seconds = Math.round(ms / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m ${seconds % 60}s` : `${seconds}s`;
}

/** "59.90 EUR", "59.9", "EUR" or '' from a hit's value and currency. */
export function money(value: number | undefined, currency: string | undefined): string {
  const amount = typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  return [amount, currency ?? ''].filter(Boolean).join(' ');
}

/** "1 journey", "2 journeys". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

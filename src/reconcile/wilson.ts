/**
 * 95% Wilson score interval for a proportion. Unlike the normal approximation it stays inside
 * [0, 1] and is honest for the small samples synthetic journeys give (2 orders, 0 lost).
 */
export function wilsonInterval(successes: number, trials: number, z = 1.959964): [number, number] | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return [round(Math.max(0, center - half)), round(Math.min(1, center + half))];
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

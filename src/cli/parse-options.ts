import { InvalidArgumentError } from 'commander';
import { parseObservedList } from '../audit/observed-figures.ts';
import type { ObservedFigure } from '../model/gap.ts';

export function commaList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

export function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return parsed;
}

export function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new InvalidArgumentError('expected a port number 0-65535 (0 picks a free one)');
  return parsed;
}

/** `ga4=0.78,meta=0.71`, repeatable: platform conversions / backend orders per vendor. */
export function observedRatios(value: string, previous: ObservedFigure[] = []): ObservedFigure[] {
  try {
    return [...previous, ...parseObservedList(value)];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

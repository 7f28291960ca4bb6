/**
 * Type-level check, run by `npx tsc --noEmit` (never executed): the hand-written declarations of
 * `tagwatch/test` (src/test/entry.d.ts) promise what the implementation (src/test/index.ts) has.
 * A field added to one and not the other turns an entry below to `false`, and tsc fails.
 */
import type { Expect, TestType } from 'playwright/test';
import type * as Declared from '../../src/test/entry.js';
import type * as Implemented from '../../src/test/index.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Provides<Implementation, Declaration> = [Implementation] extends [Declaration] ? true : false;
/** A class instance without its private members, which make classes nominal. */
type PublicShape<T> = { [K in keyof T]: T[K] };
type FixturesOf<T> = T extends TestType<infer Test, infer _Worker> ? Test : never;
type MatchersOf<T> = T extends Expect<infer Matchers> ? Matchers : never;
type AfterReceived<F> = F extends (received: never, ...rest: infer Rest) => unknown ? Rest : never;

type ImplementedMatchers = MatchersOf<typeof Implemented.expect>;

export const declarationsMatch: [
  Same<Declared.VendorEvent, Implemented.VendorEvent>,
  Same<Declared.TrackedHit, Implemented.TrackedHit>,
  Same<Declared.TrackingOptions, Implemented.TrackingOptions>,
  Same<Declared.ExpectedEvent, Implemented.ExpectedEvent>,
  Same<Declared.FiredOptions, Implemented.FiredOptions>,
  Same<Declared.SettleOptions, Implemented.SettleOptions>,
  Provides<PublicShape<Implemented.Tracking>, Declared.Tracking>,
  Provides<PublicShape<FixturesOf<typeof Implemented.test>['tracking']>, Declared.Tracking>,
  Same<FixturesOf<typeof Implemented.test>['trackingOptions'], Declared.TrackingOptions>,
  Same<AfterReceived<ImplementedMatchers['toHaveFired']>, AfterReceived<Declared.TrackingMatchers['toHaveFired']>>,
  Same<AfterReceived<ImplementedMatchers['toNotHaveFired']>, AfterReceived<Declared.TrackingMatchers['toNotHaveFired']>>,
] = [true, true, true, true, true, true, true, true, true, true, true];

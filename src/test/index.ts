// Public API of `tagwatch/test`: what teams' own Playwright specs import instead of '@playwright/test'.
export { test } from './fixture.ts';
export { expect } from './matchers.ts';
export type { FiredOptions } from './matchers.ts';
export type { Tracking, TrackedHit, SettleOptions } from './tracking.ts';
export type { TrackingOptions } from './tracking-options.ts';
export type { ExpectedEvent, FieldExpectation, AsymmetricMatcherLike } from './event-match.ts';
export type { VendorEvent, EventKind } from '../model/vendor-event.ts';

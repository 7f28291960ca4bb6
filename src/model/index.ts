export type * from './tag-request.ts';
export type * from './vendor-event.ts';
export type * from './order.ts';
export type * from './run-event.ts';
export type * from './verdict.ts';
export type * from './tracker.ts';
export type * from './gap.ts';
export type * from './alert.ts';

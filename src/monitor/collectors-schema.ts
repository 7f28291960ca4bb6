import { z } from 'zod';
import { endpointEntryProblem } from '../catalog/custom-endpoints.ts';
import { DEFAULT_PAGE_VIEW_EVENTS, type CollectorDeclaration } from '../catalog/first-party-collector.ts';
import { fieldLocationProblem, type CollectorField, type FieldLocation } from '../catalog/first-party-fields.ts';
import { builtInVendorIds } from '../catalog/load-vendors.ts';

/** Where one value sits; checked by hand so a wrong shape says what is accepted, not a union's dump. */
const location = (field: CollectorField) =>
  z.custom<FieldLocation>().superRefine((value, ctx) => {
    const problem = fieldLocationProblem(field, value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const eventNames = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], { error: "an event name exactly as sent, or a list of them, e.g. 'purchase' or ['purchase', 'order_completed']" });

/** One first-party collector of the site, declared in the monitor. */
const collector = z.strictObject({
  /** Its vendor id, as `expect`, `thresholds` and reports name it. Lower case, digits and dashes. */
  id: z
    .string({ error: "required: the collector's vendor id, e.g. id: 'shop-collector' (then expect: { 'shop-collector': { eventName: 'purchase' } })" })
    .regex(/^[a-z0-9][a-z0-9_-]*$/, "a vendor id: lower-case letters, digits, '-' or '_', e.g. 'shop-collector'")
    .superRefine((id, ctx) => {
      if (builtInVendorIds().includes(id)) {
        ctx.addIssue({
          code: 'custom',
          message: `'${id}' is a built-in vendor; give the collector an id of its own (e.g. 'shop-collector'). A site sending ${id} through its own domain lists that URL under endpoints: { '${id}': ['/your/path'] }`,
        });
      }
    }),
  /** Display name for reports. Default the id. */
  name: z.string().min(1).optional(),
  /**
   * Where its requests go: a path on the audited site ('/collect/evt') or an absolute http(s) URL,
   * matched as a whole-segment prefix like `endpoints` (the most specific of them all wins).
   */
  url: z.string({ error: "required: where the collector's requests go, e.g. url: '/collect/evt' or 'https://collect.shop.example/evt'" }).superRefine((entry, ctx) => {
    const problem = endpointEntryProblem(entry);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  /** The method its events come with: 'GET', 'POST' or 'any' (default). Requests with another method carry none of its events. */
  method: z.enum(['GET', 'POST', 'any'], { error: (issue) => `'GET', 'POST' or 'any'; got ${JSON.stringify(issue.input)}` }).default('any'),
  /** Like built-in vendors' categories: opt-out signals (GPC) concern 'advertising'. Default 'analytics'. */
  category: z.enum(['analytics', 'advertising']).default('analytics'),
  /** Where each value sits: { json: 'order.id' } (a path in a JSON body), { query: 'oid' } (URL) or { form: 'oid' } (form body). */
  fields: z.strictObject(
    {
      eventName: location('eventName'),
      orderId: location('orderId').optional(),
      value: location('value').optional(),
      currency: location('currency').optional(),
      /** The collector's deduplication key, when it sends one. */
      eventId: location('eventId').optional(),
    },
    { error: (issue) => (issue.input === undefined ? "required: where each value sits, e.g. fields: { eventName: { json: 'event' }, orderId: { json: 'order' }, value: { json: 'value' }, currency: { json: 'currency' } }" : undefined) },
  ),
  /** The event name (exactly as sent) that is a purchase, or several. Default 'purchase'. */
  purchaseEvent: eventNames.default('purchase'),
  /** The event name(s) that are a page view. Default 'page_view' and 'pageview'. */
  pageViewEvent: eventNames.default(DEFAULT_PAGE_VIEW_EVENTS),
});

/** The site's own collectors: each a vendor of the run. Ids and URLs are one per collector. */
export const collectorsSchema = z
  .array(collector)
  .default([])
  .superRefine(
    (collectors, ctx) => {
      // Also when a collector has other problems (`when` below), so every problem shows at once.
      if (!Array.isArray(collectors)) return;
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      collectors.forEach((c, index) => {
        const id = text(c?.id);
        const first = collectors.findIndex((other) => text(other?.id) === id);
        if (id !== undefined && first < index) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `'${id}' is already the id of collectors.${first}; each collector needs its own id` });
        const url = text(c?.url);
        const sameUrl = collectors.findIndex((other) => text(other?.url) === url);
        if (url !== undefined && sameUrl < index) {
          ctx.addIssue({ code: 'custom', path: [index, 'url'], message: `'${url}' is already the url of collectors.${sameUrl}; requests are claimed by URL, so one collector per URL (tell events apart with purchaseEvent)` });
        }
      });
    },
    { when: () => true },
  );

// The schema's output must be what the catalog builds vendors from.
type Parsed = z.output<typeof collectorsSchema>[number];
const _sameShape: (parsed: Parsed) => CollectorDeclaration = (parsed) => parsed;
void _sameShape;

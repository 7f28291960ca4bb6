import type { TagRequest } from '../model/tag-request.ts';
import type { VendorEvent } from '../model/vendor-event.ts';
import { endpointEntryProblem, endpointPattern, type VendorWithOwnEndpoints } from './custom-endpoints.ts';
import type { VendorDefinition } from './define-vendor.ts';
import { COLLECTOR_FIELDS, fieldLocationProblem, placeOf, type CollectorField, type FieldLocation } from './first-party-fields.ts';
import { flattenJson, parseJsonBody } from './parse/json.ts';
import { toNumber } from './parse/number.ts';
import { parseFormBody, queryToRecord } from './parse/query.ts';

/**
 * A site's own collector as a monitor declares it (`collectors: [...]`), validated: plain data,
 * recorded in run-settings.json, so the capture workers and a judge re-run from the run folder
 * build the same vendor from it.
 */
export interface CollectorDeclaration {
  /** Its vendor id, as `expect`, `thresholds` and reports name it. */
  id: string;
  /** Display name for reports; default the id. */
  name?: string;
  /** Where its requests go: an absolute http(s) URL or a path on the audited site, a whole-segment prefix (as `endpoints`). */
  url: string;
  /** The method its events come with: requests with another method are none of its events. */
  method: 'GET' | 'POST' | 'any';
  category: 'analytics' | 'advertising';
  /** Where each value sits. eventName is required. */
  fields: { eventName: FieldLocation } & Partial<Record<Exclude<CollectorField, 'eventName'>, FieldLocation>>;
  /** Event names (exactly as sent) that are a purchase. */
  purchaseEvent: string | string[];
  /** Event names (exactly as sent) that are a page view. */
  pageViewEvent: string | string[];
}

/** Page views under the names first-party collectors commonly use, unless the monitor says otherwise. */
export const DEFAULT_PAGE_VIEW_EVENTS = ['page_view', 'pageview'];

/** A vendor built from a monitor's collector declaration: the catalog ranks its URL with the monitor's endpoints. */
export interface CollectorVendor extends VendorWithOwnEndpoints {
  collector: CollectorDeclaration;
}

export function isCollectorVendor(vendor: VendorDefinition): vendor is CollectorVendor {
  return typeof (vendor as Partial<CollectorVendor>).collector === 'object';
}

/** Every problem of a declaration read back from a run folder (the monitor schema checked it before the run). */
export function collectorProblems(declaration: CollectorDeclaration): string[] {
  const problems: string[] = [];
  const urlProblem = endpointEntryProblem(declaration.url);
  if (urlProblem) problems.push(`url: ${urlProblem}`);
  for (const field of Object.keys(declaration.fields ?? {}) as CollectorField[]) {
    if (!(field in COLLECTOR_FIELDS)) problems.push(`fields.${field}: unknown field`);
    else {
      const problem = fieldLocationProblem(field, declaration.fields[field]);
      if (problem) problems.push(`fields.${field}: ${problem}`);
    }
  }
  if (!declaration.fields?.eventName) problems.push(`fields.eventName: ${fieldLocationProblem('eventName', undefined)}`);
  return problems;
}

const asList = (names: string | string[]): string[] => (Array.isArray(names) ? names : [names]);

/**
 * The collector as a vendor: claimed by its URL (on the site's origin when the catalog knows it,
 * see withCustomEndpoints), decoded by its declared fields. Throws when the declaration is unusable.
 */
export function collectorVendor(declaration: CollectorDeclaration): CollectorVendor {
  const problems = collectorProblems(declaration);
  if (problems.length) throw new Error(`collector '${declaration.id}': ${problems.join('; ')}`);
  const located = (Object.keys(COLLECTOR_FIELDS) as CollectorField[]).flatMap((field) => {
    const location = declaration.fields[field];
    return location ? [{ field, ...placeOf(location) }] : [];
  });
  const purchases = asList(declaration.purchaseEvent);
  const pageViews = asList(declaration.pageViewEvent ?? DEFAULT_PAGE_VIEW_EVENTS);
  const usesJson = located.some((l) => l.place === 'json');
  const usesForm = located.some((l) => l.place === 'form');

  /** One event from the URL's query and one body record (a JSON object flattened, or the form's fields). */
  function toEvent(query: Record<string, string>, body: Record<string, string>, line: number | undefined): VendorEvent {
    const valueOf = (field: CollectorField): string | undefined => {
      const at = located.find((l) => l.field === field);
      if (!at) return undefined;
      const value = at.place === 'query' ? query[at.name] : body[at.name];
      return value === undefined || value === '' ? undefined : value;
    };
    const eventName = valueOf('eventName');
    if (eventName === undefined) {
      const { place, name } = placeOf(declaration.fields.eventName);
      throw new Error(`no event name at ${place === 'json' ? 'JSON path' : `${place} field`} '${name}'${line ? ` of element ${line}` : ''}: check collectors[].fields.eventName of the monitor`);
    }
    const event: VendorEvent = {
      vendor: declaration.id,
      eventName,
      kind: purchases.includes(eventName) ? 'purchase' : pageViews.includes(eventName) ? 'pageview' : 'other',
      params: { ...query, ...body },
    };
    const transactionId = valueOf('orderId');
    if (transactionId !== undefined) event.transactionId = transactionId;
    const value = toNumber(valueOf('value'));
    if (value !== undefined) event.value = value;
    const currency = valueOf('currency');
    if (currency !== undefined) event.currency = currency;
    const eventId = valueOf('eventId');
    if (eventId !== undefined) event.eventId = eventId;
    if (line !== undefined) event.line = line;
    return event;
  }

  function decode(request: TagRequest, url: URL): VendorEvent[] {
    const method = (request.method ?? 'GET').toUpperCase();
    // A CORS preflight, a health check, a GET ping beside the POSTed events: none of its events.
    if (declaration.method !== 'any' && method !== declaration.method) return [];
    const query = queryToRecord(url);
    const hasBody = request.body !== undefined && request.body.trim() !== '';
    if (usesJson && hasBody) {
      const body = parseJsonBody(request.body);
      // A JSON array is a batch: one event per element, each path read inside its element.
      if (Array.isArray(body)) return body.map((element, index) => toEvent(query, flattenJson(element), index + 1));
      return [toEvent(query, flattenJson(body), undefined)];
    }
    return [toEvent(query, usesForm && hasBody ? parseFormBody(request.body) : {}, undefined)];
  }

  return {
    id: declaration.id,
    label: declaration.name ?? declaration.id,
    category: declaration.category,
    // Its URL on any host; a catalog that knows the site's origin narrows a path to that origin.
    patterns: [endpointPattern(declaration.url, undefined)],
    params: Object.fromEntries(located.map((l) => [l.name, COLLECTOR_FIELDS[l.field].label])),
    decode,
    endpoints: [declaration.url],
    collector: declaration,
  };
}

/**
 * POST /$batch (§10.1): ≤ 20 items, relative urls, dependsOn (a failed dependency → 424),
 * responses returned in reverse request order so clients must correlate by id.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Dispatch } from './dispatch';
import { errorBody, errorResponse, JSON_CONTENT_TYPE } from './errors';
import { parseGraphUrl } from './url';
import type { GraphContext, GraphRequest, GraphResponse } from './types';

const BatchSchema = z.object({
  requests: z.array(
    z
      .object({
        id: z.string().min(1),
        method: z.string().min(1),
        url: z.string().min(1),
        headers: z.record(z.string()).optional(),
        body: z.unknown().optional(),
        dependsOn: z.array(z.string()).optional(),
      })
      .passthrough(),
  ),
});
type BatchItem = z.infer<typeof BatchSchema>['requests'][number];

export const MAX_BATCH = 20;

function lowerKeys(h: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = v;
  return out;
}

/** Inner headers as Graph writes them ("Content-Type", "Retry-After"); the Graph client's BatchResponseContent needs "Content-Type". */
function canonicalHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('-')] = v;
  return out;
}

export function runBatch(ctx: GraphContext, outer: GraphRequest, dispatch: Dispatch): GraphResponse {
  const parsed = BatchSchema.safeParse(outer.body);
  const fail = (message: string) => errorResponse(ctx.clock, outer, 400, 'BadRequest', message);
  if (!parsed.success) return fail('Invalid batch payload format.');
  const items = parsed.data.requests;
  if (items.length > MAX_BATCH) return fail(`Too many requests in the batch: ${items.length}. The maximum number of requests in a batch is ${MAX_BATCH}.`);
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) return fail(`The batch contains more than one request with id '${item.id}'.`);
    ids.add(item.id);
  }
  for (const item of items) for (const d of item.dependsOn ?? []) if (!ids.has(d)) return fail(`Request '${item.id}' depends on unknown request id '${d}'.`);

  const results = new Map<string, GraphResponse>();
  const run = (item: BatchItem): GraphResponse => {
    const failedDep = (item.dependsOn ?? []).some((d) => (results.get(d)?.status ?? 500) >= 400);
    const ids2 = { requestId: randomUUID(), clientRequestId: outer.clientRequestId };
    if (failedDep) return { status: 424, headers: { 'content-type': JSON_CONTENT_TYPE }, body: errorBody(ctx.clock, ids2, 'FailedDependency', 'Failed dependency.') };
    const url = parseGraphUrl(item.url.replace(/^\/?(v1\.0\/)?/i, '/'));
    if (!url) return errorResponse(ctx.clock, ids2, 400, 'BadRequest', `Invalid request URL '${item.url}'.`);
    if (url.segments[0]?.toLowerCase() === '$batch') return errorResponse(ctx.clock, ids2, 400, 'BadRequest', 'Nested batch requests are not supported.');
    return dispatch({ ...url, method: item.method.toUpperCase(), headers: lowerKeys(item.headers), body: item.body, claims: outer.claims, ...ids2 });
  };
  let pending = items.slice();
  while (pending.length > 0) {
    const ready = pending.filter((i) => (i.dependsOn ?? []).every((d) => results.has(d)));
    if (ready.length === 0) {
      for (const i of pending) results.set(i.id, { status: 424, headers: { 'content-type': JSON_CONTENT_TYPE }, body: errorBody(ctx.clock, { requestId: randomUUID(), clientRequestId: outer.clientRequestId }, 'FailedDependency', 'Circular dependency.') });
      break;
    }
    for (const i of ready) results.set(i.id, run(i));
    pending = pending.filter((i) => !results.has(i.id));
  }
  const responses = items
    .slice()
    .reverse()
    .map((item) => {
      const r = results.get(item.id) as GraphResponse;
      const out: Record<string, unknown> = { id: item.id, status: r.status, headers: canonicalHeaders(r.headers) };
      if (r.body !== undefined) out.body = r.body;
      return out;
    });
  return { status: 200, headers: { 'content-type': JSON_CONTENT_TYPE }, body: { responses } };
}

/** OData query helpers: $select, $top, opaque $skiptoken paging, @odata.context and nextLink. */
import type { JsonObject } from '../types';
import type { EntityType } from './entities';
import { badRequest, type GraphContext, type GraphRequest } from './types';

export function queryOption(req: GraphRequest, name: string): string | undefined {
  return req.query.get(`$${name}`) ?? req.query.get(name) ?? undefined;
}

export function contextUrl(ctx: GraphContext, fragment: string): string {
  return `${ctx.baseUrl()}/v1.0/$metadata#${fragment}`;
}

/** The $select list (trimmed), or undefined. Unknown properties → 400. */
export function parseSelect(req: GraphRequest, type: EntityType, samples: readonly JsonObject[], code = 'BadRequest'): string[] | undefined {
  const raw = queryOption(req, 'select');
  if (raw === undefined) return undefined;
  const names = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  for (const n of names) {
    if (!type.known.has(n) && !samples.some((s) => n in s)) {
      throw badRequest(`Could not find a property named '${n}' on type '${type.name}'.`, code);
    }
  }
  return names;
}

/** Only the selected properties (+ id and @odata.type); absent ones null for directory objects. */
export function applySelect(obj: JsonObject, select: readonly string[] | undefined, type: EntityType): JsonObject {
  if (!select) return obj;
  const out: JsonObject = {};
  if (obj['@odata.type'] !== undefined) out['@odata.type'] = obj['@odata.type'];
  for (const name of ['id', ...select]) {
    if (name in obj) out[name] = obj[name];
    else if (type.nullForMissing) out[name] = null;
  }
  return out;
}

export function parseTop(req: GraphRequest, def: number, max: number): number {
  const raw = queryOption(req, 'top');
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw badRequest(`Invalid page size specified: '${raw}'. Must be between 1 and ${max} inclusive.`);
  return n;
}

export function encodeSkipToken(offset: number): string {
  return Buffer.from(`sim1:${offset}`).toString('base64url');
}

export function decodeSkipToken(req: GraphRequest): number {
  const raw = queryOption(req, 'skiptoken');
  if (raw === undefined) return 0;
  const m = /^sim1:(\d+)$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (!m || m[1] === undefined) throw badRequest('Invalid $skiptoken.');
  return Number(m[1]);
}

/** Absolute nextLink: the same request with $skiptoken replaced. */
export function nextLink(ctx: GraphContext, req: GraphRequest, offset: number): string {
  const q = new URLSearchParams(req.query);
  q.delete('$skiptoken');
  q.delete('skiptoken');
  q.set('$skiptoken', encodeSkipToken(offset));
  const encoded = [...q.entries()].map(([k, v]) => `${encodeURIComponent(k).replace(/%24/g, '$')}=${encodeURIComponent(v)}`).join('&');
  return `${ctx.baseUrl()}/v1.0${req.rawPath}?${encoded}`;
}

/** A page of an in-memory list with $top/$skiptoken, shaped as a collection response. */
export function pageOf(
  ctx: GraphContext,
  req: GraphRequest,
  items: readonly JsonObject[],
  opts: { context: string; defaultTop: number; maxTop: number; map?: (o: JsonObject) => JsonObject },
): JsonObject {
  const top = parseTop(req, opts.defaultTop, opts.maxTop);
  const offset = decodeSkipToken(req);
  const slice = items.slice(offset, offset + top);
  const body: JsonObject = { '@odata.context': contextUrl(ctx, opts.context) };
  if (offset + top < items.length) body['@odata.nextLink'] = nextLink(ctx, req, offset + top);
  body.value = opts.map ? slice.map(opts.map) : slice;
  return body;
}

export function selectContext(entitySet: string, select: readonly string[] | undefined, entity = false): string {
  const sel = select ? `(${select.join(',')})` : '';
  return `${entitySet}${sel}${entity ? '/$entity' : ''}`;
}

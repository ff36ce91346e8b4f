/**
 * Interpreting Graph replies: zod validation with the schemas of diagnosis/facts.ts, Graph error
 * bodies, and the FactGap a failed optional source turns into.
 */
import type { z } from 'zod';
import type { FactGap } from '../../diagnosis/facts';
import type { GraphReply } from './transport';

export type GapSource = FactGap['source'];

export function graphErrorCode(reply: GraphReply): string {
  const body = reply.body as { error?: { code?: unknown } } | null;
  const code = body && typeof body === 'object' ? body.error?.code : undefined;
  return typeof code === 'string' && code ? code : `http_${reply.status}`;
}

function graphErrorMessage(reply: GraphReply): string {
  const body = reply.body as { error?: { message?: unknown } } | null;
  const message = body && typeof body === 'object' ? body.error?.message : undefined;
  return typeof message === 'string' ? message : '';
}

const REASONS: Record<string, string> = {
  Authentication_RequestFromNonPremiumTenantOrB2CTenant: 'the tenant has no Microsoft Entra ID P1/P2 licence, so Graph does not serve this data',
  accessDenied: 'the diagnostic identity lacks the Graph permission for this data',
  Authorization_RequestDenied: 'the diagnostic identity lacks the Graph permission for this data',
};

/** A gap for an optional source that answered with an error (after retries). */
export function gapFrom(source: GapSource, reply: GraphReply): FactGap {
  const code = graphErrorCode(reply);
  let reason = REASONS[code];
  if (!reason) {
    if (reply.status === 404) reason = source === 'riskyUser' ? 'no risk record for this user (never flagged by Identity Protection, or no P2 licence)' : 'Graph has no such record';
    else if (reply.status === 403) reason = 'Graph refused access to this data';
    else if (reply.status === 429 || reply.status >= 500) reason = 'Graph was temporarily unavailable for this data (retries exhausted)';
    else reason = `Graph answered ${reply.status}${graphErrorMessage(reply) ? `: ${graphErrorMessage(reply)}` : ''}`;
  }
  return { source, status: reply.status, code, reason };
}

export function invalidGap(source: GapSource, count: number): FactGap {
  return { source, status: 200, code: 'invalid_response', reason: `${count} record(s) did not match the expected Graph shape and were ignored` };
}

export const isOk = (reply: GraphReply): boolean => reply.status >= 200 && reply.status < 300;

/** Validates one entity; a failure names the first offending field. */
export function parseEntity<S extends z.ZodTypeAny>(schema: S, reply: GraphReply): { ok: true; value: z.infer<S> } | { ok: false; problem: string } {
  const r = schema.safeParse(reply.body);
  if (r.success) return { ok: true, value: r.data as z.infer<S> };
  const issue = r.error.issues[0];
  return { ok: false, problem: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid' };
}

export interface ParsedPage<T> {
  items: T[];
  invalid: number;
  nextLink?: string;
}

/** Validates a collection page item by item: bad items are dropped and counted, not fatal. */
export function parseCollection<S extends z.ZodTypeAny>(schema: S, reply: GraphReply): ParsedPage<z.infer<S>> | undefined {
  const body = reply.body as { value?: unknown; '@odata.nextLink'?: unknown } | null;
  if (!body || typeof body !== 'object' || !Array.isArray(body.value)) return undefined;
  const items: Array<z.infer<S>> = [];
  let invalid = 0;
  for (const raw of body.value) {
    const r = schema.safeParse(raw);
    if (r.success) items.push(r.data as z.infer<S>);
    else invalid++;
  }
  const next = body['@odata.nextLink'];
  return typeof next === 'string' ? { items, invalid, nextLink: next } : { items, invalid };
}

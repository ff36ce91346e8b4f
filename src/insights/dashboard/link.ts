/**
 * The dashboard link an approver gets from the bot: an HMAC-signed, short-lived statement "this
 * Entra object id of this tenant may look until <exp>". It only says who asked; the server checks
 * with the backend on every data request that the person is (still) an approver.
 * The key is derived from CHECK_TOKEN_SECRET for this one purpose, so a self-check token is never
 * a dashboard token and the other way round.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const PayloadSchema = z.object({ v: z.literal(1), oid: z.string().min(1).max(100), tid: z.string().min(1).max(100), exp: z.number().int() }).strict();
export type DashboardGrant = z.infer<typeof PayloadSchema>;

export const DASHBOARD_LINK_MINUTES = 30;

const keyOf = (secret: string) => createHmac('sha256', secret).update('mfa-helper/insights-dashboard/v1').digest();
const sign = (secret: string, body: string) => createHmac('sha256', keyOf(secret)).update(body).digest('base64url');

export function createDashboardToken(secret: string, who: { oid: string; tid: string }, now: Date, minutes = DASHBOARD_LINK_MINUTES): string {
  const body = Buffer.from(JSON.stringify({ v: 1, oid: who.oid, tid: who.tid, exp: Math.floor(now.getTime() / 1000) + minutes * 60 })).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export type DashboardTokenResult = { ok: true; grant: DashboardGrant } | { ok: false; why: 'malformed' | 'signature' | 'expired' };

export function verifyDashboardToken(secret: string, token: string, now: Date): DashboardTokenResult {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined || token.length > 2000) return { ok: false, why: 'malformed' };
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, why: 'signature' };
  let parsed;
  try {
    parsed = PayloadSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, why: 'malformed' };
  }
  if (!parsed.success) return { ok: false, why: 'malformed' };
  if (parsed.data.exp * 1000 <= now.getTime()) return { ok: false, why: 'expired' };
  return { ok: true, grant: parsed.data };
}

/**
 * Self-check link tokens: base64url(JSON payload) "." base64url(HMAC-SHA256(secret, payload part)).
 * The payload binds the link to one employee and chat; `nonce` makes it single-use (recorded in
 * the store), `exp` (seconds since the epoch) makes it short-lived. Pure apart from the clock.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../shared/clock';
import type { CheckBinding } from './types';

export const TOKEN_VERSION = 1;
/** Longer tokens are refused before any parsing. */
export const MAX_TOKEN_LENGTH = 2048;

const PayloadSchema = z
  .object({
    v: z.literal(TOKEN_VERSION),
    tid: z.string().min(1).max(100),
    oid: z.string().min(1).max(100),
    cid: z.string().min(1).max(500),
    nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    exp: z.number().int().positive(),
  })
  .strict();
export type TokenPayload = z.infer<typeof PayloadSchema>;

export type VerifyResult = { ok: true; payload: TokenPayload } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

function sign(secret: string, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function createToken(secret: string, binding: CheckBinding, nonce: string, expSeconds: number): string {
  const payload: TokenPayload = {
    v: TOKEN_VERSION,
    tid: binding.tenantId,
    oid: binding.userAadObjectId,
    cid: binding.conversationId,
    nonce,
    exp: expSeconds,
  };
  const body = Buffer.from(JSON.stringify(PayloadSchema.parse(payload))).toString('base64url');
  return `${body}.${sign(secret, body).toString('base64url')}`;
}

/** Checks shape, then signature (constant time), then expiry. Never throws. */
export function verifyToken(secret: string, token: string, clock: Clock): VerifyResult {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  const [body, sig] = parts;
  if (parts.length !== 2 || !body || !sig || !/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]+$/.test(sig)) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = sign(secret, body);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = PayloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  if (parsed.data.exp * 1000 <= clock.now().getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload: parsed.data };
}

export function bindingOf(p: TokenPayload): CheckBinding {
  return { tenantId: p.tid, userAadObjectId: p.oid, conversationId: p.cid };
}

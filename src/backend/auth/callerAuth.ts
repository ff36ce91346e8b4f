/**
 * Who may call the privileged backend. `localKey` (local mode): a shared bearer key compared in
 * constant time. `entra`: an RS256 access token from the authority, checked for signature (JWKS),
 * issuer, audience, lifetime, and the calling app (azp/appid) against BACKEND_ALLOWED_CALLERS.
 * 401 = no or invalid credentials; 403 = a valid token from an app that is not allowed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config';
import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { JwksCache } from './jwks';
import { decodeJwt, JwtError, verifyRs256 } from './jwt';

export interface Caller {
  /** The calling app id (entra) or `local` (shared key). */
  id: string;
  mode: 'localKey' | 'entra';
}

export type CallerAuthenticator = (authorization: string | undefined) => Promise<Caller>;

const CLOCK_SKEW_S = 300;

const unauthenticated = (why: string) => new AppError('unauthenticated', why);

function bearer(authorization: string | undefined): string {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m || !m[1]) throw unauthenticated('missing bearer credentials');
  return m[1];
}

export function constantTimeEqual(a: string, b: string): boolean {
  // Hash first so lengths match and the comparison time does not depend on the secret.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

export interface CallerAuthOptions {
  backend: Pick<Config['backend'], 'authMode' | 'localKey' | 'audience' | 'allowedCallers' | 'authorityHost'>;
  /** The tenant whose authority issues the caller's tokens. */
  tenantId: string;
  clock: Clock;
  fetch?: typeof fetch;
}

export function createCallerAuth(opts: CallerAuthOptions): CallerAuthenticator {
  const { backend } = opts;
  if (backend.authMode === 'localKey') {
    return async (authorization) => {
      const key = bearer(authorization);
      if (!constantTimeEqual(key, backend.localKey)) throw unauthenticated('invalid credentials');
      return { id: 'local', mode: 'localKey' };
    };
  }
  const authority = backend.authorityHost.replace(/\/+$/, '');
  const tenant = opts.tenantId || 'common';
  const jwks = new JwksCache({ url: `${authority}/${tenant}/discovery/v2.0/keys`, clock: opts.clock, fetch: opts.fetch });
  const issuers = new Set([`${authority}/${tenant}/v2.0`, `https://sts.windows.net/${tenant}/`]);
  const allowed = new Set(backend.allowedCallers.map((c) => c.toLowerCase()));

  return async (authorization) => {
    const token = bearer(authorization);
    let decoded;
    try {
      decoded = decodeJwt(token);
    } catch (e) {
      throw unauthenticated(e instanceof JwtError ? e.message : 'malformed token');
    }
    if (decoded.header.alg !== 'RS256') throw unauthenticated('unsupported token algorithm');
    let key;
    try {
      key = await jwks.key(decoded.header.kid);
    } catch {
      throw new AppError('unavailable', 'the token signing keys could not be fetched');
    }
    if (!key || !verifyRs256(decoded, key)) throw unauthenticated('invalid token signature');
    const c = decoded.claims;
    const now = Math.floor(opts.clock.now().getTime() / 1000);
    if (c.exp + CLOCK_SKEW_S < now) throw unauthenticated('token expired');
    if (c.nbf !== undefined && c.nbf - CLOCK_SKEW_S > now) throw unauthenticated('token not yet valid');
    if (!issuers.has(c.iss)) throw unauthenticated('token issuer not accepted');
    const audiences = Array.isArray(c.aud) ? c.aud : [c.aud];
    if (!backend.audience || !audiences.includes(backend.audience)) throw unauthenticated('token audience not accepted');
    const app = c.azp ?? c.appid;
    if (!app || !allowed.has(app.toLowerCase())) throw new AppError('forbidden', 'this application may not call the backend');
    return { id: app, mode: 'entra' };
  };
}

/**
 * Who may call the privileged backend. `localKey` (local mode): a shared bearer key compared in
 * constant time. `entra`: an RS256 access token from the authority, checked for signature (JWKS),
 * issuer, audience, lifetime, and the calling app (azp/appid) against BACKEND_ALLOWED_CALLERS.
 * 401 = no or invalid credentials; 403 = a valid token from an app that is not allowed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import type { Config } from '../../config';
import type { Clock } from '../../shared/clock';
import { AppError, isAppError } from '../../shared/errors';
import { createKeySource } from './keys';

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
  const keys = createKeySource({ url: `${authority}/${tenant}/discovery/v2.0/keys`, clock: opts.clock, fetch: opts.fetch });
  const issuers = [`${authority}/${tenant}/v2.0`, `https://sts.windows.net/${tenant}/`];
  const allowed = new Set(backend.allowedCallers.map((c) => c.toLowerCase()));

  return async (authorization) => {
    const token = bearer(authorization);
    if (!backend.audience) throw unauthenticated('token audience not accepted (BACKEND_AUDIENCE is not set)');
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer: issuers,
        audience: backend.audience,
        clockTolerance: CLOCK_SKEW_S,
        currentDate: opts.clock.now(),
      }));
    } catch (e) {
      if (isAppError(e)) throw e;
      throw unauthenticated(callerTokenProblem(e));
    }
    const app = typeof claims.azp === 'string' ? claims.azp : typeof claims.appid === 'string' ? claims.appid : undefined;
    if (!app || !allowed.has(app.toLowerCase())) throw new AppError('forbidden', 'this application may not call the backend');
    return { id: app, mode: 'entra' };
  };
}

/** jose's failure in the words of the API (never the token itself). */
export function callerTokenProblem(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'token expired';
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'aud') return 'token audience not accepted';
    if (e.claim === 'iss') return 'token issuer not accepted';
    if (e.claim === 'nbf') return 'token not yet valid';
    return `token claim ${e.claim} not accepted`;
  }
  if (e instanceof errors.JOSEAlgNotAllowed || e instanceof errors.JOSENotSupported) return 'unsupported token algorithm';
  if (e instanceof errors.JWSSignatureVerificationFailed || e instanceof errors.JWKSNoMatchingKey) return 'invalid token signature';
  return 'malformed token';
}

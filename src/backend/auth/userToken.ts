/**
 * Proof of a person: the Entra token a user obtained with Teams single sign-on (reference
 * entra-graph-2026.md §20.2), validated here, by the backend, with jose: signature from the
 * tenant's JWKS, issuer, audience (the bot's SSO app), tenant, `oid` equal to the person the
 * caller names, freshness (auth_time, else iat, within a maximum age) and, when asked, a
 * Conditional Access authentication context in `acrs` (§20.3). The token is never logged.
 */
import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../../shared/clock';
import { AppError, isAppError } from '../../shared/errors';
import { callerTokenProblem } from './callerAuth';

/** Why a user token is not accepted (machine reason, e.g. `error.reason` of a refusal). */
export type UserProofProblem = 'invalid_token' | 'wrong_user' | 'stale_token' | 'auth_context_missing';

export class UserProofError extends AppError {
  constructor(
    readonly problem: UserProofProblem,
    message: string,
  ) {
    super('forbidden', message, { expected: true, details: { reason: problem } });
    this.name = 'UserProofError';
  }
}

export interface ProvenUser {
  oid: string;
  tenantId: string;
  /** The moment the user authenticated (auth_time, or iat when the token has none), ISO 8601. */
  authenticatedAt: string;
  acrs: string[];
  amr: string[];
  upn?: string;
}

export interface UserTokenVerifierOptions {
  keys: JWTVerifyGetKey;
  /** Authority host without the tenant, e.g. https://login.microsoftonline.com (or the simulator). */
  authorityHost: string;
  tenantId: string;
  /** The bot's SSO app (client id and/or app ID URI): `aud` of the Teams SSO token. */
  audiences: string[];
  /** A token whose authentication is older than this is stale. */
  maxAgeSeconds: number;
  clock: Clock;
}

export interface ProofRequirement {
  /** The object id of the person the caller names: the token must be theirs. */
  oid: string;
  /** A Conditional Access authentication context id (e.g. `c1`) that `acrs` must contain. */
  authContext?: string;
}

const SKEW_S = 300;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export type UserTokenVerifier = (token: string | undefined, need: ProofRequirement) => Promise<ProvenUser>;

/** Signature (tenant JWKS), issuer, audience, expiry and tenant of a Teams SSO token; its claims. */
async function verifiedClaims(opts: UserTokenVerifierOptions, token: string | undefined): Promise<JWTPayload> {
  const issuer = `${opts.authorityHost.replace(/\/+$/, '')}/${opts.tenantId}/v2.0`;
  if (!token) throw new UserProofError('invalid_token', 'no sign-in proof was sent for this person');
  if (opts.audiences.length === 0) throw new UserProofError('invalid_token', 'no user-token audience is configured (USER_TOKEN_AUDIENCE)');
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, opts.keys, { algorithms: ['RS256'], issuer, audience: opts.audiences, clockTolerance: SKEW_S, currentDate: opts.clock.now() }));
  } catch (e) {
    if (isAppError(e)) throw e;
    throw new UserProofError('invalid_token', `the sign-in proof is not valid: ${callerTokenProblem(e)}`);
  }
  if (claims.tid !== opts.tenantId) throw new UserProofError('invalid_token', 'the sign-in proof is from another tenant');
  return claims;
}

/**
 * Who is looking (the insights tab): a valid, unexpired Teams SSO token of this tenant names the
 * person. No freshness of the sign-in is required (viewing is not approving); the object id.
 */
export function createViewerTokenVerifier(opts: UserTokenVerifierOptions): (token: string | undefined) => Promise<{ oid: string }> {
  return async (token) => {
    const claims = await verifiedClaims(opts, token);
    if (typeof claims.oid !== 'string' || claims.oid.length === 0) throw new UserProofError('invalid_token', 'the sign-in proof names no person');
    return { oid: claims.oid };
  };
}

export function createUserTokenVerifier(opts: UserTokenVerifierOptions): UserTokenVerifier {
  return async (token, need) => {
    const now = opts.clock.now();
    const claims = await verifiedClaims(opts, token);
    if (typeof claims.oid !== 'string' || claims.oid.toLowerCase() !== need.oid.toLowerCase()) {
      throw new UserProofError('wrong_user', 'the sign-in proof belongs to someone else');
    }
    const authTime = typeof claims.auth_time === 'number' ? claims.auth_time : claims.iat;
    if (typeof authTime !== 'number') throw new UserProofError('stale_token', 'the sign-in proof does not say when the person signed in');
    const ageS = now.getTime() / 1000 - authTime;
    if (ageS > opts.maxAgeSeconds || ageS < -SKEW_S) throw new UserProofError('stale_token', `the sign-in is older than ${opts.maxAgeSeconds} seconds; sign in again`);
    const acrs = strings(claims.acrs);
    if (need.authContext && !acrs.includes(need.authContext)) {
      throw new UserProofError('auth_context_missing', `this step needs a sign-in that satisfied the authentication context ${need.authContext}`);
    }
    return {
      oid: claims.oid,
      tenantId: opts.tenantId,
      authenticatedAt: new Date(authTime * 1000).toISOString(),
      acrs,
      amr: strings(claims.amr),
      ...(typeof claims.preferred_username === 'string' ? { upn: claims.preferred_username } : {}),
    };
  };
}

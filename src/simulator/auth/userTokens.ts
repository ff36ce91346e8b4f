/**
 * Delegated (user) access tokens of the local token service, shaped like a v2.0 Teams SSO token
 * (reference entra-graph-2026.md §20.2) plus the claims the backend's proof check reads: `oid`,
 * `tid`, `aud` (the bot's SSO app), `scp`, `amr`, `acrs`, `auth_time`. Signed with the tenant key
 * the token service publishes in its JWKS. Used by the simulator's local-user grant (the local
 * identity provider of `npm start`) and by tests performing the Teams SSO exchange.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { signJwt, type SigningKey } from './jwt';

/** The Teams desktop/mobile client: `azp` of a Teams SSO token (§20.2). */
export const TEAMS_CLIENT_APP_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
export { LOCAL_SSO_APP_ID } from '../../shared/localIdentity';

export interface UserTokenRequest {
  oid: string;
  /** The bot's SSO app id (v2 tokens carry the client id as `aud`). */
  audience: string;
  upn?: string;
  name?: string;
  /** Authentication contexts the sign-in satisfied, e.g. ['c1']. */
  acrs?: string[];
  amr?: string[];
  /** Seconds since the epoch; default: now. */
  authTime?: number;
  /** Seconds since the epoch; default: now. */
  issuedAt?: number;
  lifetimeSeconds?: number;
  /** Override the tenant (tests of a foreign-tenant token). */
  tenantId?: string;
}

export interface UserTokenIssuerOptions {
  tenantId: string;
  /** The issuer, `${authority}/${tenant}/v2.0`. */
  issuer: () => string;
  key: SigningKey;
  clock: Clock;
}

export type UserTokenIssuer = (request: UserTokenRequest) => string;

export function createUserTokenIssuer(opts: UserTokenIssuerOptions): UserTokenIssuer {
  return (r) => {
    const now = Math.floor(opts.clock.now().getTime() / 1000);
    const iat = r.issuedAt ?? now;
    return signJwt(
      {
        aud: r.audience,
        iss: opts.issuer(),
        iat,
        nbf: iat,
        exp: iat + (r.lifetimeSeconds ?? 3600),
        auth_time: r.authTime ?? now,
        tid: r.tenantId ?? opts.tenantId,
        oid: r.oid,
        sub: r.oid,
        azp: TEAMS_CLIENT_APP_ID,
        azpacr: '0',
        scp: 'access_as_user',
        amr: r.amr ?? ['pwd', 'mfa'],
        ...(r.acrs && r.acrs.length > 0 ? { acrs: r.acrs } : {}),
        ...(r.upn ? { preferred_username: r.upn } : {}),
        ...(r.name ? { name: r.name } : {}),
        ver: '2.0',
        uti: randomUUID(),
      },
      opts.key,
    );
  };
}

/**
 * A test identity provider for offline Teams SSO: the simulator's user-token issuer with its own
 * tenant key, and the backend's real jose verifier over that key's JWKS. The conversation harness
 * answers the bot's login request with its tokens, the fake backend checks them.
 */
import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { createUserTokenVerifier, type UserTokenVerifier } from '../../src/backend/auth/userToken';
import type { Clock } from '../../src/shared/clock';
import { createUserTokenIssuer, generateSigningKey, jwkOf, LOCAL_SSO_APP_ID, type UserTokenRequest } from '../../src/simulator';

export const TEST_AUTHORITY = 'https://login.test.example';

export function createTestIdentityProvider(tenantId: string, clock: Clock, opts: { maxAgeSeconds?: number } = {}) {
  const key = generateSigningKey();
  const issue = createUserTokenIssuer({ tenantId, issuer: () => `${TEST_AUTHORITY}/${tenantId}/v2.0`, key, clock });
  const jwks = { keys: [jwkOf(key)] } as unknown as JSONWebKeySet;
  return {
    /** The token Teams SSO would hand the bot for this person. */
    token: (oid: string, over: Partial<UserTokenRequest> = {}) => issue({ oid, audience: LOCAL_SSO_APP_ID, ...over }),
    jwks,
    verifier: (): UserTokenVerifier =>
      createUserTokenVerifier({ keys: createLocalJWKSet(jwks), authorityHost: TEST_AUTHORITY, tenantId, audiences: [LOCAL_SSO_APP_ID], maxAgeSeconds: opts.maxAgeSeconds ?? 600, clock }),
  };
}
export type TestIdentityProvider = ReturnType<typeof createTestIdentityProvider>;

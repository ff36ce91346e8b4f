/**
 * The local Entra token service: OpenID discovery, client-credentials token endpoint (client
 * secret or certificate-signed client assertion) and JWKS; plus verification of the access
 * tokens it issues, used by every Graph request. Contract: shared/reference/toolchain.md §8 Q1.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import type { SimulatorApp } from '../apps';
import { findUser, type SimTenant } from '../types';
import { decodeJwt, jwkOf, publicKeyFromPem, signJwt, verifySignature, type SigningKey } from './jwt';
import { createUserTokenIssuer, type UserTokenIssuer } from './userTokens';

import { LOCAL_USER_GRANT } from '../../shared/localIdentity';

export { LOCAL_USER_GRANT };

export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface AccessClaims {
  appId: string;
  roles: string[];
}

/** The Verifiable Credentials Service Request app (entra-graph-2026.md §19.1): the Request Service's audience. */
export const VERIFIED_ID_RESOURCE = '3db474b9-6a0c-4840-96ac-1fceb342124f';

export type TokenCheck = { ok: true; claims: AccessClaims } | { ok: false; message: string };

export interface TokenServiceDeps {
  tenant: SimTenant;
  apps: SimulatorApp[];
  key: SigningKey;
  baseUrl: () => string;
  /** Wall-clock time for token lifetimes (MSAL caches tokens by real time). */
  clock: Clock;
  /** The tenant's clock for user tokens (their sign-in time is checked against the backend's clock). */
  userClock?: Clock;
}

const GRAPH_AUDIENCES = ['https://graph.microsoft.com', '00000003-0000-0000-c000-000000000000'];
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const SKEW_SECONDS = 300;
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store, no-cache' };

function oauthError(status: number, error: string, code: number, text: string, now: Date): HttpResult {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = now.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    status,
    headers: JSON_HEADERS,
    body: {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** A stable service-principal object id per client id. */
function servicePrincipalId(clientId: string): string {
  const h = createHash('sha256').update(`sp:${clientId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function createTokenService(deps: TokenServiceDeps) {
  const { tenant, key } = deps;
  const tenantMatches = (segment: string) =>
    [tenant.id.toLowerCase(), tenant.defaultDomain.toLowerCase()].includes(segment.toLowerCase());
  const issuer = () => `${deps.baseUrl()}/${tenant.id}/v2.0`;
  const tokenEndpoint = () => `${deps.baseUrl()}/${tenant.id}/oauth2/v2.0/token`;

  function discovery(): HttpResult {
    const base = deps.baseUrl();
    return {
      status: 200,
      headers: JSON_HEADERS,
      body: {
        token_endpoint: tokenEndpoint(),
        authorization_endpoint: `${base}/${tenant.id}/oauth2/v2.0/authorize`,
        issuer: issuer(),
        jwks_uri: `${base}/${tenant.id}/discovery/v2.0/keys`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        id_token_signing_alg_values_supported: ['RS256'],
        tenant_region_scope: 'EU',
      },
    };
  }

  function authenticateClient(form: URLSearchParams, now: Date): SimulatorApp | HttpResult {
    const clientId = form.get('client_id') ?? '';
    const app = deps.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
    const badSecret = () =>
      oauthError(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`, now);
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (!app) return badSecret();
    if (secret !== null) return app.clientSecret !== undefined && sameSecret(secret, app.clientSecret) ? app : badSecret();
    if (assertion !== null && form.get('client_assertion_type') === ASSERTION_TYPE && app.certificatePem) {
      const jwt = decodeJwt(assertion);
      const nowS = now.getTime() / 1000;
      const p = jwt?.payload;
      const audOk = p !== undefined && (Array.isArray(p.aud) ? p.aud.includes(tokenEndpoint()) : p.aud === tokenEndpoint());
      const timeOk = p !== undefined && typeof p.exp === 'number' && p.exp + SKEW_SECONDS > nowS && (typeof p.nbf !== 'number' || p.nbf - SKEW_SECONDS <= nowS);
      const who = p !== undefined && p.iss === app.clientId && p.sub === app.clientId;
      if (jwt && audOk && timeOk && who && verifySignature(jwt, publicKeyFromPem(app.certificatePem), ['RS256', 'PS256'])) return app;
      return oauthError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.', now);
    }
    return oauthError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", now);
  }

  const userToken: UserTokenIssuer = createUserTokenIssuer({ tenantId: tenant.id, issuer, key, clock: deps.userClock ?? deps.clock });

  function localUserToken(form: URLSearchParams, now: Date): HttpResult {
    const user = findUser(tenant, form.get('user') ?? '');
    const audience = form.get('audience') ?? '';
    if (!user) return oauthError(400, 'invalid_grant', 50034, 'The user account does not exist in this directory (local identity provider).', now);
    if (!audience) return oauthError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'audience'.", now);
    const acrs = (form.get('acrs') ?? '').split(/[\s,]+/).filter(Boolean);
    const accessToken = userToken({ oid: user.id, audience, upn: user.upn, acrs });
    return { status: 200, headers: JSON_HEADERS, body: { token_type: 'Bearer', expires_in: 3600, access_token: accessToken, local_identity_provider: true } };
  }

  function token(rawBody: string): HttpResult {
    const now = deps.clock.now();
    const form = new URLSearchParams(rawBody);
    if (form.get('grant_type') === LOCAL_USER_GRANT) return localUserToken(form, now);
    if (form.get('grant_type') !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.', now);
    }
    const app = authenticateClient(form, now);
    if ('status' in app) return app;
    const scope = form.get('scope') ?? '';
    if (!scope.endsWith('/.default') || scope.includes(' ')) {
      return oauthError(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`, now);
    }
    const iat = Math.floor(now.getTime() / 1000);
    const oid = servicePrincipalId(app.clientId);
    const resource = scope.slice(0, -'/.default'.length);
    // App roles are per resource: Graph's are `roles`, the Request Service's are granted separately.
    const roles = resource.toLowerCase() === VERIFIED_ID_RESOURCE ? (app.resourceRoles?.[VERIFIED_ID_RESOURCE] ?? []) : app.roles;
    const accessToken = signJwt(
      {
        aud: resource, iss: issuer(), iat, nbf: iat, exp: iat + 3599,
        app_displayname: app.displayName ?? app.clientId, appid: app.clientId, azp: app.clientId, appidacr: '1',
        idp: issuer(), idtyp: 'app', oid, sub: oid, roles, tid: tenant.id, ver: '1.0', uti: randomUUID(),
      },
      key,
    );
    return { status: 200, headers: JSON_HEADERS, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken } };
  }

  /** Routes /{tenant}/...; undefined when the path is not a token-service path. */
  function handle(method: string, segments: string[], rawBody: string): HttpResult | undefined {
    const [tenantSeg, ...rest] = segments;
    const tail = rest.join('/');
    const known = ['v2.0/.well-known/openid-configuration', 'oauth2/v2.0/token', 'discovery/v2.0/keys'];
    if (tenantSeg === undefined || !known.includes(tail)) return undefined;
    if (!tenantMatches(tenantSeg)) {
      return oauthError(400, 'invalid_tenant', 90002, `Tenant '${tenantSeg}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`, deps.clock.now());
    }
    if (tail === 'oauth2/v2.0/token') {
      return method === 'POST' ? token(rawBody) : oauthError(400, 'invalid_request', 900561, 'The endpoint only accepts POST requests.', deps.clock.now());
    }
    if (method !== 'GET') return { status: 405, headers: JSON_HEADERS, body: { error: 'method_not_allowed' } };
    if (tail === 'discovery/v2.0/keys') return { status: 200, headers: JSON_HEADERS, body: { keys: [jwkOf(key)] } };
    return discovery();
  }

  /** Verified tokens → claims + exp + aud, so the RSA check runs once per token (bounded). */
  const verified = new Map<string, { claims: AccessClaims; exp: number; aud: string }>();
  const badAudience: TokenCheck = { ok: false, message: 'Access token validation failure. Invalid audience.' };

  /** Checks a bearer token for Graph (default) or for the given audiences (the Request Service). */
  function verifyAccessToken(authorization: string | undefined, audiences: readonly string[] = GRAPH_AUDIENCES): TokenCheck {
    const raw = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
    if (!raw) return { ok: false, message: 'Access token is empty.' };
    const hit = verified.get(raw);
    if (hit && hit.exp > deps.clock.now().getTime() / 1000) return audiences.includes(hit.aud) ? { ok: true, claims: hit.claims } : badAudience;
    const result = verifyUncached(raw);
    if (result.ok) {
      if (verified.size >= 1000) verified.clear();
      verified.set(raw, { claims: result.claims, exp: result.exp, aud: result.aud });
      return audiences.includes(result.aud) ? { ok: true, claims: result.claims } : badAudience;
    }
    return result;
  }

  function verifyUncached(raw: string): { ok: true; claims: AccessClaims; exp: number; aud: string } | { ok: false; message: string } {
    const jwt = decodeJwt(raw);
    if (!jwt) return { ok: false, message: 'IDX14100: JWT is not well formed, there are no dots (.).' };
    if (jwt.header.kid !== key.kid || !verifySignature(jwt, key.publicKey)) return { ok: false, message: 'Access token validation failure. Invalid signature.' };
    const p = jwt.payload;
    const nowS = deps.clock.now().getTime() / 1000;
    if (typeof p.exp !== 'number' || p.exp <= nowS || (typeof p.nbf === 'number' && p.nbf - SKEW_SECONDS > nowS)) {
      return { ok: false, message: 'Access token has expired or is not yet valid.' };
    }
    if (typeof p.aud !== 'string') return { ok: false, message: 'Access token validation failure. Invalid audience.' };
    if (p.tid !== tenant.id) return { ok: false, message: 'Access token validation failure. Invalid issuer.' };
    const roles = Array.isArray(p.roles) ? p.roles.filter((r): r is string => typeof r === 'string') : [];
    return { ok: true, claims: { appId: typeof p.appid === 'string' ? p.appid : '', roles }, exp: p.exp, aud: p.aud };
  }

  return { handle, verifyAccessToken, userToken };
}

export type TokenService = ReturnType<typeof createTokenService>;

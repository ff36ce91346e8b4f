/**
 * The Verified ID Request Service stand-in (dev/test only): `POST /v1.0/verifiableCredentials/createPresentationRequest`
 * with an app token for the Verifiable Credentials Service Request app (aud 3db474b9-…, role
 * VerifiableCredential.Create.All or .PresentRequest), answered 201 with the real shape or the real
 * error body. Injected failures: the fixture's `simulation.failures` with a path starting
 * `/verifiableCredentials`. The wallet side is wallet.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { VERIFIED_ID_RESOURCE, type HttpResult, type TokenService } from '../auth/tokenService';
import type { SimFailure, SimTenant } from '../types';
import { JSON_HEADERS, requestServiceError } from './errors';
import { validatePresentationRequest, type ValidPresentationRequest } from './presentationRequest';

export const CREATE_PRESENTATION_PATH = '/v1.0/verifiableCredentials/createPresentationRequest';
const ROLES = ['VerifiableCredential.Create.All', 'VerifiableCredential.Create.PresentRequest'];
/** How long a presentation request can be opened (the service's `expiry`; the sample caches 300 s). */
export const PRESENTATION_TTL_SECONDS = 300;

export interface PresentationSession {
  requestId: string;
  request: ValidPresentationRequest;
  /** Seconds since the epoch. */
  expiry: number;
  /** Callbacks already sent (the wallet presents once). */
  done: boolean;
}

export interface VerifiedIdDeps {
  tenant: SimTenant;
  clock: Clock;
  tokens: Pick<TokenService, 'verifyAccessToken'>;
  baseUrl: () => string;
}

export function createVerifiedIdService(deps: VerifiedIdDeps) {
  const sessions = new Map<string, PresentationSession>();
  const used = new WeakMap<SimFailure, number>();

  function injected(path: string): HttpResult | undefined {
    for (const f of deps.tenant.simulation.failures) {
      if (!f.path.toLowerCase().startsWith('/verifiablecredentials') || !path.toLowerCase().startsWith(f.path.toLowerCase())) continue;
      const n = used.get(f) ?? 0;
      if (n >= (f.times ?? 1)) continue;
      used.set(f, n + 1);
      const transient = f.status === 429 || f.status >= 500;
      const retry = f.retryAfterSeconds ?? (f.status === 429 ? 1 : undefined);
      return requestServiceError(
        deps.clock,
        f.status,
        { code: transient ? 'transientError' : 'badOrMissingField', message: f.message ?? (f.status === 429 ? 'The request was throttled. Retry later.' : 'A transient error occurred. Retry later.') },
        retry !== undefined ? { 'retry-after': String(retry) } : {},
      );
    }
    return undefined;
  }

  function create(authorization: string | undefined, rawBody: string): HttpResult {
    const auth = deps.tokens.verifyAccessToken(authorization, [VERIFIED_ID_RESOURCE, `api://${VERIFIED_ID_RESOURCE}`]);
    if (!auth.ok) return requestServiceError(deps.clock, 401, { code: 'tokenError', message: auth.message });
    if (!auth.claims.roles.some((r) => ROLES.includes(r))) {
      return requestServiceError(deps.clock, 403, { code: 'tokenError', message: 'The access token does not have the VerifiableCredential.Create.All role.' });
    }
    const failed = injected('/verifiableCredentials/createPresentationRequest');
    if (failed) return failed;
    let body: unknown;
    try {
      body = JSON.parse(rawBody) as unknown;
    } catch {
      return requestServiceError(deps.clock, 400, { code: 'badOrMissingField', message: 'The request body is not valid JSON.' });
    }
    const valid = validatePresentationRequest(body, deps.clock);
    if ('status' in valid) return valid;
    const requestId = randomUUID();
    const expiry = Math.floor(deps.clock.now().getTime() / 1000) + PRESENTATION_TTL_SECONDS;
    sessions.set(requestId, { requestId, request: valid, expiry, done: false });
    const url = `openid-vc://?request_uri=${deps.baseUrl()}/v1.0/${deps.tenant.id}/verifiableCredentials/presentationRequests/${requestId}`;
    const qr = valid.includeQRCode ? { qrCode: `data:image/png;base64,${randomBytes(24).toString('base64')}` } : {};
    return { status: 201, headers: JSON_HEADERS, body: { requestId, url, expiry, ...qr } };
  }

  /** Routes the Request Service paths; undefined for any other path. */
  function handle(method: string, pathname: string, authorization: string | undefined, rawBody: string): HttpResult | undefined {
    if (pathname.toLowerCase() !== CREATE_PRESENTATION_PATH.toLowerCase()) return undefined;
    if (method !== 'POST') return requestServiceError(deps.clock, 404, { code: 'notFound', message: `No ${method} ${pathname}.` });
    return create(authorization, rawBody);
  }

  return { handle, session: (requestId: string) => sessions.get(requestId) };
}

export type VerifiedIdService = ReturnType<typeof createVerifiedIdService>;

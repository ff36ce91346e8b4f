/**
 * Backend outages exactly as the real client (src/backend/client.ts) reports them, for the fake
 * backend: the same AppError kind, `expected` flag and details, built by the client's own code.
 */
import { errorFromResponse, unreachableError } from '../../src/backend/client';
import type { AppError } from '../../src/shared/errors';

export const outage = {
  /** Connection refused / reset / DNS: fetch rejected before any answer. */
  unreachable: (): AppError => unreachableError(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) })),
  /** The client's timeout (AbortSignal.timeout) fired. */
  timedOut: (): AppError => unreachableError(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
  /** The backend answered 503 graph_unavailable (its own Graph is down or throttled). */
  graphUnavailable: (): AppError => errorFromResponse(503, { error: { code: 'graph_unavailable', message: 'Microsoft Graph is not answering', requestId: 'req-1' } }),
  /** A proxy in front of the backend answered 502 with an HTML page. */
  badGateway: (): AppError => errorFromResponse(502, null),
  /** The backend refused for now (429 rate_limited). */
  rateLimited: (): AppError => errorFromResponse(429, { error: { code: 'rate_limited', message: 'too many requests', details: { retryAfterSeconds: 30 } } }),
};

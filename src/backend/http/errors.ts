/** One mapping from failures to HTTP status + the API error body (api.ts ApiErrorBodySchema). */
import { describeError, isAppError } from '../../shared/errors';
import type { ApiErrorBody, ApiErrorCode } from '../api';
import { GraphUnavailableError, UserNotFoundError } from '../graph/errors';
import { RequestServiceError } from '../verifiedId/requestServiceClient';

export interface HttpError {
  status: number;
  body: ApiErrorBody;
  /** Unexpected failures are logged at error level. */
  unexpected: boolean;
}

export function toHttpError(e: unknown, requestId: string): HttpError {
  const make = (status: number, code: ApiErrorCode, message: string, unexpected = false): HttpError => ({
    status,
    body: { error: { code, message, requestId } },
    unexpected,
  });
  if (e instanceof UserNotFoundError) return make(404, 'user_not_found', e.message);
  if (e instanceof GraphUnavailableError) return make(503, 'graph_unavailable', 'Microsoft Graph could not be reached; try again shortly', true);
  if (e instanceof RequestServiceError) {
    // Throttled: the caller may try again; down: an outage; any other refusal: our request or role is wrong.
    if (e.status === 429) return make(429, 'rate_limited', `${e.message}; try again${e.retryAfterSeconds !== undefined ? ` in ${e.retryAfterSeconds} s` : ' shortly'}`);
    return make(e.transient ? 503 : 502, 'verified_id_unavailable', e.message, true);
  }
  if (!isAppError(e)) return make(500, 'internal', `internal error (request ${requestId})`, true);
  switch (e.kind) {
    case 'bad_request': {
      const status = e.details.status === 413 ? 413 : 400;
      return make(status, 'bad_request', e.message);
    }
    case 'unauthenticated':
      return make(401, 'unauthenticated', e.message);
    case 'forbidden':
      return make(403, 'forbidden', e.message);
    case 'not_found':
      return make(404, 'not_found', e.message);
    case 'conflict':
      return make(409, 'conflict', e.message);
    case 'refused':
      return make(409, 'refused', e.message);
    case 'rate_limited':
      return make(429, 'rate_limited', e.message);
    case 'unavailable':
      return make(503, 'graph_unavailable', e.message, true);
    default:
      return make(500, 'internal', `internal error (request ${requestId}): ${e.kind === 'config' ? 'the backend is misconfigured' : 'unexpected failure'}`, true);
  }
}

export { describeError };

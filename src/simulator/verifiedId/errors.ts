/**
 * The Request Service's error body (entra-graph-2026.md §19.2, entra-docs verified-id/error-codes.md):
 * `{ requestId, date, mscv, error: { code, message, innererror: { code, message, target } } }`. The
 * outer code mirrors the HTTP status; the inner one is badOrMissingField, notFound, tokenError or
 * transientError.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import type { HttpResult } from '../auth/tokenService';

export type InnerCode = 'badOrMissingField' | 'notFound' | 'tokenError' | 'transientError';

const OUTER: Record<number, { code: string; message: string }> = {
  400: { code: 'badRequest', message: 'The request is invalid.' },
  401: { code: 'unauthorized', message: 'The request is not authorized.' },
  403: { code: 'forbidden', message: 'The request is forbidden.' },
  404: { code: 'notFound', message: 'The requested resource was not found.' },
  429: { code: 'tooManyRequests', message: 'Too many requests.' },
  500: { code: 'internalServerError', message: 'An internal server error occurred.' },
  502: { code: 'badGateway', message: 'Bad gateway.' },
  503: { code: 'serviceUnavailable', message: 'The service is unavailable.' },
  504: { code: 'gatewayTimeout', message: 'The gateway timed out.' },
};

export const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export function requestServiceError(clock: Clock, status: number, inner: { code: InnerCode; message: string; target?: string }, headers: Record<string, string> = {}): HttpResult {
  const outer = OUTER[status] ?? { code: status >= 500 ? 'internalServerError' : 'badRequest', message: 'The request failed.' };
  return {
    status,
    headers: { ...JSON_HEADERS, ...headers },
    body: {
      requestId: randomUUID(),
      date: clock.now().toUTCString(),
      mscv: `${randomBytes(12).toString('base64url').slice(0, 16)}.1`,
      error: { code: outer.code, message: outer.message, innererror: { code: inner.code, message: inner.message, ...(inner.target ? { target: inner.target } : {}) } },
    },
  };
}

/** `badOrMissingField` naming the field, as the service words it. */
export const badField = (clock: Clock, target: string, message: string): HttpResult => requestServiceError(clock, 400, { code: 'badOrMissingField', message, target });

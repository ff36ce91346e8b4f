/** Graph's error body (entra-graph.md §0.2) and the response headers every answer carries. */
import type { Clock } from '../../shared/clock';
import type { GraphRequest, GraphResponse } from './types';

export const JSON_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** `2025-01-23T15:18:10`: no fractional seconds, no Z (as on the wire). */
export function graphDate(clock: Clock): string {
  return clock.now().toISOString().slice(0, 19);
}

export function errorBody(
  clock: Clock,
  ids: { requestId: string; clientRequestId: string },
  code: string,
  message: string,
  innerMessage?: string,
): { error: Record<string, unknown> } {
  const innerError: Record<string, unknown> = {};
  if (innerMessage !== undefined) innerError.message = innerMessage;
  innerError.date = graphDate(clock);
  innerError['request-id'] = ids.requestId;
  innerError['client-request-id'] = ids.clientRequestId;
  return { error: { code, message, innerError } };
}

export function errorResponse(
  clock: Clock,
  req: Pick<GraphRequest, 'requestId' | 'clientRequestId'>,
  status: number,
  code: string,
  message: string,
  opts: { innerMessage?: string; headers?: Record<string, string> } = {},
): GraphResponse {
  return {
    status,
    headers: { 'content-type': JSON_CONTENT_TYPE, ...(opts.headers ?? {}) },
    body: errorBody(clock, req, code, message, opts.innerMessage),
  };
}

/** Default code and message for an injected failure status. */
export function defaultFault(status: number): { code: string; message: string } {
  switch (status) {
    case 400: return { code: 'BadRequest', message: 'Bad request.' };
    case 401: return { code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.' };
    case 403: return { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };
    case 404: return { code: 'Request_ResourceNotFound', message: 'Resource does not exist or one of its queried reference-property objects are not present.' };
    case 429: return { code: 'TooManyRequests', message: 'Too many requests from Identifier: local-simulator. Please try again later.' };
    case 500: return { code: 'generalException', message: 'An internal server error occurred.' };
    case 502: return { code: 'BadGateway', message: 'Bad gateway.' };
    case 503: return { code: 'serviceNotAvailable', message: 'The service is temporarily unavailable. Please try again later.' };
    case 504: return { code: 'GatewayTimeout', message: 'The gateway timed out. Please try again later.' };
    default: return { code: 'UnknownError', message: `Simulated failure (${status}).` };
  }
}

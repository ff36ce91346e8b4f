/** The /v1.0 HTTP front: bearer check, JSON body, $batch or single dispatch, standard headers. */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { TokenService } from '../auth/tokenService';
import { runBatch } from '../graph/batch';
import type { Dispatch, SimStats } from '../graph/dispatch';
import { errorResponse } from '../graph/errors';
import type { GraphContext, GraphRequest, GraphResponse } from '../graph/types';
import { parseGraphUrl } from '../graph/url';

const DIAGNOSTIC = JSON.stringify({ ServerInfo: { DataCenter: 'Local', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'SIMULATOR', ADSiteName: 'LOC' } });

function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function createGraphHttp(ctx: GraphContext, tokens: TokenService, dispatch: Dispatch, stats: () => SimStats) {
  return function handleGraph(method: string, relativeUrl: string, rawHeaders: IncomingHttpHeaders, rawBody: string): GraphResponse {
    const s = stats();
    s.httpRequests++;
    const headers = flatHeaders(rawHeaders);
    const requestId = randomUUID();
    const ids = { requestId, clientRequestId: headers['client-request-id'] ?? requestId };
    const finish = (r: GraphResponse): GraphResponse => ({
      ...r,
      headers: { ...r.headers, 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId, 'x-ms-ags-diagnostic': DIAGNOSTIC },
    });
    const url = parseGraphUrl(relativeUrl);
    if (!url) return finish(errorResponse(ctx.clock, ids, 400, 'BadRequest', 'The request URL is not valid.'));
    const auth = tokens.verifyAccessToken(headers.authorization);
    if (!auth.ok) {
      s.requests++;
      return finish(errorResponse(ctx.clock, ids, 401, 'InvalidAuthenticationToken', auth.message, { headers: { 'www-authenticate': 'Bearer realm=""' } }));
    }
    let body: unknown;
    if (rawBody.trim().length > 0) {
      try {
        body = JSON.parse(rawBody) as unknown;
      } catch {
        return finish(errorResponse(ctx.clock, ids, 400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.'));
      }
    }
    const req: GraphRequest = { ...url, method: method.toUpperCase(), headers, body, claims: auth.claims, ...ids };
    if (url.segments.length === 1 && url.segments[0] === '$batch' && req.method === 'POST') {
      s.batches++;
      return finish(runBatch(ctx, req, dispatch));
    }
    return finish(dispatch(req));
  };
}

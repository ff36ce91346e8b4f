/**
 * The lowest layer of the gateway: one HTTP request to Graph, or one `POST /$batch`, returning
 * statuses, headers and bodies without interpretation. Retries live in retry.ts.
 */
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';

export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface GraphCall {
  /** Unique within one batch. */
  id: string;
  method: GraphMethod;
  /** Relative to the version root, e.g. `/users/x/authentication/methods` (no /v1.0). */
  url: string;
  body?: unknown;
}

export interface GraphReply {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
}

export type BatchOutcome =
  | { kind: 'ok'; replies: Map<string, GraphReply> }
  /** The $batch request itself failed (e.g. 429/503 on the whole batch). */
  | { kind: 'failed'; reply: GraphReply };

/** No HTTP answer at all: network error, timeout, or the token service failed. */
export class TransportError extends Error {
  readonly reason: 'network' | 'timeout' | 'credential';
  constructor(reason: 'network' | 'timeout' | 'credential', message: string) {
    super(message);
    this.name = 'TransportError';
    this.reason = reason;
  }
}

export interface GraphTransport {
  send(call: GraphCall): Promise<GraphReply>;
  /** ≤ 20 calls in one `POST /$batch`; replies are correlated by id (they arrive in any order). */
  batch(calls: GraphCall[]): Promise<BatchOutcome>;
}

export const MAX_BATCH = 20;

function headersOf(h: Headers | Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (typeof (h as Headers).forEach === 'function' && typeof (h as Headers).get === 'function') {
    (h as Headers).forEach((v, k) => (out[k.toLowerCase()] = v));
    return out;
  }
  for (const [k, v] of Object.entries(h)) if (typeof v === 'string' || typeof v === 'number') out[k.toLowerCase()] = String(v);
  return out;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text.length === 0) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Maps what the SDK throws when no response arrived (it wraps the cause's name into `code`). */
function classify(e: unknown): TransportError {
  const err = e as { code?: unknown; name?: unknown; message?: unknown; body?: unknown };
  const name = typeof err.code === 'string' && err.code ? err.code : typeof err.name === 'string' ? err.name : 'Error';
  const text = `${name} ${typeof err.message === 'string' ? err.message : ''} ${typeof err.body === 'string' ? err.body : ''}`;
  if (/TimeoutError|AbortError|aborted/i.test(text)) return new TransportError('timeout', 'Graph did not answer in time');
  if (/AuthenticationError|AADSTS|invalid_client|unauthorized_client/i.test(text)) {
    return new TransportError('credential', 'the token service rejected the Graph credential');
  }
  if (/CredentialUnavailable|endpoints_resolution/i.test(text)) return new TransportError('network', 'the token service could not be reached');
  return new TransportError('network', `Graph could not be reached (${name})`);
}

const BatchResponseSchemaGuard = (v: unknown): v is { responses: Array<{ id: unknown; status: unknown; headers?: unknown; body?: unknown }> } =>
  typeof v === 'object' && v !== null && Array.isArray((v as { responses?: unknown }).responses);

/** A transport over a real Graph SDK client; every call carries a timeout. */
export function createClientTransport(client: Client, opts: { timeoutMs: number }): GraphTransport {
  async function raw(method: GraphMethod, url: string, body?: unknown): Promise<GraphReply> {
    const request = client.api(url).responseType(ResponseType.RAW).option('signal', AbortSignal.timeout(opts.timeoutMs));
    let res: Response;
    try {
      if (method === 'GET') res = (await request.get()) as Response;
      else if (method === 'DELETE') res = (await request.delete()) as Response;
      else if (method === 'PATCH') res = (await request.patch(body ?? {})) as Response;
      else res = (await request.post(body ?? {})) as Response;
      return { status: res.status, headers: headersOf(res.headers), body: await readBody(res) };
    } catch (e) {
      throw classify(e);
    }
  }

  return {
    send: (call) => raw(call.method, call.url, call.body),
    async batch(calls) {
      if (calls.length === 0) return { kind: 'ok', replies: new Map() };
      if (calls.length > MAX_BATCH) throw new Error(`a $batch holds at most ${MAX_BATCH} requests`);
      const requests = calls.map((c) => ({
        id: c.id,
        method: c.method,
        url: c.url,
        ...(c.body === undefined ? {} : { body: c.body, headers: { 'Content-Type': 'application/json' } }),
      }));
      const reply = await raw('POST', '/$batch', { requests });
      if (reply.status !== 200 || !BatchResponseSchemaGuard(reply.body)) return { kind: 'failed', reply };
      const replies = new Map<string, GraphReply>();
      for (const r of reply.body.responses) {
        if (typeof r.id !== 'string' || typeof r.status !== 'number') continue;
        replies.set(r.id, { status: r.status, headers: headersOf(r.headers as Record<string, unknown> | undefined), body: r.body ?? null });
      }
      return { kind: 'ok', replies };
    },
  };
}

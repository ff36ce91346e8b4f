/**
 * The response object the Bot Framework SDK writes to, in front of restify's: it keeps the SDK's
 * status and body, and on end() turns every error into the JSON error body of the API. An invoke
 * no handler answered (the SDK's 501) becomes 400 `unsupported_activity`; an SDK failure (500, its
 * text is the exception message) becomes 500 `internal` with a reference, never the message.
 */
import type * as restify from 'restify';
import { newReference } from '../shared/ids';

const CODE: Record<number, string> = { 400: 'bad_request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 413: 'bad_request', 415: 'bad_request' };

export interface JsonAnswer {
  socket: unknown;
  header(name: string, value: unknown): void;
  status(code: number): void;
  send(body?: unknown): void;
  end(): void;
}

export function jsonAnswer(res: restify.Response, onInternal: (detail: unknown) => void): JsonAnswer {
  let status = 200;
  let body: unknown;
  let ended = false;
  return {
    socket: (res as unknown as { socket: unknown }).socket,
    header: (name, value) => {
      res.header(name, value);
    },
    status: (code) => {
      status = code;
    },
    send: (b) => {
      body = b;
    },
    end: () => {
      if (ended || res.headersSent) return;
      ended = true;
      if (status < 400) {
        if (body === undefined) res.send(status);
        else res.send(status, body);
        return;
      }
      if (status === 501) {
        res.send(400, { error: { code: 'unsupported_activity', message: 'this bot does not handle this activity' } });
        return;
      }
      if (status >= 500) {
        const reference = newReference();
        onInternal({ status, reference, body: typeof body === 'string' ? body.slice(0, 300) : body });
        res.send(500, { error: { code: 'internal', message: 'processing failed', reference } });
        return;
      }
      const given = body as { error?: { code?: unknown } } | undefined;
      if (given && typeof given === 'object' && typeof given.error?.code === 'string') res.send(status, body);
      else res.send(status, { error: { code: CODE[status] ?? 'bad_request', message: typeof body === 'string' && body ? body.slice(0, 300) : `status ${status}` } });
    },
  };
}

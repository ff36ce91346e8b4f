/**
 * The bot's HTTP server (restify): POST /api/messages, GET /healthz, and a hook for the check
 * page routes. Malformed activities are answered 400 with a JSON error before they reach the SDK.
 */
import type { AddressInfo } from 'node:net';
import type { Request as BotRequest, Response as BotResponse, TurnContext } from 'botbuilder';
import * as restify from 'restify';
import type { AppMode } from '../config';
import { AppError, describeError } from '../shared/errors';
import { ActivityEnvelopeSchema } from './activityEnvelope';
import { jsonAnswer } from './jsonAnswer';
import { newReference } from '../shared/ids';
import type { Logger } from '../shared/logger';

export interface ActivityProcessor {
  process(req: BotRequest, res: BotResponse, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export interface TurnRunner {
  run(context: TurnContext): Promise<boolean>;
}

export interface BotServerOptions {
  adapter: ActivityProcessor;
  app: TurnRunner;
  logger: Logger;
  mode: AppMode;
  host: string;
  port: number;
  /** Adds more routes (the browser self-check page). */
  register?: (server: restify.Server) => void;
  /** Largest accepted activity body in bytes. Default 256 KiB. */
  maxBodyBytes?: number;
}

export interface BotServer {
  server: restify.Server;
  listen(): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

export { ActivityEnvelopeSchema };

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function badRequest(res: restify.Response, message: string): void {
  res.send(400, { error: { code: 'bad_request', message } });
}

async function readBody(req: restify.Request, max: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createBotServer(opts: BotServerOptions): BotServer {
  if (opts.mode === 'local' && !LOOPBACK.has(opts.host)) {
    throw new AppError('config', `local mode binds to loopback only (got ${opts.host})`);
  }
  const log = opts.logger.child({ component: 'bot-server' });
  const server = restify.createServer({ name: 'mfa-assistant-bot' });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const raw = await readBody(req, opts.maxBodyBytes ?? 256 * 1024);
    if (raw === undefined) return res.send(413, { error: { code: 'bad_request', message: 'activity too large' } });
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return badRequest(res, 'body is not valid JSON');
    }
    const parsed = ActivityEnvelopeSchema.safeParse(body);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ');
      log.warn({ fields }, 'malformed activity rejected');
      return badRequest(res, `malformed activity: ${fields}`);
    }
    (req as unknown as { body: unknown }).body = parsed.data;
    // The SDK answers with its own statuses and plain-text bodies; jsonAnswer makes every error a
    // JSON error body and an unhandled invoke (SDK: 501) a 400, so no malformed activity gets a 5xx.
    const answer = jsonAnswer(res, (e) => log.error({ err: describeError(e) }, 'activity processing failed'));
    try {
      await opts.adapter.process(req as unknown as BotRequest, answer as unknown as BotResponse, async (ctx) => {
        await opts.app.run(ctx);
      });
    } catch (e) {
      const reference = newReference();
      log.error({ reference, err: describeError(e) }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: { code: 'internal', message: 'processing failed', reference } });
    }
  });

  opts.register?.(server);

  return {
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port, opts.host, () => {
          const address = server.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          log.info({ port: address.port, host: opts.host }, 'bot listening');
          resolve({ port: address.port, url: `http://${host}:${address.port}` });
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

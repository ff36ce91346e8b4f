/**
 * The demo page's routes on the bot's server, in local mode only: GET /demo (the page),
 * GET /demo/api/state, POST /demo/api/persona and /demo/api/use-pass ({"who": "<upn>"}).
 * Refused (403) unless the request comes from loopback to a loopback host name, and POSTs must be
 * JSON from no origin or a loopback one (a web page elsewhere cannot drive the demo).
 * The service is attached once the Playground runs; until then the API answers 503.
 */
import { randomBytes } from 'node:crypto';
import type * as restify from 'restify';
import { z } from 'zod';
import { DemoError, type DemoService } from './service';
import { renderDemoPage } from './page';

const LOOPBACK_ADDR = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;
const BodySchema = z.object({ who: z.string().min(1).max(200) }).strict();

export interface DemoHost {
  attach(service: DemoService): void;
  register(server: restify.Server): void;
}

export function isLocalRequest(req: Pick<restify.Request, 'headers' | 'socket'>): boolean {
  const host = String(req.headers.host ?? '');
  return LOOPBACK_ADDR.has(req.socket.remoteAddress ?? '') && LOOPBACK_HOST.test(host);
}

function sameOriginPost(req: restify.Request): boolean {
  const type = String(req.headers['content-type'] ?? '');
  const origin = req.headers.origin;
  if (!type.toLowerCase().startsWith('application/json')) return false;
  if (origin === undefined) return true;
  try {
    return LOOPBACK_HOST.test(new URL(String(origin)).host);
  } catch {
    return false;
  }
}

async function readJson(req: restify.Request): Promise<unknown> {
  let raw = '';
  for await (const chunk of req as AsyncIterable<Buffer>) {
    raw += chunk.toString('utf8');
    if (raw.length > 4096) throw new DemoError(413, 'Request too large.');
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new DemoError(400, 'The body is not JSON.');
  }
}

export function createDemoHost(): DemoHost {
  let service: DemoService | undefined;
  const json = (res: restify.Response, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const guard = (req: restify.Request, res: restify.Response): DemoService | undefined => {
    if (!isLocalRequest(req)) {
      json(res, 403, { error: 'The demo page is served to this machine only (loopback).' });
      return undefined;
    }
    if (!service) json(res, 503, { error: 'The demo is still starting.' });
    return service;
  };
  const action = (run: (s: DemoService, who: string) => Promise<unknown>) => async (req: restify.Request, res: restify.Response) => {
    const s = guard(req, res);
    if (!s) return;
    if (!sameOriginPost(req)) return json(res, 403, { error: 'Send JSON from the demo page.' });
    try {
      const body = BodySchema.safeParse(await readJson(req));
      if (!body.success) return json(res, 400, { error: 'Expected {"who": "<UPN or name>"}.' });
      json(res, 200, await run(s, body.data.who));
    } catch (e) {
      if (e instanceof DemoError) return json(res, e.status, { error: e.message });
      json(res, 500, { error: e instanceof Error ? e.message : String(e) });
    }
  };
  return {
    attach: (s) => {
      service = s;
    },
    register(server) {
      server.get('/demo', (req, res, next) => {
        const s = guard(req, res);
        if (s) {
          const nonce = randomBytes(16).toString('base64');
          res.writeHead(200, {
            'content-type': 'text/html; charset=utf-8',
            'cache-control': 'no-store',
            'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`,
          });
          res.end(renderDemoPage(s.state(), nonce));
        }
        next();
      });
      server.get('/demo/api/state', (req, res, next) => {
        const s = guard(req, res);
        if (s) json(res, 200, s.state());
        next();
      });
      server.post('/demo/api/persona', action(async (s, who) => ({ current: (await s.switchTo(who)).current })));
      server.post('/demo/api/use-pass', action((s, who) => s.usePass(who)));
    },
  };
}

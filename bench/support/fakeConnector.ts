/**
 * A recording Bot Connector on loopback for protocol tests and the bot benchmark: every POST/PUT
 * to /v3/conversations/... is answered 201/200 with a fresh activity id and (optionally) kept, so a
 * test can assert exactly what the bot sent. Unlike src/simulator/connector (Teams limits,
 * proactive installs), it never refuses: it measures the bot, not the connector.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  /** The path, decoded: /v3/conversations/<conversationId>/activities[/<replyToId>]. */
  path: string;
  conversationId: string;
  /** The activity id in the path (a reply or an update), if any. */
  activityId?: string;
  body: unknown;
  /** The Authorization header was present (never its value). */
  authorized: boolean;
}

export interface FakeConnector {
  /** http://127.0.0.1:<port>/ — use as the activity's serviceUrl. */
  url: string;
  calls: ConnectorCall[];
  /** Calls answered so far (counted even when not recorded). */
  count(): number;
  /** Resolves once at least `n` calls have been recorded (or rejects after `timeoutMs`). */
  waitForCalls(n: number, timeoutMs?: number): Promise<ConnectorCall[]>;
  reset(): void;
  close(): Promise<void>;
}

const PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeConnector(opts: { record?: boolean } = {}): Promise<FakeConnector> {
  const record = opts.record ?? true;
  const calls: ConnectorCall[] = [];
  let answered = 0;
  let waiters: Array<() => void> = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://connector');
    const m = PATH.exec(url.pathname);
    const method = req.method ?? 'GET';
    if (!m || (method !== 'POST' && method !== 'PUT')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'NotFound', message: `${method} ${url.pathname}` } }));
      return;
    }
    answered++;
    const id = `activity-${answered}`;
    if (record) {
      let body: unknown = raw;
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        /* kept as text */
      }
      const conversationId = decodeURIComponent(m[1] ?? '');
      const activityId = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
      calls.push({ method, path: decodeURIComponent(url.pathname), conversationId, ...(activityId ? { activityId } : {}), body, authorized: typeof req.headers.authorization === 'string' });
      for (const w of waiters.splice(0)) w();
    }
    res.writeHead(method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id }));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.keepAliveTimeout = 30000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    count: () => answered,
    async waitForCalls(n, timeoutMs = 10000) {
      const deadline = Date.now() + timeoutMs;
      while (calls.length < n) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${n} connector calls, got ${calls.length}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return calls;
    },
    reset() {
      calls.length = 0;
      waiters = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

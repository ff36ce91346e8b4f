/** A Bot Connector stand-in on loopback: records every send (POST) and update (PUT), answers ids. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

export interface Call {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  body: Partial<Activity>;
}

export interface FakeConnector {
  url: string;
  calls: Call[];
  /** Make the next sends to conversations matching this fail with 503 (a connector outage). */
  failSendsTo(pattern: RegExp | undefined): void;
  close(): Promise<void>;
}

export async function startConnector(): Promise<FakeConnector> {
  const calls: Call[] = [];
  let failing: RegExp | undefined;
  let n = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const path = decodeURIComponent(req.url ?? '');
      const m = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?/.exec(path);
      const conversationId = m?.[1] ?? '';
      if (failing?.test(conversationId) && req.method === 'POST') {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      const id = req.method === 'PUT' ? (m?.[2] ?? '') : `act-${++n}`;
      calls.push({ method: req.method ?? '', path, conversationId, ...(m?.[2] ? { activityId: m[2] } : {}), body: JSON.parse(raw || '{}') as Partial<Activity> });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    failSendsTo: (p) => (failing = p),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

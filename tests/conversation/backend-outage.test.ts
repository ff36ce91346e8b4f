/**
 * Backend outages through the REAL client (src/backend/client.ts) over loopback HTTP: down,
 * too slow (the client's timeout), 503 graph_unavailable, a proxy's 502 page, 429. Each one shows
 * the designed "I can't check right now" card with Try again, never the generic apology.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBackendClient } from '../../src/backend/client';
import { action, actions, allText, cardFrom, rootTitle, texts } from './cards';
import { CA_BLOCK } from './fixtures';
import { createHarness, type Harness } from './harness';

type Mode = 'ok' | 'slow' | '503' | '502' | '429';

describe('backend outages seen through the real backend client', () => {
  let server: http.Server;
  let url: string;
  let mode: Mode = 'ok';
  const held: http.ServerResponse[] = [];
  let h: Harness;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (mode === 'slow') return void held.push(res);
        const send = (status: number, body: unknown, type = 'application/json') => {
          res.writeHead(status, { 'content-type': type });
          res.end(typeof body === 'string' ? body : JSON.stringify(body));
        };
        if (mode === '503') return send(503, { error: { code: 'graph_unavailable', message: 'Graph did not answer', requestId: 'r-1' } });
        if (mode === '502') return send(502, '<html><body>Bad gateway</body></html>', 'text/html');
        if (mode === '429') return send(429, { error: { code: 'rate_limited', message: 'slow down', details: { retryAfterSeconds: 10 } } });
        send(200, { user: { id: 'u', displayName: 'Alice' }, findings: [CA_BLOCK], gaps: [], graph: { requests: 1, roundTrips: 1 }, diagnosedAt: '2026-11-26T09:00:00.000Z' });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const res of held) res.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
  afterEach(() => {
    h.cleanup();
    mode = 'ok';
  });

  function harnessAt(baseUrl: string): Harness {
    h = createHarness({ deps: { backend: createBackendClient({ baseUrl, getToken: async () => 'local-key', timeoutMs: 150 }) } });
    return h;
  }

  async function expectTryAgain(): Promise<Record<string, unknown>> {
    const card = cardFrom((await h.say('my session expired'))[0]);
    expect(texts(card)[0]).toBe("I can't check right now");
    expect(allText(card)).toContain('Please try again in a minute.');
    expect(allText(card)).not.toContain('Reference:');
    expect(actions(card).map((a) => a.verb)).toContain('tryAgain');
    return card;
  }

  it('when nothing listens at the backend address, the employee sees "I can\'t check right now" with Try again', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((r) => closed.close(() => r()));
    harnessAt(deadUrl);
    await expectTryAgain();
    expect(h.logs.some((l) => l.msg === 'backend unavailable' && l.level === 40)).toBe(true);
  });

  it('when the backend does not answer within the client timeout, the employee sees the try-again card', async () => {
    harnessAt(url);
    mode = 'slow';
    await expectTryAgain();
  });

  it.each([['503 graph_unavailable', '503'], ['a proxy 502 page', '502'], ['429 rate_limited', '429']] as const)(
    'when the backend answers %s, the employee sees the try-again card',
    async (_name, m) => {
      harnessAt(url);
      mode = m;
      await expectTryAgain();
    },
  );

  it('when the backend is back, Try again on the outage card shows the diagnosis', async () => {
    harnessAt(url);
    mode = '503';
    const card = await expectTryAgain();
    mode = 'ok';
    const retried = cardFrom((await h.press('tryAgain', action(card, 'tryAgain').data ?? {}))[0]);
    expect(rootTitle(retried)).toBe(CA_BLOCK.title);
  });
});

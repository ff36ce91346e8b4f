/**
 * Graceful shutdown of the real bot process (src/index.ts, APP_ROLE=bot): on SIGTERM it stops
 * accepting connections at once, lets the turn that is in flight finish (its reply reaches the
 * connector and the HTTP answer reaches the caller), then closes the store and exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(__dirname, '../../..');
const TENANT = '11111111-2222-3333-4444-555555555555';

interface Held {
  path: string;
  res: ServerResponse;
  aborted: boolean;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function activity(serviceUrl: string) {
  return {
    type: 'message',
    id: 'activity-1',
    text: 'hello',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:alice', aadObjectId: '00000000-0000-0000-0000-00000000a11c', name: 'Alice' },
    recipient: { id: '28:bot', name: 'MFA Helper' },
    conversation: { id: 'a:personal-alice', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
}

describe('graceful shutdown of the bot process', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  const servers: Server[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfa-shutdown-'));
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('when SIGTERM arrives during a turn, new connections are refused, the turn completes, and the process exits 0', async () => {
    // The connector holds the bot's reply: the turn stays in flight until we release it.
    let held: Held | undefined;
    let onHeld: () => void = () => undefined;
    const heldNow = new Promise<void>((r) => (onHeld = r));
    const connector = await listen((req, res) => {
      req.resume();
      held = { path: req.url ?? '', res, aborted: false };
      const h = held;
      res.once('close', () => {
        if (!res.writableEnded) h.aborted = true;
      });
      onHeld();
    });
    const backend = await listen((_req, res) => res.end(JSON.stringify({ status: 'ok' })));
    servers.push(connector.server, backend.server);

    child = spawn(process.execPath, [join(__dirname, 'support', 'runTs.js'), join(ROOT, 'src', 'index.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        APP_MODE: 'local',
        APP_ROLE: 'bot',
        PORT: '0',
        BIND_HOST: '127.0.0.1',
        SQLITE_PATH: join(dir, 'bot.sqlite'),
        BACKEND_URL: backend.url,
        ALLOWED_TENANTS: TENANT,
        TAP_VAULT_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'info',
      },
    });
    const logs: Array<Record<string, unknown>> = [];
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const waiters: Array<{ match: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }> = [];
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(parsed);
      for (const w of [...waiters]) {
        if (!w.match(parsed)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(parsed);
      }
    });
    const logLine = (match: (l: Record<string, unknown>) => boolean) =>
      new Promise<Record<string, unknown>>((resolveLine) => {
        const found = logs.find(match);
        if (found) resolveLine(found);
        else waiters.push({ match, resolve: resolveLine });
      });
    const exited = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)));

    const listening = await Promise.race([
      logLine((l) => l.msg === 'bot listening' && typeof l.url === 'string'),
      exited.then((code) => {
        throw new Error(`bot exited early (${code}): ${stderr.slice(-2000)}`);
      }),
    ]);
    const botUrl = String(listening.url);
    expect((await fetch(`${botUrl}/readyz`)).status).toBe(200);

    const turn = fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(connector.url)) });
    await heldNow;
    expect(held?.path).toMatch(/^\/v3\/conversations\/a%3Apersonal-alice\/activities/);

    child.kill('SIGTERM');
    await logLine((l) => l.msg === 'stopping');
    await expect(fetch(`${botUrl}/healthz`)).rejects.toThrow(); // the listener is closed: refused

    const h = held;
    if (!h) throw new Error('no held reply');
    expect(h.aborted).toBe(false); // still draining, the in-flight reply was not cut
    h.res.setHeader('content-type', 'application/json');
    h.res.end(JSON.stringify({ id: 'reply-1' }));

    const answer = await turn;
    expect(answer.status).toBe(200);
    expect(await exited).toBe(0);
    const order = logs.map((l) => l.msg).filter((m) => m === 'stopping' || m === 'stopped');
    expect(order).toEqual(['stopping', 'stopped']);
  }, 60000);
});

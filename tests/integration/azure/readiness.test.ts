/**
 * GET /healthz and GET /readyz on the real bot and backend services (real HTTP on loopback, real
 * SQLite in a temp dir): ready when the store and (for the bot) the backend answer, 503 naming
 * the failing dependency otherwise.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config';
import { FixedClock } from '../../../src/shared/clock';
import { silentLogger } from '../../../src/shared/logger';
import { startBackendService, type RunningBackend } from '../../../src/startup/backendService';
import { startBotService, type RunningBot } from '../../../src/startup/botService';
import { openSqliteStore, type SqliteStore } from '../../../src/storage';

const TENANT = '11111111-2222-3333-4444-555555555555';

interface ReadyBody {
  status: string;
  checks: Array<{ name: string; ok: boolean; error?: string }>;
}

async function readyz(url: string): Promise<{ status: number; body: ReadyBody }> {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as ReadyBody };
}

describe('health and readiness endpoints', () => {
  let dir: string;
  let store: SqliteStore;
  let backend: RunningBackend | undefined;
  let bot: RunningBot | undefined;
  const clock = new FixedClock('2026-11-26T09:00:00.000Z');
  const logger = silentLogger();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfa-ready-'));
    store = openSqliteStore(join(dir, 's.sqlite'), { clock });
  });
  afterEach(async () => {
    await bot?.close();
    await backend?.close();
    bot = undefined;
    backend = undefined;
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = (backendUrl: string) =>
    loadConfig({ APP_MODE: 'local', PORT: '0', BACKEND_PORT: '0', BACKEND_URL: backendUrl, ALLOWED_TENANTS: TENANT, LOG_LEVEL: 'silent' });

  it('when the store and the backend answer, both services are live and ready', async () => {
    backend = await startBackendService(config('http://127.0.0.1:1'), { clock, logger, audit: store, port: 0 });
    bot = await startBotService(config(backend.url), { clock, logger, store, storage: store.botStorage(), port: 0 });

    expect((await fetch(`${backend.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect(await readyz(backend.url)).toEqual({ status: 200, body: { status: 'ready', checks: [{ name: 'store', ok: true, ms: expect.any(Number) }] } });
    const ready = await readyz(bot.url);
    expect(ready.status).toBe(200);
    expect(ready.body.checks.map((c) => [c.name, c.ok])).toEqual([
      ['store', true],
      ['backend', true],
    ]);
  });

  it('when the backend is down, the bot is live but not ready, and says it is the backend', async () => {
    backend = await startBackendService(config('http://127.0.0.1:1'), { clock, logger, audit: store, port: 0 });
    const backendUrl = backend.url;
    bot = await startBotService(config(backendUrl), { clock, logger, store, storage: store.botStorage(), port: 0 });
    await backend.close();
    backend = undefined;

    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    const r = await readyz(bot.url);
    expect(r.status).toBe(503);
    expect(r.body.status).toBe('not_ready');
    expect(r.body.checks.find((c) => c.name === 'backend')).toMatchObject({ ok: false });
    expect(r.body.checks.find((c) => c.name === 'store')).toMatchObject({ ok: true });
  });

  it('when the store is unavailable, the backend is not ready and names the store', async () => {
    backend = await startBackendService(config('http://127.0.0.1:1'), { clock, logger, audit: store, port: 0 });
    store.close();

    const r = await readyz(backend.url);
    expect(r.status).toBe(503);
    expect(r.body.checks).toEqual([expect.objectContaining({ name: 'store', ok: false, error: expect.stringMatching(/closed/) })]);
    store = openSqliteStore(join(dir, 's.sqlite'), { clock }); // for afterEach
  });
});

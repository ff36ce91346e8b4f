/** Starts the self-check endpoints on real restify servers (loopback only) with a SQLite store in a temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import * as restify from 'restify';
import { createCheckPage } from '../../../../src/checkpage/createCheckPage';
import type { CheckBinding } from '../../../../src/checkpage/types';
import type { ClientFacts } from '../../../../src/diagnosis/facts';
import { FixedClock, type Clock } from '../../../../src/shared/clock';
import { createLogger } from '../../../../src/shared/logger';
import { openSqliteStore, type SqliteStore } from '../../../../src/storage';

export const SECRET = 'test-secret-test-secret-test-secret-0123456789';
export const BINDING: CheckBinding = { tenantId: 'tenant-1', userAadObjectId: 'user-oid-1', conversationId: 'a:1on1-conversation' };

export interface HarnessOptions {
  clock?: Clock;
  probes?: Array<{ host: string; url: string }>;
  ttlSeconds?: number;
  rateLimit?: { limit: number; windowMs: number };
  probeTimeoutMs?: number;
  /** Install restify's bodyParser globally first, as a composition root serving /api/messages may. */
  globalBodyParser?: boolean;
  onResults?: (binding: CheckBinding, facts: ClientFacts) => Promise<void>;
  trustedProxies?: string[];
}

export interface Harness {
  clock: Clock;
  store: SqliteStore;
  calls: Array<{ binding: CheckBinding; facts: ClientFacts }>;
  logs: string[];
  page: ReturnType<typeof createCheckPage>;
  /** Starts another server for the same page on `host`; returns its base URL. */
  listen(host: string): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'mfa-check-'));
  const clock = opts.clock ?? new FixedClock('2026-03-01T12:00:00.000Z');
  const store = openSqliteStore(join(dir, 'store.sqlite'), { clock });
  const calls: Harness['calls'] = [];
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const page = createCheckPage({
    store,
    clock,
    logger: createLogger({ level: 'debug', destination }),
    secret: SECRET,
    ttlSeconds: opts.ttlSeconds ?? 900,
    publicBaseUrl: 'https://bot.example.test/',
    probes: opts.probes ?? [
      { host: 'login.microsoftonline.com', url: 'http://127.0.0.1:9/a.png' },
      { host: 'aadcdn.msftauth.net', url: 'http://127.0.0.1:9/b.png' },
    ],
    rateLimit: opts.rateLimit,
    probeTimeoutMs: opts.probeTimeoutMs,
    ...(opts.trustedProxies ? { trustedProxies: opts.trustedProxies } : {}),
    onResults:
      opts.onResults ??
      (async (binding, facts) => {
        calls.push({ binding, facts });
      }),
  });
  const servers: restify.Server[] = [];
  const listen = async (host: string): Promise<string> => {
    const server = restify.createServer({ handleUncaughtExceptions: false });
    if (opts.globalBodyParser) server.use(restify.plugins.bodyParser());
    page.register(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    servers.push(server);
    const addr = server.address();
    const shown = addr.address.includes(':') ? `[${addr.address}]` : addr.address;
    return `http://${shown}:${addr.port}`;
  };
  return {
    clock,
    store,
    calls,
    logs,
    page,
    listen,
    close: async () => {
      for (const s of servers) await new Promise<void>((resolve) => s.close(() => resolve()));
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The path part of an issued link (the tests talk to loopback, not to the public base URL). */
export function pathOf(link: string): string {
  return new URL(link).pathname;
}

export function validResults(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    userAgentData: { brands: [{ brand: 'Microsoft Edge', version: '131' }], mobile: false, platform: 'Windows' },
    webauthn: { available: true, platformAuthenticator: true },
    cookies: true,
    localStorage: true,
    sessionStorage: true,
    clientTime: Date.parse('2026-03-01T12:00:42.000Z'),
    probes: [
      { host: 'login.microsoftonline.com', result: 'reachable', ms: 40, via: 'fetch' },
      { host: 'aadcdn.msftauth.net', result: 'unreachable', ms: 5000, via: 'fetch' },
    ],
    ...overrides,
  };
}

export async function postResults(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}/results`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

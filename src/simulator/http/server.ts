/**
 * startSimulator: one HTTPS server on loopback serving the token service (/{tenant}/...),
 * Graph v1.0 (/v1.0/...), the Verified ID Request Service stand-in (/v1.0/verifiableCredentials/...,
 * src/simulator/verifiedId), the benchmark helpers /_sim/stats and /_sim/reset-stats, and the
 * simulated wallet /_sim/verifiedId/present.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../shared/clock';
import { silentLogger, type Logger } from '../../shared/logger';
import { LOCAL_APPS, type SimulatorApp } from '../apps';
import { generateSigningKey } from '../auth/jwt';
import { createTokenService } from '../auth/tokenService';
import type { UserTokenRequest } from '../auth/userTokens';
import { createDispatcher, emptyStats, type SimStats } from '../graph/dispatch';
import type { GraphContext } from '../graph/types';
import { loadFixture } from '../fixture/load';
import { createMembership } from '../tenant/membership';
import { createRegistrationDetails } from '../tenant/registration';
import type { SimTenant } from '../types';
import { readBody } from './body';
import { createGraphHttp } from './graphHttp';
import { defaultTls } from './tls';
import { createVerifiedIdService } from '../verifiedId/service';
import { createWallet, PRESENT_PATH } from '../verifiedId/wallet';

export interface SimulatorOptions {
  fixture: string | unknown;
  clock?: Clock;
  port?: number;
  tls?: { cert: string; key: string };
  apps?: SimulatorApp[];
  logger?: Logger;
  /** Clock for access-token lifetimes (default: system time, as MSAL caches tokens by real time). */
  tokenClock?: Clock;
}

export interface RunningSimulator {
  url: string;
  graphBaseUrl: string;
  authorityHost: string;
  tenantId: string;
  tenant: SimTenant;
  capturedAt?: string;
  stats(): SimStats;
  resetStats(): void;
  /** A user token signed with the tenant key (what Teams SSO would hand the bot), for tests. */
  userToken(request: UserTokenRequest): string;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  const tenant = loadFixture(opts.fixture);
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? silentLogger();
  const tls = opts.tls ?? defaultTls();
  let baseUrl = '';
  let stats = emptyStats();
  const membership = createMembership(tenant);
  const ctx: GraphContext = { tenant, clock, membership, registration: createRegistrationDetails(tenant, membership, clock), baseUrl: () => baseUrl };
  const tokens = createTokenService({ tenant, apps: opts.apps ?? LOCAL_APPS.all, key: generateSigningKey(), baseUrl: () => baseUrl, clock: opts.tokenClock ?? systemClock, userClock: clock });
  const dispatch = createDispatcher(ctx, () => stats);
  const graph = createGraphHttp(ctx, tokens, dispatch, () => stats);
  const verifiedId = createVerifiedIdService({ tenant, clock, tokens, baseUrl: () => baseUrl });
  const wallet = createWallet({ tenant, clock, service: verifiedId });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const pathname = rawUrl.split('?')[0] ?? '/';
    const raw = await readBody(req);
    const send = (status: number, headers: Record<string, string>, body?: unknown) => {
      res.writeHead(status, headers);
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (pathname === '/_sim/stats' && method === 'GET') return send(200, { 'content-type': 'application/json' }, stats);
    if (pathname === '/_sim/reset-stats' && method === 'POST') { stats = emptyStats(); return send(204, {}); }
    if (raw === undefined) return send(413, { 'content-type': 'application/json' }, { error: { code: 'RequestEntityTooLarge', message: 'Request body too large.' } });
    if (pathname === PRESENT_PATH && method === 'POST') {
      const w = await wallet(raw);
      return send(w.status, w.headers, w.body);
    }
    const latency = tenant.simulation.latencyMs;
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const vc = verifiedId.handle(method, pathname, typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined, raw);
    if (vc) {
      logger.debug({ method, path: pathname, status: vc.status }, 'verified id request');
      return send(vc.status, vc.headers, vc.body);
    }
    if (/^\/v1\.0(\/|$)/i.test(pathname)) {
      const r = graph(method, rawUrl.replace(/^\/v1\.0/i, ''), req.headers, raw);
      logger.debug({ method, path: pathname, status: r.status }, 'graph request');
      return send(r.status, r.headers, r.body);
    }
    let segments: string[];
    try {
      segments = pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    } catch {
      segments = [];
    }
    const t = tokens.handle(method, segments, raw);
    if (t) {
      if (segments.join('/').endsWith('oauth2/v2.0/token')) stats.tokenRequests++;
      logger.debug({ method, path: pathname, status: t.status }, 'token service request');
      return send(t.status, t.headers, t.body);
    }
    return send(404, { 'content-type': 'application/json' }, { error: { code: 'NotFound', message: `No simulator endpoint at ${pathname}.` } });
  }

  const servers: Server[] = [];
  const make = () => {
    const s = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
      handle(req, res).catch((e: unknown) => {
        logger.error({ err: e instanceof Error ? e.message : String(e) }, 'simulator request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'generalException', message: 'Simulator failure.' } }));
      });
    });
    servers.push(s);
    return s;
  };
  const port = await listen(make(), opts.port ?? 0, '127.0.0.1');
  // "localhost" may resolve to ::1 first; serve it too when the host has IPv6 loopback.
  await listen(make(), port, '::1').catch(() => servers.pop());
  baseUrl = `https://localhost:${port}`;
  logger.info({ url: baseUrl, tenantId: tenant.id, users: tenant.users.length }, 'graph simulator listening');

  const running: RunningSimulator = {
    url: baseUrl,
    graphBaseUrl: baseUrl,
    authorityHost: baseUrl,
    tenantId: tenant.id,
    tenant,
    stats: () => stats,
    resetStats: () => { stats = emptyStats(); },
    userToken: (request) => tokens.userToken(request),
    close: async () => { await Promise.all(servers.map(closeServer)); },
  };
  if (tenant.capturedAt !== undefined) running.capturedAt = tenant.capturedAt;
  return running;
}

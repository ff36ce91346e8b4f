/**
 * Local mode: the Graph simulator with a tenant fixture, the backend wired to it with the
 * simulator's local app identities, and the bot — all on loopback. Used by `npm start` and by the
 * end-to-end tests, so the demo and the tests run the same wiring.
 */
import * as path from 'node:path';
import type { Config } from '../config';
import { offsetClock, systemClock, type Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { LOCAL_APPS, startSimulator, type RunningSimulator, type SimTenant } from '../simulator';
import { openSqliteStore, type SqliteStore } from '../storage';
import { startBackendService, type RunningBackend } from './backendService';
import { startBotService, type RunningBot } from './botService';
import { createDemoHost, type DemoHost } from '../local/demo/routes';

export interface LocalStack {
  config: Config;
  clock: Clock;
  simulator: RunningSimulator;
  backend: RunningBackend;
  bot: RunningBot;
  store: SqliteStore;
  /** The demo page's routes on the bot (/demo); `attach` a demo service once the Playground runs. */
  demo: DemoHost;
  close(): Promise<void>;
}

/** The config the local services run with: Graph = the simulator, identities = its local apps. */
export function localConfig(config: Config, sim: Pick<RunningSimulator, 'graphBaseUrl' | 'authorityHost' | 'tenantId'>, ports: { backend: number }): Config {
  const app = (a: typeof LOCAL_APPS.diagnostic) => ({ credential: 'clientSecret' as const, clientId: a.clientId, clientSecret: a.clientSecret ?? '', certificatePath: '' });
  return {
    ...config,
    bot: { ...config.bot, allowedTenants: config.bot.allowedTenants.length > 0 ? config.bot.allowedTenants : [sim.tenantId] },
    // User tokens (proof of the person) come from the simulator's token service: the local identity provider.
    // One local backend serves every route, the TAP issuer's included.
    backend: { ...config.backend, url: `http://127.0.0.1:${ports.backend}`, issuerUrl: `http://127.0.0.1:${ports.backend}`, authorityHost: sim.authorityHost },
    graph: {
      ...config.graph,
      baseUrl: sim.graphBaseUrl,
      authorityHost: sim.authorityHost,
      tenantId: sim.tenantId,
      read: app(LOCAL_APPS.diagnostic),
      tap: app(LOCAL_APPS.tapIssuer),
      contain: app(LOCAL_APPS.containment),
      devices: app(LOCAL_APPS.deviceCleanup),
      apps: app(LOCAL_APPS.appInstaller),
    },
    // Face Check: the simulator's Request Service stand-in calls the local backend back.
    ...(config.verifiedId ? { verifiedId: { ...config.verifiedId, serviceUrl: sim.graphBaseUrl, callbackBaseUrl: `http://127.0.0.1:${ports.backend}` } } : {}),
  };
}

/** The helpdesk approvers group of a fixture (by display name), for the local approvals config. */
export function approversGroupOf(tenant: SimTenant): string | undefined {
  for (const g of tenant.groups.values()) if (/approver/i.test(String(g.props.displayName ?? ''))) return g.id;
  return undefined;
}

export async function startLocalStack(
  config: Config,
  opts: { logger: Logger; projectRoot: string; botPort?: number; backendPort?: number; sqlitePath?: string; clock?: Clock },
): Promise<LocalStack> {
  if (config.mode !== 'local') throw new Error('startLocalStack is for local mode only');
  const fixture = path.resolve(opts.projectRoot, config.simulator.fixture);
  // The simulator and the backend share one clock: the demo tenant is evaluated "as of" its capture time.
  let clock: Clock = opts.clock ?? systemClock;
  const simulator = await startSimulator({ fixture, clock: { now: () => clock.now() }, port: config.simulator.port, logger: opts.logger.child({ service: 'simulator' }) });
  if (!opts.clock) {
    const asOf = config.simulator.now ?? simulator.capturedAt;
    if (asOf) clock = offsetClock(asOf);
  }
  const started: Array<() => Promise<void>> = [() => simulator.close()];
  const closeAll = async () => {
    for (const close of started.reverse()) await close().catch(() => undefined);
  };
  try {
    const store = openSqliteStore(path.resolve(opts.projectRoot, opts.sqlitePath ?? config.storage.sqlitePath), { clock });
    started.push(async () => store.close());
    const backendPort = opts.backendPort ?? config.backend.port;
    // The demo tenant's "Helpdesk TAP Approvers" group, unless APPROVERS_GROUP_ID says otherwise:
    // the backend (which re-checks every approver) and the bot must agree on it from the start.
    const withApprovers = (c: Config): Config => ({ ...c, approvals: { ...c.approvals, approversGroupId: c.approvals.approversGroupId ?? approversGroupOf(simulator.tenant) } });
    let cfg = withApprovers(localConfig(config, simulator, { backend: backendPort }));
    const backend = await startBackendService(cfg, { clock, logger: opts.logger, audit: store, port: backendPort, documents: store, followerStore: store.followers() });
    started.push(() => backend.close());
    cfg = withApprovers(localConfig(config, simulator, { backend: Number(new URL(backend.url).port) }));
    const botPort = opts.botPort ?? config.bot.port;
    if (botPort === 0) throw new Error('the bot needs a fixed port in local mode (PUBLIC_BASE_URL is derived from it)');
    const demo = createDemoHost();
    const bot = await startBotService(cfg, { clock, logger: opts.logger, store, storage: store.botStorage(), port: botPort, routes: (s) => demo.register(s) });
    started.push(() => bot.close());
    return { config: cfg, clock, simulator, backend, bot, store, demo, close: closeAll };
  } catch (e) {
    await closeAll();
    throw e;
  }
}

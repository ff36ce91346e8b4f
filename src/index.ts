/**
 * Composition root: loadConfig → logger → stores → services → servers.
 * APP_ROLE picks what this process runs: `all` (local demo: simulator + backend + bot + Playground),
 * `bot` or `backend` (production runs them as separate services).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import pino from 'pino';
import { createCredential } from './backend/graph/createGraphClient';
import { ConfigError, loadConfig, processEnvironment, type Config } from './config';
import { startDemo } from './local/demo/start';
import { PLAYGROUND_BOT, PLAYGROUND_IDS } from './local/playground';
import { systemClock } from './shared/clock';
import { describeError } from './shared/errors';
import { createLogger, type Logger } from './shared/logger';
import { createTelemetryExporter, parseAppInsightsConnectionString, type TelemetryExporter } from './shared/telemetry';
import { startBackendService } from './startup/backendService';
import { startBotService } from './startup/botService';
import { startLocalStack } from './startup/localStack';
import { assertPortsFree, localPorts, PortsBusyError } from './startup/ports';
import { openSqliteStore, SqliteStore, type DurableStore } from './storage';
import { openAzureStore, parseConnectionString } from './storage/azure';
import type { Storage } from 'botbuilder';

type Closer = () => Promise<void>;

function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

async function runLocal(config: Config, logger: Logger, root: string): Promise<Closer[]> {
  // Every port first: a taken one stops us here, before anything listens, naming the key to change.
  await assertPortsFree(localPorts(config));
  // The demo's helpdesk channel is the Playground's team channel unless configured otherwise.
  const demoConfig: Config = config.simulator.playground && !config.approvals.helpdeskChannelId ? { ...config, approvals: { ...config.approvals, helpdeskChannelId: PLAYGROUND_IDS.helpdeskChannel } } : config;
  const stack = await startLocalStack(demoConfig, { logger, projectRoot: root });
  const closers: Closer[] = [() => stack.close()];
  const demo = await startDemo(stack, {
    projectRoot: root,
    configPath: path.join(root, '.data', 'm365agentsplayground.yml'),
    playground: config.simulator.playground,
    port: config.simulator.playgroundPort,
    env: processEnvironment(),
    ...(config.simulator.playgroundUser ? { initial: config.simulator.playgroundUser } : {}),
  });
  closers.unshift(() => demo.close());
  const seat = demo.seat;
  const where = seat
    ? `Microsoft 365 Agents Playground: ${seat.url}  (you are ${seat.current().displayName}; bot "${PLAYGROUND_BOT.name}")`
    : `bot ${stack.bot.url}/api/messages (no Teams client started)`;
  const asOf = stack.clock.now().toISOString();
  process.stdout.write(
    [
      '',
      'MFA Helper is running (local demo, everything on loopback):',
      `  ${where}`,
      `  bot:       ${stack.bot.url}   backend: ${stack.backend.url}   Graph simulator: ${stack.simulator.url}`,
      `  tenant:    ${stack.simulator.tenant.displayName} (${stack.simulator.tenantId}), evaluated as of ${asOf}`,
      `  demo:      ${stack.bot.url}/demo  lists everyone in the demo tenant and their story; "Be …" switches who the Playground is (docs/demo.md)`,
      `  people:    tests/fixtures/tenants/README.md lists who is stuck and why. Try: npm run diagnose -- --tenant ${config.simulator.fixture} --user <upn>`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  return closers;
}

/** STORAGE_KIND picks the store: one SQLite file, or Azure Storage shared by every instance. */
async function openStore(config: Config, root: string): Promise<DurableStore & { botStorage(): Storage }> {
  const cs = config.storage.azureConnectionString;
  if (config.storage.kind !== 'azure' || !cs) return openSqliteStore(path.resolve(root, config.storage.sqlitePath), { clock: systemClock });
  const target = parseConnectionString(cs);
  // Keyless connection string: the App Service's user-assigned managed identity (no shared key).
  const credential =
    target.auth.kind === 'identity'
      ? createCredential({ credential: 'managedIdentity', clientId: target.auth.managedIdentityClientId ?? '', clientSecret: '', certificatePath: '' }, config.graph)
      : undefined;
  return openAzureStore(cs, { clock: systemClock, ...(credential ? { credential } : {}) });
}

/** stdout always; Application Insights too when its connection string is set. */
function telemetryFor(config: Config): { exporter?: TelemetryExporter; destination?: pino.DestinationStream } {
  const target = parseAppInsightsConnectionString(config.telemetry?.appInsightsConnectionString);
  if (!target) return {};
  const exporter = createTelemetryExporter({ target, role: config.role === 'backend' || config.role === 'issuer' ? 'backend' : 'bot' });
  const destination = pino.multistream([{ stream: process.stdout, level: 'trace' }, { stream: exporter, level: 'info' }]);
  return { exporter, destination };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    process.stderr.write(`${e instanceof ConfigError ? e.message : describeError(e)}\n`);
    process.exit(1);
  }
  const telemetry = telemetryFor(config);
  const logger = createLogger({ level: config.logLevel, ...(telemetry.destination ? { destination: telemetry.destination } : {}) });
  const root = projectRoot();
  let closers: Closer[] = [];
  if (config.role === 'all') {
    closers = await runLocal(config, logger, root);
  } else {
    const store = await openStore(config, root);
    closers.push(async () => store.close());
    if (config.role === 'backend' || config.role === 'issuer') {
      // Budgets and follower leases are shared through the store's documents; followers keep their data in SQLite tables, or in the Azure documents.
      const backend = await startBackendService(config, { clock: systemClock, logger, audit: store, documents: store, ...(store instanceof SqliteStore ? { followerStore: store.followers() } : {}) });
      closers.unshift(() => backend.close());
    } else {
      const bot = await startBotService(config, { clock: systemClock, logger, store, storage: store.botStorage() });
      closers.unshift(() => bot.close());
    }
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // Services first (stop accepting, finish in-flight turns), then stores, then telemetry.
    const timer = setTimeout(() => process.exit(1), 20000);
    for (const close of closers) await close().catch((e) => logger.warn({ err: describeError(e) }, 'close failed'));
    logger.info({ signal }, 'stopped');
    await telemetry.exporter?.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  process.stderr.write(e instanceof PortsBusyError ? `${e.message}\n` : `MFA Helper could not start: ${describeError(e)}\n`);
  process.exit(1);
});

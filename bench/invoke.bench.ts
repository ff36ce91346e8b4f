/**
 * Invoke answer time with slow Graph: every Graph response from the simulator takes 4 s. Ten
 * employees press "Check my account" (skipCheck) at once; each press goes through POST
 * /api/messages (TeamsAdapter, teams-ai app, SQLite state), the real backend client, the real
 * backend and Graph client, against the simulator. Measured in the same run:
 * - **today**: the app without a proactive adapter answers the invoke when the diagnosis is done;
 * - **deadline**: src/bot/deferred answers within 1 s ("Checking…") and the findings replace the
 *   card through the connector (PUT of the pressed message) when ready.
 * Prints p50/p99 answer time, how many results reached the chat, and their p50 arrival time.
 * Teams gives up on an invoke after ~10–15 s and re-sends it. Writes bench/results/invoke.json.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { MemoryStorage } from 'botbuilder';
import * as os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackendClient } from '../src/backend/client';
import { createGraphGateway } from '../src/backend/graph/directoryGateway';
import { createBackend } from '../src/backend/server';
import { createTeamsAdapter } from '../src/bot/adapter';
import { createApp } from '../src/bot/app';
import { BackgroundWork } from '../src/bot/deferred/timing';
import { createBotServer } from '../src/bot/server';
import { localConfig } from '../src/cli/localTenant';
import { startSimulator } from '../src/simulator';
import { FixedClock } from '../src/shared/clock';
import { silentLogger } from '../src/shared/logger';
import { openSqliteStore } from '../src/storage';
import { benchFixture } from './diagnose.bench';
import { startFakeConnector } from './support/fakeConnector';
import { percentile } from './support/load';

const NOW = '2026-11-26T09:30:00Z';
const LATENCY_MS = 4000;
const EMPLOYEES = 10;
const KEY = 'k'.repeat(24) + '-invoke-bench-key';
const TENANT = 'bbbbbbbb-0000-0000-0000-000000000001';

interface Variant {
  answersMs: number[];
  answeredWithResult: number;
  deliveredLate: number;
  lateArrivalMs: number[];
}

async function post(url: string, activity: Record<string, unknown>): Promise<{ ms: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const body = await res.text();
  return { ms: performance.now() - t0, body };
}

async function variant(name: 'today' | 'deadline', backendUrl: string): Promise<Variant> {
  const connector = await startFakeConnector();
  const dir = mkdtempSync(join(os.tmpdir(), 'invoke-bench-'));
  const store = openSqliteStore(join(dir, 'state.sqlite'));
  const adapter = createTeamsAdapter({ mode: 'local', bot: { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', host: '127.0.0.1' } }, silentLogger());
  const background = new BackgroundWork();
  const app = createApp({
    backend: createBackendClient({ baseUrl: backendUrl, getToken: async () => KEY, timeoutMs: 60_000 }),
    checkPage: { issueLink: async () => 'https://bot.example/check/x' },
    store,
    storage: new MemoryStorage(),
    clock: new FixedClock(NOW),
    logger: silentLogger(),
    allowedTenants: [TENANT],
    ...(name === 'deadline' ? { adapter, botAppId: '', invokes: { background } } : {}),
  });
  const server = createBotServer({ adapter, app, logger: silentLogger(), mode: 'local', host: '127.0.0.1', port: 0 });
  const { url } = await server.listen();
  const base = (i: number) => ({
    channelId: 'msteams',
    serviceUrl: connector.url,
    conversation: { id: `a:bench-${i}`, conversationType: 'personal', tenantId: TENANT, isGroup: false },
    from: { id: `29:user${i}`, name: `Bench User ${i}`, aadObjectId: `b0000000-0000-0000-0000-${(i + 1).toString(16).padStart(12, '0')}` },
    recipient: { id: '28:bot', name: 'MFA Helper' },
  });
  // Each employee gets the check-link card (no Graph), then presses "check without the browser".
  const flowIds: string[] = [];
  for (let i = 0; i < EMPLOYEES; i++) {
    await post(url, { ...base(i), type: 'message', id: `m${i}`, text: 'my yubikey does nothing' });
    const sent = connector.calls.filter((c) => c.conversationId === `a:bench-${i}`).pop();
    const flowId = /"flowId":"([^"]+)"/.exec(JSON.stringify(sent?.body))?.[1] ?? '';
    flowIds.push(flowId);
  }
  connector.reset();
  const started = performance.now();
  const arrivals: number[] = [];
  const answers = await Promise.all(
    flowIds.map((flowId, i) =>
      post(url, {
        ...base(i),
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: `press-${i}`,
        replyToId: `card-${i}`,
        value: { action: { type: 'Action.Execute', verb: 'skipCheck', data: { flowId } }, trigger: 'manual' },
      }),
    ),
  );
  const watch = setInterval(() => {
    while (arrivals.length < connector.calls.length) arrivals.push(performance.now() - started);
  }, 20);
  await background.idle();
  clearInterval(watch);
  while (arrivals.length < connector.calls.length) arrivals.push(performance.now() - started);
  const late = connector.calls.filter((c) => c.method === 'PUT' && JSON.stringify(c.body).includes('What I found'));
  await server.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  await connector.close();
  return {
    answersMs: answers.map((a) => a.ms).sort((a, b) => a - b),
    answeredWithResult: answers.filter((a) => a.body.includes('What I found')).length,
    deliveredLate: late.length,
    lateArrivalMs: arrivals.sort((a, b) => a - b),
  };
}

export async function run(): Promise<unknown> {
  const clock = new FixedClock(NOW);
  const logger = silentLogger();
  const fixture = benchFixture() as Record<string, unknown>;
  const sim = await startSimulator({ fixture: { ...fixture, simulation: { latencyMs: LATENCY_MS } }, clock, logger });
  const base = localConfig(sim, {});
  const config = { ...base, backend: { ...base.backend, localKey: KEY } };
  const gateway = createGraphGateway(config, { clock, logger });
  const backend = createBackend({ config, gateway, clock, logger });
  const { url } = await backend.listen(0, '127.0.0.1');
  try {
    const today = await variant('today', url);
    const deadline = await variant('deadline', url);
    const row = (n: string, v: Variant) =>
      `${n.padEnd(9)} answer p50 ${(percentile(v.answersMs, 50) / 1000).toFixed(2)} s  p99 ${(percentile(v.answersMs, 99) / 1000).toFixed(2)} s  ` +
      `result in the answer ${v.answeredWithResult}/${EMPLOYEES}  result delivered later ${v.deliveredLate}/${EMPLOYEES}` +
      (v.lateArrivalMs.length ? `  (p50 ${(percentile(v.lateArrivalMs, 50) / 1000).toFixed(2)} s after the press)` : '');
    process.stdout.write(`${EMPLOYEES} simultaneous "check my account" presses, every Graph response ${LATENCY_MS} ms\n`);
    process.stdout.write(`${row('today', today)}\n${row('deadline', deadline)}\n`);
    const ratio = percentile(today.answersMs, 99) / Math.max(1, percentile(deadline.answersMs, 99));
    process.stdout.write(`p99 answer time today/deadline: ${ratio.toFixed(1)}x; target p99 <= 2 s: ${percentile(deadline.answersMs, 99) <= 2000 ? 'met' : 'NOT met'}\n`);
    const result = { setup: { latencyMs: LATENCY_MS, employees: EMPLOYEES }, today, deadline, p99Ratio: ratio };
    let root = __dirname;
    while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(join(root, 'bench', 'results', 'invoke.json'), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    await backend.close();
    await sim.close();
  }
}

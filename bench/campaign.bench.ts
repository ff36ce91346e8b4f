/**
 * Campaign engine benchmark: `npm run build && node dist/bench/campaign.bench.js` (or `run()` from a bench runner).
 *
 * Every scenario runs in a fresh child process (so peak RSS/heap belong to that scenario alone)
 * against the connector stand-in in another process, with a temp SQLite store and a synthetic
 * tenant generated page by page. Measured: achieved send rate as a fraction of the configured
 * budget (at Teams' 50/s and at a raised 500/s, which exposes our own overhead), peak RSS/heap
 * for 10k vs 100k recipients (should be flat), duplicates and gaps (must be 0).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CampaignRunner } from '../src/campaigns/runner';
import { CampaignService } from '../src/campaigns/service';
import { CAMPAIGNS } from '../src/campaigns/model';
import { realSleep } from '../src/campaigns/ports';
import { systemClock } from '../src/shared/clock';
import { silentLogger } from '../src/shared/logger';
import { openSqliteStore } from '../src/storage/sqlite/sqliteStore';
import { ConnectorNudgeSender } from '../src/simulator/connector/sender';
import { conversationIdFor, type ConnectorStats } from '../src/simulator/connector/state';
import { SyntheticTenant } from '../src/simulator/connector/syntheticTenant';

interface Scenario {
  name: string;
  users: number;
  budget: number;
  concurrency: number;
}

interface ScenarioResult extends Scenario {
  seconds: number;
  sendsPerSecond: number;
  fractionOfBudget: number;
  peakRssMb: number;
  peakHeapMb: number;
  delivered: number;
  duplicates: number;
  gaps: number;
  throttled: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'teams-budget', users: 1000, budget: 50, concurrency: 16 },
  { name: 'raised-budget', users: 5000, budget: 500, concurrency: 16 },
  { name: 'memory-10k', users: 10000, budget: 5000, concurrency: 32 },
  { name: 'memory-100k', users: 100000, budget: 5000, concurrency: 32 },
];

function startConnector(): Promise<{ url: string; stop: () => void }> {
  const main = join(__dirname, '..', 'src', 'simulator', 'connector', 'main.js');
  // The tenant-wide limit is set far above every budget: the runner's pacing is what is measured.
  const child = spawn(process.execPath, [main, JSON.stringify({ globalRps: 1_000_000, preinstalled: true })], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve({ url: (JSON.parse(d.toString()) as { url: string }).url, stop: () => child.kill('SIGTERM') }));
    child.once('exit', (code) => reject(new Error(`connector stand-in exited ${code}`)));
  });
}

/** Runs in the scenario's own process. */
async function runScenario(s: Scenario, url: string): Promise<Omit<ScenarioResult, keyof Scenario>> {
  const dir = mkdtempSync(join(tmpdir(), 'mfa-bench-'));
  const store = openSqliteStore(join(dir, 'bench.sqlite'));
  const tenant = new SyntheticTenant({ size: s.users });
  const sender = new ConnectorNudgeSender({ baseUrl: url, tenantId: 't', botId: 'b', teamsAppId: 'a', knownConversation: conversationIdFor, maxSockets: s.concurrency });
  const service = new CampaignService({ store, source: tenant, clock: systemClock, logger: silentLogger(), newId: () => s.name, createRunner: () => { throw new Error('unused'); } });
  const campaign = await service.create({
    tenantId: 't', name: s.name, audience: { kind: 'notRegistered' }, createdBy: 'bench',
    settings: { ratePerSecond: s.budget, concurrency: s.concurrency, quietHours: null, pageSize: 500 },
  });
  await store.put(CAMPAIGNS, campaign.id, { ...campaign, status: 'running' });
  const runner = new CampaignRunner({ store, source: tenant, sender, clock: systemClock, sleep: realSleep, random: Math.random, logger: silentLogger(), owner: 'bench' });
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 100);
  const started = process.hrtime.bigint();
  const outcome = await runner.run(campaign.id);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(timer);
  sample();
  if (outcome !== 'completed') throw new Error(`scenario ${s.name} ended ${outcome}`);
  const stats = (await (await fetch(`${url}/_standin/stats`)).json()) as ConnectorStats;
  sender.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  const sendsPerSecond = s.users / seconds;
  return {
    seconds,
    sendsPerSecond,
    fractionOfBudget: sendsPerSecond / s.budget,
    peakRssMb: peakRss / 2 ** 20,
    peakHeapMb: peakHeap / 2 ** 20,
    delivered: stats.activities,
    duplicates: stats.activitiesBeyondFirstPerConversation,
    gaps: s.users - stats.conversationsWithActivity,
    throttled: stats.statuses['429'] ?? 0,
  };
}

function inChild(s: Scenario): Promise<ScenarioResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, 'scenario', JSON.stringify(s)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve({ ...s, ...(JSON.parse(out) as Omit<ScenarioResult, keyof Scenario>) }) : reject(new Error(`${s.name} exited ${code}`))));
  });
}

export async function run(): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const s of SCENARIOS) results.push(await inChild(s));
  const m10 = results.find((r) => r.name === 'memory-10k');
  const m100 = results.find((r) => r.name === 'memory-100k');
  const summary = {
    rssRatio100kTo10k: m10 && m100 ? m100.peakRssMb / m10.peakRssMb : undefined,
    heapRatio100kTo10k: m10 && m100 ? m100.peakHeapMb / m10.peakHeapMb : undefined,
    duplicates: results.reduce((n, r) => n + r.duplicates, 0),
    gaps: results.reduce((n, r) => n + r.gaps, 0),
  };
  const f = (n: number, d = 2) => n.toFixed(d);
  console.log('scenario        users   budget/s  achieved/s  fraction  seconds  peakRSS MB  peakHeap MB  dup  gaps  429s');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(15)} ${String(r.users).padStart(6)} ${String(r.budget).padStart(9)} ${f(r.sendsPerSecond, 1).padStart(11)} ${f(r.fractionOfBudget, 3).padStart(9)} ${f(r.seconds, 1).padStart(8)} ${f(r.peakRssMb, 1).padStart(11)} ${f(r.peakHeapMb, 1).padStart(12)} ${String(r.duplicates).padStart(4)} ${String(r.gaps).padStart(5)} ${String(r.throttled).padStart(5)}`,
    );
  }
  console.log(`peak RSS 100k/10k = ${f(summary.rssRatio100kTo10k ?? NaN)}; peak heap 100k/10k = ${f(summary.heapRatio100kTo10k ?? NaN)}; duplicates ${summary.duplicates}; gaps ${summary.gaps}`);
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'campaign.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, results, summary }, null, 2)}\n`);
  return results;
}

async function scenarioMain(s: Scenario): Promise<void> {
  const connector = await startConnector();
  try {
    process.stdout.write(JSON.stringify(await runScenario(s, connector.url)));
  } finally {
    connector.stop();
  }
}

if (require.main === module) {
  const [mode, arg] = process.argv.slice(2);
  const done = mode === 'scenario' && arg ? scenarioMain(JSON.parse(arg) as Scenario) : run().then(() => undefined);
  done.catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

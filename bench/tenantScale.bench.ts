/**
 * Tenant-scale diagnosis with Microsoft's budgets ON (issue 9): 300 employees of one tenant ask at
 * once. Today's per-employee design (every diagnosis reads sign-ins, risk, the registration row and
 * the CA policies itself) against the follower design (budget keeper + tenant-wide followers; per
 * employee only user, methods, devices, memberships on the directory budget), in the same run, each
 * against its own simulator with `workloadLimits: true` and 50 ms latency. The tenant clock moves
 * with real time. First-finding accuracy is judged against the per-employee design with the limits
 * off (ground truth, same fixture). Writes bench/results/tenantScale.json.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClientTransport } from '../src/backend/graph/transport';
import { createGraphClient } from '../src/backend/graph/createGraphClient';
import { createDirectoryGateway, realSleep } from '../src/backend/graph/directoryGateway';
import type { DirectoryGateway } from '../src/backend/graph/gateway';
import { realTimer } from '../src/backend/followers/scheduler';
import { startTenantGraph } from '../src/backend/followers/tenantGraph';
import { createDiagnoseService } from '../src/backend/services/diagnoseService';
import type { DiagnoseResponse } from '../src/backend/api';
import { localConfig } from '../src/cli/localTenant';
import type { Config } from '../src/config';
import { diagnose } from '../src/diagnosis';
import { offsetClock, type Clock } from '../src/shared/clock';
import { silentLogger } from '../src/shared/logger';
import { startSimulator } from '../src/simulator';
import { MemoryFollowerStore } from '../src/storage';

const NOW = '2026-11-26T09:30:00Z';
const EMPLOYEES = 300;
const LATENCY_MS = 50;
const TENANT = { id: 'cccccccc-0000-0000-0000-000000000009', displayName: 'Scale', defaultDomain: 'scale.example' };
const OFFICE = '10000000-0000-0000-0000-0000000000c1';

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
const idOf = (i: number) => `c0000000-0000-0000-0000-${hex(i + 1, 12)}`;
const upnOf = (i: number) => `emp${i}@scale.example`;

/** Five kinds of stuck employee; each has a failed sign-in minutes ago and an office sign-in yesterday. */
const KINDS = [
  { code: 53003, ip: (i: number) => `2001:db8:9::${hex(i + 1, 4)}`, risk: 'none' },
  { code: 50053, ip: () => '203.0.113.20', risk: 'none' },
  { code: 50089, ip: () => '203.0.113.21', risk: 'none' },
  { code: 53004, ip: () => '203.0.113.22', risk: 'high' },
  { code: 500121, ip: () => '203.0.113.23', risk: 'none' },
] as const;

export function scaleFixture(workloadLimits: boolean): unknown {
  const at = (msBefore: number) => new Date(Date.parse(NOW) - msBefore).toISOString();
  const users = Array.from({ length: EMPLOYEES }, (_, i) => {
    const kind = KINDS[i % KINDS.length] ?? KINDS[0];
    return {
      id: idOf(i),
      userPrincipalName: upnOf(i),
      displayName: `Employee ${i}`,
      accountEnabled: true,
      userType: 'Member',
      riskLevel: kind.risk,
      authenticationMethods: [{ '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: '28c10230-6103-485e-b985-444c60001490', password: null }],
      registeredDevices: [],
      signIns: [
        { id: `f${hex(i, 7)}-0000-0000-0000-000000000001`, createdDateTime: at(60_000 + (i % 9) * 30_000), userId: idOf(i), userPrincipalName: upnOf(i), ipAddress: kind.ip(i), status: { errorCode: kind.code }, appliedConditionalAccessPolicies: [] },
        { id: `f${hex(i, 7)}-0000-0000-0000-000000000002`, createdDateTime: at(26 * 3600_000), userId: idOf(i), userPrincipalName: upnOf(i), ipAddress: '198.51.100.7', status: { errorCode: 0 }, appliedConditionalAccessPolicies: [] },
      ],
    };
  });
  return {
    tenant: TENANT,
    conditionalAccessPolicies: [
      {
        id: 'c0000000-0000-0000-0000-0000000000c1',
        displayName: 'Register security info only from the office (IPv4)',
        state: 'enabled',
        conditions: {
          applications: { includeApplications: [], includeUserActions: ['urn:user:registersecurityinfo'] },
          users: { includeUsers: ['All'] },
          locations: { includeLocations: ['All'], excludeLocations: [OFFICE] },
        },
        grantControls: { operator: 'OR', builtInControls: ['block'] },
      },
    ],
    namedLocations: [{ '@odata.type': '#microsoft.graph.ipNamedLocation', id: OFFICE, displayName: 'Office', isTrusted: true, ipRanges: [{ cidrAddress: '198.51.100.0/24' }] }],
    groups: [],
    directoryRoles: [],
    users,
    simulation: { latencyMs: LATENCY_MS, workloadLimits },
  };
}

interface Outcome {
  i: number;
  ms: number;
  first?: string;
  gaps: string[];
  pending: string[];
  failed?: string;
}

interface Measured {
  design: string;
  employees: number;
  wallSeconds: number;
  perMinute: number;
  p50Ms: number;
  p95Ms: number;
  firstFindingRight: number;
  evidenceGaps: number;
  failed: number;
  graphRequestsPerDiagnosis: number;
  /** CPU time of this process (simulator included) per diagnosis: what the wall time is made of on a busy machine. */
  cpuMsPerDiagnosis: number;
  binding: string;
  /** Up to three distinct reasons diagnoses failed. */
  failures: string[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** Every employee asks at once (or `concurrency` at a time, for the ground truth). */
async function allAtOnce(run: (i: number) => Promise<DiagnoseResponse>, concurrency = EMPLOYEES): Promise<{ outcomes: Outcome[]; wall: number; requests: number; cpuMs: number }> {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let requests = 0;
  let free = concurrency;
  const queue: Array<() => void> = [];
  const slot = async () => {
    if (free > 0) free--;
    else await new Promise<void>((r) => queue.push(r));
  };
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else free++;
  };
  const outcomes = await Promise.all(
    Array.from({ length: EMPLOYEES }, async (_, i): Promise<Outcome> => {
      await slot();
      const t0 = performance.now();
      try {
        const r = await run(i);
        requests += r.graph.requests;
        return { i, ms: performance.now() - t0, ...(r.findings[0] ? { first: r.findings[0].code } : {}), gaps: r.gaps.map((g) => `${g.source}:${g.status}`), pending: r.pending ?? [] };
      } catch (e) {
        return { i, ms: performance.now() - t0, gaps: [], pending: [], failed: e instanceof Error ? e.message : String(e) };
      } finally {
        release();
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { outcomes, wall: (performance.now() - started) / 1000, requests, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function measured(design: string, r: { outcomes: Outcome[]; wall: number; requests: number; cpuMs: number }, truth: Map<number, string | undefined>, binding: string): Measured {
  const ms = r.outcomes.map((o) => o.ms).sort((a, b) => a - b);
  return {
    design,
    employees: EMPLOYEES,
    wallSeconds: Math.round(r.wall * 10) / 10,
    perMinute: Math.round((EMPLOYEES / r.wall) * 60),
    p50Ms: Math.round(percentile(ms, 50)),
    p95Ms: Math.round(percentile(ms, 95)),
    firstFindingRight: r.outcomes.filter((o) => !o.failed && o.first === truth.get(o.i)).length,
    evidenceGaps: r.outcomes.reduce((n, o) => n + o.gaps.length + o.pending.length, 0),
    failed: r.outcomes.filter((o) => o.failed).length,
    graphRequestsPerDiagnosis: Math.round((r.requests / EMPLOYEES) * 100) / 100,
    cpuMsPerDiagnosis: Math.round(r.cpuMs / EMPLOYEES),
    binding,
    failures: [...new Set(r.outcomes.flatMap((o) => (o.failed ? [o.failed.slice(0, 120)] : [])))].slice(0, 3),
  };
}

/** Today's per-employee gateway, with no budget keeper in front (what main shipped before issue 9). */
function perEmployeeGateway(config: Config, clock: Clock): DirectoryGateway {
  const transport = (id: Config['graph']['read']) => createClientTransport(createGraphClient(id, config.graph), { timeoutMs: config.graph.timeoutMs });
  return createDirectoryGateway({ graph: config.graph, diagnosis: config.diagnosis, read: transport(config.graph.read), tap: transport(config.graph.tap), clock, logger: silentLogger(), sleep: realSleep });
}

const WORKLOAD_OF_SOURCE: Record<string, string> = { signIns: 'reports', registrationDetails: 'reports', riskyUser: 'ca', conditionalAccess: 'ca', namedLocations: 'ca' };

function bindingOfGaps(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) for (const g of o.gaps) if (g.endsWith(':429')) {
    const w = WORKLOAD_OF_SOURCE[g.split(':')[0] ?? ''] ?? 'directory';
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${w} (${n} gaps)`).join(', ') || 'none';
}

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export async function run(): Promise<unknown> {
  const clock = offsetClock(NOW);
  const logger = silentLogger();
  const service = (config: Config, gateway: DirectoryGateway) =>
    createDiagnoseService({ gateway, diagnose, clock, config: { ...config, backend: { allowTimeTravel: false } }, logger });

  // Ground truth: the per-employee design with the limits off.
  const truthSim = await startSimulator({ fixture: scaleFixture(false), clock, logger });
  const truth = new Map<number, string | undefined>();
  let truthGaps: number;
  let truthFailed: number;
  try {
    const config = localConfig(truthSim, {});
    const s = service(config, perEmployeeGateway(config, clock));
    const r = await allAtOnce((i) => s.diagnose({ user: upnOf(i) }), 20);
    for (const o of r.outcomes) truth.set(o.i, o.first);
    truthGaps = r.outcomes.reduce((n, o) => n + o.gaps.length, 0);
    truthFailed = r.outcomes.filter((o) => o.failed).length;
  } finally {
    await truthSim.close();
  }

  // Today's per-employee design, Microsoft's budgets on.
  const todaySim = await startSimulator({ fixture: scaleFixture(true), clock, logger });
  let today: Measured;
  try {
    const config = localConfig(todaySim, {});
    const s = service(config, perEmployeeGateway(config, clock));
    await s.diagnose({ user: upnOf(0) }); // token + JIT warm-up
    await new Promise((r) => setTimeout(r, 11_000)); // let the warm-up leave the 10 s window
    const r = await allAtOnce((i) => s.diagnose({ user: upnOf(i) }));
    today = measured('per-employee (today)', r, truth, bindingOfGaps(r.outcomes));
  } finally {
    await todaySim.close();
  }

  // The follower design, Microsoft's budgets on; followers warmed up as in a running backend.
  const followSim = await startSimulator({ fixture: scaleFixture(true), clock, logger });
  let follow: Measured;
  try {
    const config = localConfig(followSim, {});
    const tenant = startTenantGraph(config, { clock, logger, store: new MemoryFollowerStore(), timer: realTimer });
    try {
      const s = service(config, tenant.gateway);
      await s.diagnose({ user: upnOf(0) }); // waits for the followers' first reads
      const r = await allAtOnce((i) => s.diagnose({ user: upnOf(i) }));
      const stats = tenant.budget.stats();
      const binding = tenant.budget.binding() ?? 'none';
      follow = measured('followers + budget keeper', r, truth, `${binding} (waits: reports ${stats.reports.waits}, ca ${stats.ca.waits}, directory ${stats.directory.waits}; refused ${stats.reports.exhausted + stats.ca.exhausted + stats.directory.exhausted})`);
    } finally {
      await tenant.stop();
    }
  } finally {
    await followSim.close();
  }

  const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 100) / 100);
  const result = {
    setup: { employees: EMPLOYEES, latencyMs: LATENCY_MS, workloadLimits: true, clock: 'moves with real time', truthGapsLimitsOff: truthGaps, truthFailed },
    today,
    follow,
    ratios: { perMinute: ratio(follow.perMinute, today.perMinute), p95: ratio(today.p95Ms, follow.p95Ms), wall: ratio(today.wallSeconds, follow.wallSeconds) },
  };
  const row = (m: Measured) =>
    `${m.design.padEnd(28)}${String(m.perMinute).padStart(8)}${String(m.p50Ms).padStart(9)}${String(m.p95Ms).padStart(9)}${m.wallSeconds.toFixed(1).padStart(8)}${`${m.firstFindingRight}/${m.employees}`.padStart(10)}${String(m.evidenceGaps).padStart(7)}${String(m.failed).padStart(7)}${m.graphRequestsPerDiagnosis.toFixed(2).padStart(9)}${String(m.cpuMsPerDiagnosis).padStart(8)}  ${m.binding}`;
  process.stdout.write(
    [
      `${EMPLOYEES} employees of one tenant at once, Microsoft budgets ON, simulator latency ${LATENCY_MS} ms, moving clock (truth: per-employee with limits off, ${truthGaps} gaps, ${truthFailed} failed)`,
      `${''.padEnd(28)}${'diag/min'.padStart(8)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'wall s'.padStart(8)}${'1st right'.padStart(10)}${'gaps'.padStart(7)}${'failed'.padStart(7)}${'req/diag'.padStart(9)}${'cpu ms'.padStart(8)}  binding bucket`,
      row(today),
      row(follow),
      ...[today, follow].flatMap((m) => m.failures.map((f) => `  ${m.design} failed: ${f}`)),
      `machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (shared)`,
      `ratios follower/today: diagnoses per minute ×${result.ratios.perMinute}, p95 ÷${result.ratios.p95}, wall ÷${result.ratios.wall}`,
      '',
    ].join('\n'),
  );
  const out = join(repoRoot(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'tenantScale.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/**
 * Diagnosis benchmark: the real gateway ($batch, ≤ 2 round trips, policy cache with single flight)
 * against a naive baseline gateway in the same run (one request at a time, no $batch, no cache),
 * both through the real Graph client and token service against the simulator with 50 ms latency.
 * Prints requests and round trips per diagnosis, p50/p95 latency and the ratios; writes
 * bench/results/diagnose.json.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createGraphGateway } from '../src/backend/graph/directoryGateway';
import { budgetSpecs, MemoryBucketStore, virtualBudgetKeeper } from '../src/backend/budget';
import { createDiagnoseService, type DiagnoseService } from '../src/backend/services/diagnoseService';
import { localConfig } from '../src/cli/localTenant';
import { diagnose } from '../src/diagnosis';
import { startSimulator } from '../src/simulator';
import { FixedClock } from '../src/shared/clock';
import { silentLogger } from '../src/shared/logger';

const NOW = '2026-11-26T09:30:00Z';
const USERS = 40;
const DIAGNOSES = 200;
const CONCURRENCY = 10;
const LATENCY_MS = 50;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** A generated tenant: users with methods, devices and recent sign-ins; one CA policy; 50 ms latency. */
export function benchFixture(): unknown {
  const users = Array.from({ length: USERS }, (_, i) => {
    const id = `b0000000-0000-0000-0000-${hex(i + 1, 12)}`;
    const upn = `user${i}@bench.example`;
    return {
      id,
      userPrincipalName: upn,
      displayName: `Bench User ${i}`,
      accountEnabled: true,
      userType: 'Member',
      authenticationMethods: [
        { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: '28c10230-6103-485e-b985-444c60001490', password: null },
        ...(i % 2 === 0 ? [{ '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', id: `a0000000-0000-0000-0000-${hex(i + 1, 12)}`, displayName: 'Phone' }] : []),
      ],
      registeredDevices: Array.from({ length: i % 4 }, (_, d) => ({
        '@odata.type': '#microsoft.graph.device',
        id: `d${hex(i, 7)}-0000-0000-0000-${hex(d + 1, 12)}`,
        displayName: `Device ${d}`,
        trustType: d === 0 ? 'AzureAd' : 'Workplace',
        approximateLastSignInDateTime: '2026-06-01T00:00:00Z',
      })),
      signIns: Array.from({ length: 3 }, (_, s) => ({
        id: `e${hex(i, 7)}-0000-0000-0000-${hex(s + 1, 12)}`,
        createdDateTime: new Date(Date.parse(NOW) - (s + 1) * 3600_000).toISOString(),
        userId: id,
        userPrincipalName: upn,
        ipAddress: '203.0.113.10',
        status: { errorCode: s === 0 ? 53003 : 0 },
        appliedConditionalAccessPolicies: [],
      })),
    };
  });
  return {
    tenant: { id: 'bbbbbbbb-0000-0000-0000-000000000001', displayName: 'Bench', defaultDomain: 'bench.example' },
    conditionalAccessPolicies: [
      {
        id: 'c0000000-0000-0000-0000-0000000000b1',
        displayName: 'Register only from the office',
        state: 'enabled',
        conditions: {
          applications: { includeApplications: [], includeUserActions: ['urn:user:registersecurityinfo'] },
          users: { includeUsers: ['All'] },
          locations: { includeLocations: ['All'], excludeLocations: ['10000000-0000-0000-0000-0000000000b1'] },
        },
        grantControls: { operator: 'OR', builtInControls: ['block'] },
      },
    ],
    namedLocations: [
      { '@odata.type': '#microsoft.graph.ipNamedLocation', id: '10000000-0000-0000-0000-0000000000b1', displayName: 'Office', isTrusted: true, ipRanges: [{ cidrAddress: '198.51.100.0/24' }] },
    ],
    groups: [],
    directoryRoles: [],
    users,
    simulation: { latencyMs: LATENCY_MS },
  };
}

interface Measured {
  diagnoses: number;
  requestsPerDiagnosis: number;
  roundTripsPerDiagnosis: number;
  httpRequestsAtSimulator: number;
  p50Ms: number;
  p95Ms: number;
  wallSeconds: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

async function measure(service: DiagnoseService, stats: () => { httpRequests: number }): Promise<Measured> {
  const latencies: number[] = [];
  let requests = 0;
  let roundTrips = 0;
  const before = stats().httpRequests;
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < DIAGNOSES) {
      const i = next++;
      const t0 = performance.now();
      const r = await service.diagnose({ user: `user${i % USERS}@bench.example`, now: NOW });
      latencies.push(performance.now() - t0);
      requests += r.graph.requests;
      roundTrips += r.graph.roundTrips;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const wall = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    diagnoses: DIAGNOSES,
    requestsPerDiagnosis: requests / DIAGNOSES,
    roundTripsPerDiagnosis: roundTrips / DIAGNOSES,
    httpRequestsAtSimulator: stats().httpRequests - before,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    wallSeconds: wall,
  };
}

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export async function run(): Promise<unknown> {
  const clock = new FixedClock(NOW);
  const logger = silentLogger();
  const sim = await startSimulator({ fixture: benchFixture(), clock, logger });
  try {
    const config = localConfig(sim, {});
    const make = (naive: boolean) =>
      createDiagnoseService({
        gateway: createGraphGateway(config, { clock, logger, batching: !naive, policyCache: !naive, budget: virtualBudgetKeeper(config.graph.tenantId, budgetSpecs(), new MemoryBucketStore()) }),
        diagnose,
        clock,
        config: { ...config, backend: { allowTimeTravel: true } },
        logger,
      });
    const optimised = make(false);
    const naive = make(true);
    // Warm-up (token acquisition, JIT) outside the measurement.
    await optimised.diagnose({ user: 'user0@bench.example', now: NOW });
    await naive.diagnose({ user: 'user0@bench.example', now: NOW });

    const baseline = await measure(naive, () => sim.stats());
    const gateway = await measure(optimised, () => sim.stats());
    const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 100) / 100);
    const result = {
      setup: { latencyMs: LATENCY_MS, diagnoses: DIAGNOSES, concurrency: CONCURRENCY, users: USERS, userRef: 'upn' },
      baseline,
      gateway,
      ratios: {
        requests: ratio(baseline.requestsPerDiagnosis, gateway.requestsPerDiagnosis),
        roundTrips: ratio(baseline.roundTripsPerDiagnosis, gateway.roundTripsPerDiagnosis),
        p50: ratio(baseline.p50Ms, gateway.p50Ms),
        p95: ratio(baseline.p95Ms, gateway.p95Ms),
      },
    };
    const row = (name: string, m: Measured) =>
      `${name.padEnd(22)}${m.requestsPerDiagnosis.toFixed(2).padStart(10)}${m.roundTripsPerDiagnosis.toFixed(2).padStart(12)}${m.p50Ms.toFixed(0).padStart(9)}${m.p95Ms.toFixed(0).padStart(9)}${m.wallSeconds.toFixed(1).padStart(9)}`;
    process.stdout.write(
      [
        `${DIAGNOSES} diagnoses, concurrency ${CONCURRENCY}, simulator latency ${LATENCY_MS} ms, users by UPN`,
        `${''.padEnd(22)}${'req/diag'.padStart(10)}${'trips/diag'.padStart(12)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'wall s'.padStart(9)}`,
        row('naive (no $batch)', baseline),
        row('gateway ($batch+cache)', gateway),
        `ratios baseline/gateway: requests ×${result.ratios.requests}, round trips ×${result.ratios.roundTrips}, p50 ×${result.ratios.p50}, p95 ×${result.ratios.p95}`,
        '',
      ].join('\n'),
    );
    const out = join(repoRoot(), 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'diagnose.json'), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    await sim.close();
  }
}

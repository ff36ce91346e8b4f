/** Backend ↔ simulator over real HTTP(S) with the real Graph client, for the integration tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../../src/config';
import { createBackend, type Backend } from '../../../src/backend/server';
import { createGraphGateway } from '../../../src/backend/graph/directoryGateway';
import { BudgetKeeper, budgetSpecs, MemoryBucketStore } from '../../../src/backend/budget';
import type { DirectoryGateway } from '../../../src/backend/graph/gateway';
import { localConfig } from '../../../src/cli/localTenant';
import { startSimulator, type RunningSimulator, type SimulatorApp } from '../../../src/simulator';
import { FixedClock } from '../../../src/shared/clock';
import { silentLogger } from '../../../src/shared/logger';
import type { AuditLog, AuditRecord } from '../../../src/storage/types';

export const NOW = '2026-11-26T09:30:00Z';
export const LOCAL_KEY = 'k'.repeat(24) + '-backend-integration-key';
export const ALICE = { id: '30000000-0000-0000-0000-000000000001', upn: 'alice@fabrikam.example' };
export const BOB = { id: '30000000-0000-0000-0000-000000000002', upn: 'bob@fabrikam.example' };
export const DEVICES = {
  staleRegistered: '40000000-0000-0000-0000-000000000001',
  freshRegistered: '40000000-0000-0000-0000-000000000002',
  staleJoined: '40000000-0000-0000-0000-000000000003',
};

export function smallFixture(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', 'small-tenant.json'), 'utf8')) as Record<string, unknown>;
}

export class MemoryAudit implements AuditLog {
  readonly records: AuditRecord[] = [];
  async append(record: AuditRecord): Promise<AuditRecord> {
    const stored = { ...record, seq: this.records.length + 1 };
    this.records.push(stored);
    return stored;
  }
  async query(): Promise<AuditRecord[]> {
    return [...this.records];
  }
}

export interface Stack {
  sim: RunningSimulator;
  backend: Backend;
  gateway: DirectoryGateway;
  url: string;
  config: Config;
  clock: FixedClock;
  sleeps: number[];
  audit: MemoryAudit;
  /** Graph HTTP requests (not token requests) seen by the simulator so far. */
  graphHttp(): number;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown; headers: Headers }>;
  close(): Promise<void>;
}

export async function startStack(opts: { fixture?: unknown; apps?: SimulatorApp[]; backend?: Partial<Config['backend']>; graph?: Partial<Config['graph']>; fetch?: typeof fetch; shadow?: boolean } = {}): Promise<Stack> {
  const clock = new FixedClock(NOW);
  const logger = silentLogger();
  const sim = await startSimulator({ fixture: opts.fixture ?? smallFixture(), clock, logger, ...(opts.apps ? { apps: opts.apps } : {}) });
  const base = localConfig(sim, { GRAPH_MAX_RETRIES: '4' });
  const config: Config = { ...base, graph: { ...base.graph, ...opts.graph }, backend: { ...base.backend, localKey: LOCAL_KEY, allowTimeTravel: true, ...opts.backend }, evaluation: { shadow: opts.shadow === true } };
  const sleeps: number[] = [];
  const gateway = createGraphGateway(config, {
    clock,
    logger,
    // A backoff is time passing: the simulator's budgets (on its clock) refill while the backend waits.
    // The budget keeper waits on the same clock (no real waiting; concurrent waiters wake at their own instant).
    budget: new BudgetKeeper({
      tenantId: config.graph.tenantId,
      specs: budgetSpecs(),
      store: new MemoryBucketStore(),
      clock,
      sleep: async (ms) => {
        const wake = clock.now().getTime() + ms;
        await new Promise((r) => setImmediate(r));
        if (clock.now().getTime() < wake) clock.set(new Date(wake));
      },
    }),
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
  });
  const audit = new MemoryAudit();
  const backend = createBackend({ config, gateway, clock, logger, audit, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  const { url } = await backend.listen(0, '127.0.0.1');
  return {
    sim,
    backend,
    gateway,
    url,
    config,
    clock,
    sleeps,
    audit,
    graphHttp: () => sim.stats().httpRequests,
    async post(path, body, headers = { authorization: `Bearer ${LOCAL_KEY}` }) {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // keep text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await backend.close();
      await sim.close();
    },
  };
}

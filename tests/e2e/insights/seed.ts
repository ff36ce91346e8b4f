/**
 * The dashboard e2e tests' world: an audit trail in SQLite (six rescues, a pass, evaluation-mode
 * and follow-up records) and a real restify server with the dashboard routes on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import restify from 'restify';
import { registerInsightsDashboard, type DashboardDeps } from '../../../src/insights/dashboard/routes';
import { FixedClock, systemClock } from '../../../src/shared/clock';
import { createLogger } from '../../../src/shared/logger';
import { openSqliteStore, type SqliteStore } from '../../../src/storage';

export const SECRET = 'dashboard-test-secret-dashboard-test-secret';
export const TENANT = '11111111-2222-3333-4444-555555555555';
export const APPROVER = '31000000-0000-0000-0000-0000000000aa';
const data = new FixedClock('2026-11-30T18:00:00Z');

/** The seeded trail behind the dashboard routes; `deps` adds or replaces dashboard collaborators. */
export async function startDashboard(deps: Partial<DashboardDeps> & Pick<DashboardDeps, 'isApprover'>): Promise<{ base: string; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'mfa-insights-'));
  const store = openSqliteStore(join(dir, 's.sqlite'), { clock: data });
  await seed(store);
  const server = restify.createServer({ handleUncaughtExceptions: false });
  registerInsightsDashboard(server, { secret: SECRET, clock: systemClock, dataClock: data, logger: createLogger({ level: 'silent' }), audit: store, teamsJsPath: null, ...deps });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function seed(store: SqliteStore): Promise<void> {
  const codes = ['CA_BLOCKS_REGISTRATION_LOCATION', 'DEVICE_QUOTA_REACHED', 'PHONE_ONLY_MFA', 'CA_BLOCKS_REGISTRATION_LOCATION', 'NO_USABLE_METHOD', 'PASSKEY_TYPE_NOT_ALLOWED'];
  const outcomes = ['fixed', 'fixed_after_cleanup', 'fixed', 'escalated', 'escalated', undefined];
  for (let i = 0; i < codes.length; i++) {
    const start = `2026-11-2${4 + (i % 5)}T09:0${i}:00Z`;
    const details = { flowId: `f${i}`, codes: [codes[i]], startedAt: start };
    await store.append({ at: start, action: 'flow.diagnosed', actor: `u${i}`, subject: `u${i}`, details });
    const outcome = outcomes[i];
    if (outcome) await store.append({ at: start.replace('T09:0', 'T09:2'), action: 'flow.outcome', actor: `u${i}`, subject: `u${i}`, details: { ...details, outcome } });
  }
  await store.append({ at: '2026-11-28T10:00:00Z', action: 'tap.issued', actor: 'Hank Helpdesk', subject: 'u3', details: { requestId: 'r1' } });
  // A day later: two of the fixed rescues were asked; one stayed fixed (Graph confirmed), one broke again.
  for (const [i, answer, registered] of [[0, 'stayed_fixed', true], [2, 'broke_again', false]] as const) {
    await store.append({ at: `2026-11-2${5 + i}T09:30:00Z`, action: 'flow.follow_up_asked', actor: 'system', subject: `u${i}`, details: { flowId: `f${i}`, registered } });
    await store.append({ at: `2026-11-2${5 + i}T10:00:00Z`, action: 'flow.follow_up', actor: `u${i}`, subject: `u${i}`, details: { flowId: `f${i}`, answer, registered } });
  }
  // Evaluation mode: a pass the backend would have issued.
  await store.append({ at: '2026-11-29T11:00:00Z', action: 'tap.would_issue', actor: 'Hank Helpdesk', subject: 'u4', details: { requestId: 'r2', shadow: true } });
}

/**
 * Backend + Graph simulator (with its Verified ID Request Service stand-in) + a real SQLite store,
 * for the Face Check integration tests. Alice's mail differs from her UPN; her fixture entry sets
 * the simulated wallet's default Face Check score (`@sim.faceCheck`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { budgetSpecs, MemoryBucketStore, virtualBudgetKeeper } from '../../../src/backend/budget';
import { createVerifiedIdTokenSource } from '../../../src/backend/graph';
import { createGraphGateway } from '../../../src/backend/graph/directoryGateway';
import { createBackend, type Backend } from '../../../src/backend/server';
import { createRequestServiceClient } from '../../../src/backend/verifiedId/requestServiceClient';
import { localConfig } from '../../../src/cli/localTenant';
import type { Config, VerifiedIdConfig } from '../../../src/config';
import { FixedClock } from '../../../src/shared/clock';
import { silentLogger } from '../../../src/shared/logger';
import { LOCAL_SSO_APP_ID, startSimulator, findUser, type RunningSimulator } from '../../../src/simulator';
import { openSqliteStore, type SqliteStore } from '../../../src/storage/sqlite/sqliteStore';
import { ALICE, APPROVERS_GROUP, BOB, HANK, IVY, LOCAL_KEY, NOW, tapFixture } from '../backend/tapStack';

export { ALICE, BOB, HANK, IVY };
export const ALICE_MAIL = 'alice.liddell@fabrikam.example';

export interface FaceCheckStack {
  sim: RunningSimulator;
  backend: Backend;
  store: SqliteStore;
  url: string;
  settings: VerifiedIdConfig;
  clock: FixedClock;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  userToken(ref: string): string;
  /** Opens a pass request for the employee (their own token); the backend's request id. */
  open(employee: string): Promise<string>;
  /** The simulated wallet: `user` presents their card for the presentation request. */
  present(presentationRequestId: string, user: string, score?: number): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

async function postJson(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

export async function startFaceCheckStack(): Promise<FaceCheckStack> {
  const clock = new FixedClock(NOW);
  const logger = silentLogger();
  const fixture = tapFixture();
  const alice = (fixture.users as Array<Record<string, unknown>>).find((u) => u.id === ALICE.id) as Record<string, unknown>;
  alice.mail = ALICE_MAIL;
  alice['@sim.faceCheck'] = { matchConfidenceScore: 86.314159, sourcePhotoQuality: 'HIGH' };
  const sim = await startSimulator({ fixture, clock, logger });
  const base = localConfig(sim, { GRAPH_MAX_RETRIES: '2' });
  if (!base.verifiedId) throw new Error('local mode should turn Face Check on');
  const settings: VerifiedIdConfig = { ...base.verifiedId, apiKey: 'a'.repeat(40) };
  const config: Config = {
    ...base,
    backend: { ...base.backend, localKey: LOCAL_KEY, allowTimeTravel: true },
    approvals: { ...base.approvals, approversGroupId: APPROVERS_GROUP },
    verifiedId: settings,
  };
  const gateway = createGraphGateway(config, { clock, logger, sleep: async (ms) => clock.advance(ms), budget: virtualBudgetKeeper(config.graph.tenantId, budgetSpecs(), new MemoryBucketStore()) });
  const dir = mkdtempSync(join(tmpdir(), 'mfa-facecheck-'));
  const store = openSqliteStore(join(dir, 'assistant.sqlite'), { clock });
  const faceCheckClient = createRequestServiceClient({ baseUrl: settings.serviceUrl, getToken: createVerifiedIdTokenSource(config.graph.read, config.graph), timeoutMs: 10_000 });
  const backend = createBackend({ config, gateway, clock, logger, audit: store, store, faceCheckClient });
  const { url } = await backend.listen(0, '127.0.0.1');
  // The Request Service calls the backend back at its listening address.
  settings.callbackBaseUrl = url;
  const post = (path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${LOCAL_KEY}` }) => postJson(`${url}${path}`, body, headers);
  const userToken = (ref: string) => {
    const u = findUser(sim.tenant, ref);
    if (!u) throw new Error(`no user ${ref}`);
    return sim.userToken({ oid: u.id, upn: u.upn, audience: LOCAL_SSO_APP_ID });
  };
  return {
    sim,
    backend,
    store,
    url,
    settings,
    clock,
    post,
    userToken,
    async open(employee) {
      const res = await post('/v1/tap/requests', { employeeId: employee, employeeToken: userToken(employee), reason: 'lost phone', findings: [] });
      if (res.status !== 200) throw new Error(`open failed ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { requestId: string }).requestId;
    },
    present: (presentationRequestId, user, score) => postJson(`${sim.url}/_sim/verifiedId/present`, { requestId: presentationRequestId, user, ...(score !== undefined ? { score } : {}) }, {}),
    async close() {
      await backend.close();
      await sim.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

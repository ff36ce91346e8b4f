/**
 * Backend + Graph simulator + a real SQLite store for the TAP/risk-profile integration tests: the
 * small tenant plus an approvers group (nested), privileged users (direct and through a group),
 * an external guest, a manager with phones, and a recently added Authenticator for Alice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../../src/config';
import { createBackend, type Backend } from '../../../src/backend/server';
import { createGraphGateway } from '../../../src/backend/graph/directoryGateway';
import { budgetSpecs, MemoryBucketStore, virtualBudgetKeeper } from '../../../src/backend/budget';
import type { DirectoryGateway } from '../../../src/backend/graph/gateway';
import type { FaceCheckEvidenceSource } from '../../../src/backend/verification/evidence';
import { localConfig } from '../../../src/cli/localTenant';
import { startSimulator, LOCAL_APPS, LOCAL_SSO_APP_ID, findUser, type RunningSimulator, type SimulatorApp, type SimUser, type UserTokenRequest } from '../../../src/simulator';
import { FixedClock } from '../../../src/shared/clock';
import { silentLogger } from '../../../src/shared/logger';
import { openSqliteStore, type SqliteStore } from '../../../src/storage/sqlite/sqliteStore';
import { ALICE, BOB, LOCAL_KEY, NOW, smallFixture } from './harness';

export { ALICE, BOB, LOCAL_KEY, NOW };
export const APPROVERS_GROUP = '20000000-0000-0000-0000-0000000000a1';
const TIER1_GROUP = '20000000-0000-0000-0000-0000000000a2';
const ADMINS_GROUP = '20000000-0000-0000-0000-0000000000a3';
export const HANK = { id: '30000000-0000-0000-0000-000000000010', upn: 'hank@fabrikam.example' };
export const IVY = { id: '30000000-0000-0000-0000-000000000011', upn: 'ivy@fabrikam.example' };
export const ERIN = { id: '30000000-0000-0000-0000-000000000012', upn: 'erin@fabrikam.example' };
export const DAVE = { id: '30000000-0000-0000-0000-000000000013', upn: 'dave@fabrikam.example' };
export const GUEST = { id: '30000000-0000-0000-0000-000000000014', upn: 'gus_contoso.example#EXT#@fabrikam.example' };
export const MIKE = { id: '30000000-0000-0000-0000-000000000015', upn: 'mike@fabrikam.example' };
export const RECENT_AUTHENTICATOR = '80000000-0000-0000-0000-0000000000a1';

/** A plain member of the test tenant (password only, no devices, no sign-ins). */
export const user = (id: string, upn: string, displayName: string, extra: Record<string, unknown> = {}) => ({
  id,
  userPrincipalName: upn,
  displayName,
  accountEnabled: true,
  userType: 'Member',
  createdDateTime: '2025-05-01T08:00:00Z',
  mobilePhone: '+1 425 555 0142',
  authenticationMethods: [{ '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: '28c10230-6103-485e-b985-444c60001490' }],
  registeredDevices: [],
  signIns: [],
  ...extra,
});

export function tapFixture(): Record<string, unknown> {
  const f = smallFixture();
  const users = f.users as Array<Record<string, unknown>>;
  const alice = users.find((u) => u.id === ALICE.id) as Record<string, unknown>;
  alice.manager = MIKE.id;
  alice.mobilePhone = '+1 425 555 0171';
  alice.givenName = 'Alice';
  alice.surname = 'Anders';
  alice.authenticationMethods = [
    ...(alice.authenticationMethods as unknown[]),
    { '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', id: RECENT_AUTHENTICATOR, displayName: 'iPhone 15', createdDateTime: '2026-11-20T10:00:00Z' },
  ];
  users.push(
    user(HANK.id, HANK.upn, 'Hank Helpdesk'),
    user(IVY.id, IVY.upn, 'Ivy Intern'),
    user(ERIN.id, ERIN.upn, 'Erin Admin'),
    user(DAVE.id, DAVE.upn, 'Dave Ops'),
    user(GUEST.id, GUEST.upn, 'Gus Guest', { userType: 'Guest', creationType: 'Invitation' }),
    user(MIKE.id, MIKE.upn, 'Mike Manager', { businessPhones: ['+1 425 555 0100'], mobilePhone: '+1 425 555 0101' }),
  );
  for (const u of users) if (u.mobilePhone === undefined) u.mobilePhone = `+1 425 555 ${String(1000 + users.indexOf(u)).slice(-4)}`;
  f.groups = [
    ...(f.groups as unknown[]),
    { id: APPROVERS_GROUP, displayName: 'TAP approvers', members: [TIER1_GROUP] },
    { id: TIER1_GROUP, displayName: 'Helpdesk tier 1', members: [HANK.id] },
    { id: ADMINS_GROUP, displayName: 'Ops admins', isAssignableToRole: true, members: [DAVE.id] },
  ];
  f.directoryRoles = [
    { id: '90000000-0000-0000-0000-000000000001', displayName: 'Global Administrator', roleTemplateId: '62e90394-69f5-4237-9190-012177145e10', members: [ERIN.id] },
    { id: '90000000-0000-0000-0000-000000000002', displayName: 'Exchange Administrator', roleTemplateId: '29232cdf-9323-42fd-ade2-1d097af3e4de', members: [ADMINS_GROUP] },
  ];
  return f;
}

export interface TapStack {
  sim: RunningSimulator;
  backend: Backend;
  gateway: DirectoryGateway;
  store: SqliteStore;
  dir: string;
  url: string;
  config: Config;
  clock: FixedClock;
  post(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
  /** A user token from the simulator's token service (Teams SSO stand-in), signed with the tenant key. */
  userToken(ref: string, over?: Partial<UserTokenRequest>): string;
  /** POST /v1/tap/requests for the employee (with their own token); the backend's request id. */
  open(employee: string): Promise<string>;
  /**
   * POST /v1/tap/issue with issueBody(over): `requestId` is an alias, opened for the target on
   * first use; the approver's own token is added unless `approverToken` is given (null = none).
   */
  issue(over?: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  /** The backend request id behind an alias used with issue(). */
  idOf(alias: string): string;
  /**
   * Records verification evidence for a request through the API, each with its person's own token:
   * the approver's call-back (on the directory number's ending) and the directory manager's confirmation.
   */
  verify(requestId: string, approverId: string, kinds?: Array<'callback' | 'manager'>): Promise<Array<{ status: number; body: unknown }>>;
  simUser(ref: string): SimUser;
  taps(ref: string): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface TapStackOptions {
  approvals?: Partial<Config['approvals']>;
  /** Proof-of-person settings (e.g. approverAuthContext). */
  proof?: Partial<NonNullable<Config['proof']>>;
  apps?: SimulatorApp[];
  /** "This wasn't me" settings (default: no sign-in block). */
  containment?: Config['containment'];
  /** Keep the SQLite file's folder (the CLI test reads it after close). */
  dir?: string;
  /** Evaluation (shadow) mode. */
  shadow?: boolean;
  /** issue() records no evidence on first use of an alias (default: call-back and manager, as far as possible). */
  noEvidence?: boolean;
  /** Config of the verification ladder (VIP group, policy). */
  verification?: Config['verification'];
  /** Changes to the tenant fixture before the simulator starts. */
  tweak?: (fixture: Record<string, unknown>) => void;
  /** The Verified ID Face Check results the ladder reads. */
  faceCheck?: FaceCheckEvidenceSource;
  accountRecovery?: boolean;
}

export async function startTapStack(opts: TapStackOptions = {}): Promise<TapStack> {
  const clock = new FixedClock(NOW);
  const logger = silentLogger();
  const fixture = tapFixture();
  opts.tweak?.(fixture);
  const sim = await startSimulator({ fixture, clock, logger, ...(opts.apps ? { apps: opts.apps } : {}) });
  const base = localConfig(sim, { GRAPH_MAX_RETRIES: '2' });
  const config: Config = {
    ...base,
    backend: { ...base.backend, localKey: LOCAL_KEY, allowTimeTravel: true },
    approvals: {
      ...base.approvals,
      approversGroupId: APPROVERS_GROUP,
      ...(opts.accountRecovery ? { accountRecovery: { enabled: true, url: 'https://aka.ms/mysecurityinfo' } } : {}),
      ...opts.approvals,
    },
    ...(opts.verification ? { verification: opts.verification } : {}),
    ...(base.proof ? { proof: { ...base.proof, ...opts.proof } } : {}),
    ...(opts.containment ? { containment: opts.containment } : {}),
    evaluation: { shadow: opts.shadow === true },
  };
  // A backoff is time passing: the simulator's budgets (on its clock) refill while the backend waits.
  const gateway = createGraphGateway(config, { clock, logger, sleep: async (ms) => clock.advance(ms), budget: virtualBudgetKeeper(config.graph.tenantId, budgetSpecs(), new MemoryBucketStore()) });
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'mfa-tap-'));
  const store = openSqliteStore(join(dir, 'assistant.sqlite'), { clock });
  const backend = createBackend({ config, gateway, clock, logger, audit: store, store, ...(opts.faceCheck ? { faceCheck: opts.faceCheck } : {}) });
  const { url } = await backend.listen(0, '127.0.0.1');
  const simUser = (ref: string): SimUser => {
    const u = findUser(sim.tenant, ref);
    if (!u) throw new Error(`no simulator user ${ref}`);
    return u;
  };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${LOCAL_KEY}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  const userToken = (ref: string, over: Partial<UserTokenRequest> = {}) => {
    const u = simUser(ref);
    return sim.userToken({ oid: u.id, upn: u.upn, audience: LOCAL_SSO_APP_ID, ...over });
  };
  const open = async (employee: string) => {
    const u = simUser(employee);
    const res = await post('/v1/tap/requests', { employeeId: u.id, employeeToken: userToken(employee), reason: 'cannot register MFA', findings: [{ code: 'CA_REQUIRES_MFA_TO_REGISTER' }] });
    if (res.status !== 200) throw new Error(`open failed ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { requestId: string }).requestId;
  };
  const aliases = new Map<string, string>();
  const verify = async (requestId: string, approverId: string, kinds: Array<'callback' | 'manager'> = ['callback', 'manager']) => {
    const out: Array<{ status: number; body: unknown }> = [];
    const context = config.proof?.approverAuthContext;
    const status = await post('/v1/tap/verification', { requestId });
    const view = status.body as { callback?: { numberEnding: string }; manager?: { id: string } };
    if (kinds.includes('callback') && view.callback) {
      out.push(await post('/v1/tap/verification/callback', { requestId, approverId, approverToken: userToken(approverId, context ? { acrs: [context] } : {}), numberEnding: view.callback.numberEnding }));
    }
    if (kinds.includes('manager') && view.manager) {
      out.push(await post('/v1/tap/verification/manager', { requestId, managerId: view.manager.id, managerToken: userToken(view.manager.id), outcome: 'confirmed' }));
    }
    return out;
  };
  return {
    sim,
    backend,
    gateway,
    store,
    dir,
    url,
    config,
    clock,
    simUser,
    taps: (ref) => simUser(ref).methods.filter((m) => m['@odata.type'] === '#microsoft.graph.temporaryAccessPassAuthenticationMethod'),
    post,
    userToken,
    open,
    async issue(over = {}) {
      const body = issueBody(over) as Record<string, unknown> & { requestId: string; targetUser: string; approverId: string };
      let id = aliases.get(body.requestId);
      if (!id) {
        id = await open(body.targetUser);
        aliases.set(body.requestId, id);
        if (!opts.noEvidence) await verify(id, body.approverId).catch(() => []);
      }
      const given = over.approverToken;
      const approverToken = given === null ? undefined : typeof given === 'string' ? given : userToken(body.approverId);
      const { approverToken: _drop, ...rest } = body;
      return post('/v1/tap/issue', { ...rest, requestId: id, ...(approverToken ? { approverToken } : {}) });
    },
    idOf: (alias) => aliases.get(alias) ?? alias,
    verify,
    async close() {
      await backend.close();
      await sim.close();
      store.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The simulator's two local app registrations with some roles taken away. */
export function appsWithout(role: string): SimulatorApp[] {
  return LOCAL_APPS.all.map((a) => ({ ...a, roles: a.roles.filter((r) => r !== role) }));
}

export const issueBody = (over: Record<string, unknown> = {}) => ({
  requestId: 'req-1',
  targetUser: ALICE.id,
  approverId: HANK.id,
  verification: { method: 'video_call_with_id', note: 'badge 4711 on video, matches HR photo' },
  replaceExisting: false,
  ...over,
});

/** A real SQLite file in a temp dir, the fakes, and a service on top; more instances on the same file. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApprovalService, type ApprovalService } from '../../../../src/approvals/service';
import { createPassVault, type PassVault } from '../../../../src/approvals/vault';
import type { ApprovalNotice, ApprovalPolicyInput } from '../../../../src/approvals/ports';
import type { NewTapRequest, Person } from '../../../../src/approvals/model';
import { FixedClock } from '../../../../src/shared/clock';
import { silentLogger, type Logger } from '../../../../src/shared/logger';
import { openSqliteStore, type SqliteStore } from '../../../../src/storage';
import { FakeDirectory, FakeIssuer, GROUP } from './fakes';

export const T0 = '2025-06-02T09:00:00.000Z';
export const TENANT = 'tenant-1';
export const ALICE = { aadObjectId: 'user-alice', displayName: 'Alice Example', upn: 'alice@contoso.example' };
export const BOB: Person = { aadObjectId: 'user-bob', displayName: 'Bob Helpdesk' };
export const CAROL: Person = { aadObjectId: 'user-carol', displayName: 'Carol Helpdesk' };
export const MALLORY: Person = { aadObjectId: 'user-mallory', displayName: 'Mallory' };
export const VERIFIED = { method: 'video_call_with_id', note: 'video call, badge 4711 matches HR photo' } as const;

export function newRequest(over: Partial<NewTapRequest> = {}): NewTapRequest {
  return {
    tenantId: TENANT,
    requester: ALICE,
    reason: 'new phone, cannot register the Authenticator',
    findings: [{ code: 'CA_REQUIRES_MFA_TO_REGISTER', evidence: { policyId: 'ca-1' } }],
    riskSignals: [],
    ...over,
  };
}

export interface Instance {
  store: SqliteStore;
  service: ApprovalService;
  vault: PassVault;
  notices: ApprovalNotice[];
}

export class Harness {
  readonly dir = mkdtempSync(join(tmpdir(), 'mfa-approvals-'));
  readonly path = join(this.dir, 'store.sqlite');
  readonly clock = new FixedClock(T0);
  readonly directory = new FakeDirectory();
  readonly issuer = new FakeIssuer(this.clock, this.directory);
  readonly key = randomBytes(32);
  private readonly instances: Instance[] = [];

  constructor(readonly policy: Partial<ApprovalPolicyInput> = {}) {
    this.directory.approvers.add(BOB.aadObjectId);
    this.directory.approvers.add(CAROL.aadObjectId);
  }

  /** A service instance with its own connection to the shared file (a "bot instance"). */
  instance(opts: { instanceId?: string; logger?: Logger } = {}): Instance {
    const store = openSqliteStore(this.path, { clock: this.clock });
    const vault = createPassVault({ store, key: this.key, clock: this.clock });
    const notices: ApprovalNotice[] = [];
    const service = createApprovalService({
      store,
      audit: store,
      clock: this.clock,
      logger: opts.logger ?? silentLogger(),
      policy: { approversGroupId: GROUP, ...this.policy },
      issuer: this.issuer,
      directory: this.directory,
      vault,
      notifier: { notify: async (n) => void notices.push(n) },
      ...(opts.instanceId ? { instanceId: opts.instanceId } : {}),
    });
    const inst = { store, service, vault, notices };
    this.instances.push(inst);
    return inst;
  }

  close(): void {
    for (const i of this.instances) i.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Unwraps an ok result or fails the test with the refusal. */
export function value<T>(r: { ok: true; value: T } | { ok: false; reason: string; message: string }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.reason}: ${r.message}`);
  return r.value;
}

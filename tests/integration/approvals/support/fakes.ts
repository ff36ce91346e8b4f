/** Test doubles for the approval ports: a directory and an issuer that record what they were asked. */
import { randomBytes } from 'node:crypto';
import type { ApprovalDirectory, ExistingTap, IssuedPass, IssueTapInput, TapIssuer, TapPolicy } from '../../../../src/approvals/ports';
import type { Person } from '../../../../src/approvals/model';
import type { Clock } from '../../../../src/shared/clock';

export const GROUP = 'group-approvers';

export class FakeDirectory implements ApprovalDirectory {
  readonly approvers = new Set<string>();
  readonly privileged = new Set<string>();
  readonly policies = new Map<string, TapPolicy>();
  readonly existing = new Map<string, ExistingTap>();
  readonly managers = new Map<string, Person>();
  readonly groupsAsked: string[] = [];
  defaultPolicy: TapPolicy = { allowed: true, minLifetimeInMinutes: 10, maxLifetimeInMinutes: 480, defaultLifetimeInMinutes: 60, isUsableOnce: false };

  async isApprover(userId: string, groupId: string): Promise<boolean> {
    this.groupsAsked.push(groupId);
    return groupId === GROUP && this.approvers.has(userId);
  }
  async isPrivileged(userId: string): Promise<boolean> {
    return this.privileged.has(userId);
  }
  async tapPolicyFor(userId: string): Promise<TapPolicy> {
    return this.policies.get(userId) ?? this.defaultPolicy;
  }
  async existingUsableTap(userId: string): Promise<ExistingTap | undefined> {
    return this.existing.get(userId);
  }
  async managerOf(userId: string): Promise<Person | undefined> {
    return this.managers.get(userId);
  }
}

/** Idempotent per requestId, like the backend must be. `hold()` parks every call until released. */
export class FakeIssuer implements TapIssuer {
  readonly calls: IssueTapInput[] = [];
  readonly created = new Map<string, IssuedPass>();
  readonly revoked: Array<{ userId: string; methodId: string }> = [];
  failures: Error[] = [];
  private gate: Promise<void> | undefined;
  private open: () => void = () => undefined;

  constructor(
    private readonly clock: Clock,
    private readonly directory?: FakeDirectory,
  ) {}

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  release(): void {
    this.gate = undefined;
    this.open();
  }

  async issue(input: IssueTapInput): Promise<IssuedPass> {
    this.calls.push(input);
    if (this.gate) await this.gate;
    const failure = this.failures.shift();
    if (failure) throw failure;
    const known = this.created.get(input.requestId);
    if (known) return known;
    // Symbols and mixed case, like real passes; random so a leak cannot match by chance.
    const pass = `P+${randomBytes(9).toString('base64url')}!`;
    const issued: IssuedPass = {
      pass,
      methodId: `tap-${this.created.size + 1}-${input.requestId.slice(0, 8)}`,
      startDateTime: this.clock.now().toISOString(),
      lifetimeInMinutes: input.lifetimeMinutes,
      isUsableOnce: input.isUsableOnce,
    };
    this.created.set(input.requestId, issued);
    this.directory?.existing.set(input.targetUserId, { methodId: issued.methodId });
    return issued;
  }

  async revoke(userId: string, methodId: string): Promise<void> {
    this.revoked.push({ userId, methodId });
    if (this.directory?.existing.get(userId)?.methodId === methodId) this.directory.existing.delete(userId);
  }

  passes(): string[] {
    return [...this.created.values()].map((c) => c.pass);
  }
}

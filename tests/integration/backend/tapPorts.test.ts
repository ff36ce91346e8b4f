import { FixedClock } from '../../../src/shared/clock';
import { createBackendApprovalDirectory, createBackendTapIssuer } from '../../../src/approvals/backendPorts';
import { createBackendClient } from '../../../src/backend/client';
import { ALICE, DAVE, GUEST, HANK, IVY, LOCAL_KEY, MIKE, startTapStack, type TapStack } from './tapStack';

describe('the approval ports over the backend client (real HTTP)', () => {
  let stack: TapStack;
  beforeEach(async () => {
    stack = await startTapStack();
  });
  afterEach(async () => {
    await stack.close();
  });
  const client = () => createBackendClient({ baseUrl: stack.url, getToken: async () => LOCAL_KEY, timeoutMs: 15_000 });

  it('the directory answers approver, privilege, policy, existing pass and manager from the backend', async () => {
    const directory = createBackendApprovalDirectory(client(), { clock: stack.clock });

    expect(await directory.isApprover(HANK.id, 'ignored: the backend uses its own group')).toBe(true);
    expect(await directory.isApprover(IVY.id, 'x')).toBe(false);
    expect(await directory.isPrivileged(DAVE.id)).toBe(true);
    expect(await directory.isPrivileged(ALICE.id)).toBe(false);
    expect(await directory.tapPolicyFor(GUEST.id)).toMatchObject({ allowed: false, minLifetimeInMinutes: 60, maxLifetimeInMinutes: 480 });
    expect(await directory.existingUsableTap(ALICE.id)).toBeUndefined();
    expect(await directory.managerOf(ALICE.id)).toEqual({ aadObjectId: MIKE.id, displayName: 'Mike Manager' });
  });

  it('one decision reads one risk profile (cached briefly), a later one reads it again', async () => {
    // The cache has a clock of its own: the tenant clock also moves when a Graph backoff waits
    // (tapStack), which must not age the cache in the middle of one decision.
    const cacheClock = new FixedClock(stack.clock.now());
    const directory = createBackendApprovalDirectory(client(), { clock: cacheClock, profileCacheMs: 5000 });

    await directory.isPrivileged(ALICE.id);
    await directory.tapPolicyFor(ALICE.id);
    await directory.existingUsableTap(ALICE.id);
    cacheClock.advance(6000);
    await directory.managerOf(ALICE.id);

    expect(await stack.store.query({ action: 'risk_profile.read' })).toHaveLength(2);
  });

  it('the issuer opens the request with the employee\'s token, issues with the approver\'s (same pass shape), refuses without a verification record, and revokes', async () => {
    const issuer = createBackendTapIssuer(client());
    const opened = await issuer.openRequest?.({ employeeId: ALICE.id, employeeToken: stack.userToken(ALICE.id), reason: 'lost phone', findings: ['CA_REQUIRES_MFA_TO_REGISTER'] });
    // The evidence the backend records itself (call-back and manager, each on its person's own token).
    await stack.verify(opened?.requestId ?? '', HANK.id);
    const input = { requestId: opened?.requestId ?? '', targetUserId: ALICE.id, approverId: HANK.id, lifetimeMinutes: 60, isUsableOnce: true, replaceExisting: false, approverToken: stack.userToken(HANK.id) };

    await expect(issuer.issue(input)).rejects.toMatchObject({ kind: 'bad_request' });
    const pass = await issuer.issue({ ...input, verification: { method: 'in_person', note: 'badge checked at the desk' } });
    expect(pass).toMatchObject({ lifetimeInMinutes: 60, isUsableOnce: true });
    expect(Object.keys(pass).sort()).toEqual(['isUsableOnce', 'lifetimeInMinutes', 'methodId', 'pass', 'startDateTime']);
    expect(await createBackendApprovalDirectory(client()).existingUsableTap(ALICE.id)).toMatchObject({ methodId: pass.methodId });

    await expect(issuer.issue({ ...input, verification: { method: 'in_person' } })).rejects.toMatchObject({ kind: 'conflict', expected: true });
    await issuer.revoke(ALICE.id, pass.methodId);
    expect(stack.taps(ALICE.id)).toHaveLength(0);
  });

  it('a refusal reaches the approval service as a final refused AppError with the machine reason', async () => {
    const issuer = createBackendTapIssuer(client());
    const opened = await issuer.openRequest?.({ employeeId: ALICE.id, employeeToken: stack.userToken(ALICE.id), reason: 'lost phone', findings: [] });

    await expect(
      issuer.issue({ approverToken: stack.userToken(IVY.id), requestId: opened?.requestId ?? '', targetUserId: ALICE.id, approverId: IVY.id, lifetimeMinutes: 60, isUsableOnce: true, replaceExisting: false, verification: { method: 'manager_callback' } }),
    ).rejects.toMatchObject({ kind: 'refused', expected: true, details: expect.objectContaining({ reason: 'not_approver', status: 403 }) });
  });
});

import { randomBytes } from 'node:crypto';
import { createApprovalService, createPassVault, type ApprovalService } from '../../../src/approvals';
import { createBackendApprovalDirectory, createBackendTapIssuer } from '../../../src/approvals/backendPorts';
import { createBackendClient } from '../../../src/backend/client';
import { ISSUANCE_COLLECTION } from '../../../src/backend/tap/ledger';
import { AppError } from '../../../src/shared/errors';
import { silentLogger } from '../../../src/shared/logger';
import { ALICE, APPROVERS_GROUP, ERIN, HANK, LOCAL_KEY, startTapStack, type TapStack } from './tapStack';

const VERIFIED = { method: 'video_call_with_id', note: 'badge 4711 on video, matches HR photo' };

describe('approval service → backend ports → backend → Graph simulator, one shared SQLite store', () => {
  let stack: TapStack;
  let service: ApprovalService;
  beforeEach(async () => {
    stack = await startTapStack();
    const client = createBackendClient({ baseUrl: stack.url, getToken: async () => LOCAL_KEY, timeoutMs: 20_000 });
    service = createApprovalService({
      store: stack.store,
      audit: stack.store,
      clock: stack.clock,
      logger: silentLogger(),
      policy: { approversGroupId: APPROVERS_GROUP },
      issuer: createBackendTapIssuer(client),
      directory: createBackendApprovalDirectory(client, { clock: stack.clock }),
      vault: createPassVault({ store: stack.store, key: randomBytes(32), clock: stack.clock }),
    });
  });
  afterEach(async () => {
    await stack.close();
  });

  const file = async (who: { id: string; upn: string }) => {
    const r = await service.request({ tenantId: 'tenant-1', requester: { aadObjectId: who.id, displayName: 'Employee', upn: who.upn }, reason: 'lost my phone' }, { token: stack.userToken(who.id) });
    // The verification evidence the backend records itself (call-back, manager), before anyone approves.
    if (r.ok) await stack.verify(r.value.id, HANK.id);
    return r;
  };

  it('when an approver approves, the backend verifies the stored request and issues one pass that waits in the vault', async () => {
    const filed = await file(ALICE);
    if (!filed.ok) throw new Error(filed.message);

    const approved = await service.approve(filed.value.id, { aadObjectId: HANK.id, displayName: 'Hank' }, VERIFIED, { approverToken: stack.userToken(HANK.id) });

    expect(approved).toMatchObject({ ok: true, value: { state: 'issued', issuance: { lifetimeInMinutes: 60, isUsableOnce: true } } });
    expect(stack.taps(ALICE.id)).toHaveLength(1);
    const backendIssued = (await stack.store.query({ action: 'tap.created' })).filter((r) => r.details?.source === 'backend');
    expect(backendIssued).toEqual([expect.objectContaining({ details: expect.objectContaining({ requestRecord: 'owned', verificationMethod: 'video_call_with_id' }) })]);
    expect((await stack.store.get<{ state: string }>(ISSUANCE_COLLECTION, filed.value.id))?.value.state).toBe('issued');
    // One shared store, one issuance: exactly one `tap.issued` (the decision) next to the backend's `tap.created`.
    expect(await stack.store.query({ action: 'tap.issued' })).toHaveLength(1);
  });

  it('when 50 approvals of one request race, one pass is created in Graph', async () => {
    const filed = await file(ALICE);
    if (!filed.ok) throw new Error(filed.message);

    const token = stack.userToken(HANK.id);
    const results = await Promise.all(Array.from({ length: 50 }, () => service.approve(filed.value.id, { aadObjectId: HANK.id }, VERIFIED, { approverToken: token })));

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(stack.sim.stats().byPath['POST /users/{user}/authentication/{collection}']).toBe(1);
    expect(stack.taps(ALICE.id)).toHaveLength(1);
  });

  it('when the pass was created but its answer was lost, the sweep cannot recover it without the approver; their new approval replaces it: one pass in Graph, the one in the vault', async () => {
    const client = createBackendClient({ baseUrl: stack.url, getToken: async () => LOCAL_KEY, timeoutMs: 20_000 });
    const real = createBackendTapIssuer(client);
    let calls = 0;
    const losing = createApprovalService({
      store: stack.store,
      audit: stack.store,
      clock: stack.clock,
      logger: silentLogger(),
      policy: { approversGroupId: APPROVERS_GROUP },
      issuer: {
        // First call: the backend creates the pass, then the answer is lost (the bot's call timed out).
        issue: async (input) => {
          calls += 1;
          const issued = await real.issue(input);
          if (calls === 1) throw new AppError('unavailable', 'backend call timed out');
          return issued;
        },
        revoke: (user, method) => real.revoke(user, method),
        openRequest: (input) => (real.openRequest as NonNullable<typeof real.openRequest>)(input),
      },
      directory: createBackendApprovalDirectory(client, { clock: stack.clock }),
      vault: createPassVault({ store: stack.store, key: randomBytes(32), clock: stack.clock }),
    });
    const filed = await losing.request({ tenantId: 'tenant-1', requester: { aadObjectId: ALICE.id, displayName: 'Employee', upn: ALICE.upn }, reason: 'lost my phone' }, { token: stack.userToken(ALICE.id) });
    if (!filed.ok) throw new Error(filed.message);
    await stack.verify(filed.value.id, HANK.id);

    const first = await losing.approve(filed.value.id, { aadObjectId: HANK.id }, VERIFIED, { approverToken: stack.userToken(HANK.id) });
    expect(first).toMatchObject({ ok: false, reason: 'issuer_unavailable' });
    const lostMethod = stack.taps(ALICE.id)[0]?.id;
    stack.clock.advance(10 * 60_000);
    await losing.sweep(stack.clock.now());
    // The resumed attempt carries no approver token: refused by the backend, back to pending.
    expect(await losing.get(filed.value.id)).toMatchObject({ state: 'pending' });
    expect(stack.taps(ALICE.id)).toEqual([expect.objectContaining({ id: lostMethod })]);

    const again = await losing.approve(filed.value.id, { aadObjectId: HANK.id }, VERIFIED, { approverToken: stack.userToken(HANK.id) });
    expect(again).toMatchObject({ ok: true });
    const request = await losing.get(filed.value.id);
    expect(request).toMatchObject({ state: 'issued' });
    expect(calls).toBe(3);
    expect(stack.taps(ALICE.id)).toEqual([expect.objectContaining({ id: request?.issuance?.tapMethodId })]);
    expect(request?.issuance?.tapMethodId).not.toBe(lostMethod);
    expect(await stack.store.query({ action: 'tap.lost_pass_replaced' })).toHaveLength(1);
  });

  it('when the employee is a Global Administrator, the request is refused through the backend directory', async () => {
    const filed = await file(ERIN);

    expect(filed).toMatchObject({ ok: false, reason: 'privileged_target' });
    expect(stack.taps(ERIN.id)).toHaveLength(0);
  });
});

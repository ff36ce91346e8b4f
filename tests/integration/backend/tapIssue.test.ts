import { ApiErrorBodySchema, IssueTapResponseSchema } from '../../../src/backend/api';
import { ISSUANCE_COLLECTION } from '../../../src/backend/tap/ledger';
import { ALICE, BOB, DAVE, ERIN, GUEST, HANK, IVY, NOW, issueBody, startTapStack, type TapStack } from './tapStack';

const errorOf = (body: unknown) => ApiErrorBodySchema.parse(body).error;

describe('POST /v1/tap/issue', () => {
  let stack: TapStack;
  beforeEach(async () => {
    stack = await startTapStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  it('when every rule holds, the pass is returned once, created one-time with the policy minimum lifetime, and audited without the pass', async () => {
    const res = await stack.issue();

    expect(res.status).toBe(200);
    const issued = IssueTapResponseSchema.parse(res.body);
    expect(issued).toMatchObject({ lifetimeInMinutes: 60, isUsableOnce: true });
    // The pass starts when it was created: NOW plus the backoff Microsoft's budgets made the backend wait.
    expect(Date.parse(issued.startDateTime)).toBeGreaterThanOrEqual(Date.parse(NOW));
    expect(Date.parse(issued.startDateTime)).toBeLessThanOrEqual(stack.clock.now().getTime());
    expect(issued.expiresAt).toBe(new Date(Date.parse(issued.startDateTime) + 60 * 60_000).toISOString());
    expect(issued.pass.length).toBeGreaterThanOrEqual(8);
    const taps = stack.taps(ALICE.id);
    expect(taps).toEqual([expect.objectContaining({ id: issued.methodId, lifetimeInMinutes: 60, isUsableOnce: true })]);
    const listed = await stack.gateway.listTemporaryAccessPasses(ALICE.id);
    expect(listed).toEqual([expect.objectContaining({ id: issued.methodId, isUsable: true })]);
    const records = await stack.store.query({ action: 'tap.created' });
    expect(records).toEqual([
      expect.objectContaining({ actor: HANK.id, subject: ALICE.id, details: expect.objectContaining({ requestId: stack.idOf('req-1'), methodId: issued.methodId, verificationMethod: 'video_call_with_id', source: 'backend' }) }),
    ]);
    const everything = JSON.stringify([await stack.store.query({ limit: 10000 }), await stack.store.list(ISSUANCE_COLLECTION)]);
    expect(everything).not.toContain(issued.pass);
  });

  it('when the same request id comes again after success, the answer is 409 conflict "already issued" and no second pass exists', async () => {
    const first = await stack.issue();
    const again = await stack.issue({ replaceExisting: true });

    expect(first.status).toBe(200);
    expect(again.status).toBe(409);
    expect(errorOf(again.body)).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already issued/) });
    expect(stack.taps(ALICE.id)).toHaveLength(1);
    expect(stack.sim.stats().byPath['POST /users/{user}/authentication/{collection}']).toBe(1);
  });

  it('when the answer of a completed issuance was lost, a retry with recoverLost by the same approver replaces that pass: one pass exists, the new one', async () => {
    const first = IssueTapResponseSchema.parse((await stack.issue()).body);

    const retry = await stack.issue({ recoverLost: true });

    expect(retry.status).toBe(200);
    const second = IssueTapResponseSchema.parse(retry.body);
    expect(second.methodId).not.toBe(first.methodId);
    expect(stack.taps(ALICE.id)).toEqual([expect.objectContaining({ id: second.methodId })]);
    expect(await stack.store.query({ action: 'tap.lost_pass_replaced' })).toEqual([
      expect.objectContaining({ actor: HANK.id, details: expect.objectContaining({ lostMethodId: first.methodId, attempt: 2 }) }),
    ]);
  });

  it('when another approver asks to recover a lost pass, it is refused (recovery_refused) and the pass stays', async () => {
    const first = IssueTapResponseSchema.parse((await stack.issue()).body);

    const retry = await stack.issue({ approverId: ERIN.id, recoverLost: true });

    expect(retry.status).toBe(409);
    expect(errorOf(retry.body)).toMatchObject({ code: 'refused', reason: 'recovery_refused' });
    expect(stack.taps(ALICE.id)).toEqual([expect.objectContaining({ id: first.methodId })]);
  });

  it('when 50 approvals for one request arrive at once, exactly one pass is created: 1 success, 49 conflicts', async () => {
    stack.sim.resetStats();
    const id = await stack.open(ALICE.id);
    await stack.verify(id, HANK.id);
    const token = stack.userToken(HANK.id);
    const results = await Promise.all(Array.from({ length: 50 }, () => stack.post('/v1/tap/issue', { ...issueBody(), requestId: id, approverToken: token })));

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    // Losers see the claim taken ("conflict"), or, once the winner recorded the decision, "already issued".
    expect(results.filter((r) => r.status === 409).every((r) => errorOf(r.body).code === 'conflict')).toBe(true);
    expect(stack.sim.stats().byPath['POST /users/{user}/authentication/{collection}']).toBe(1);
    expect(stack.taps(ALICE.id)).toHaveLength(1);
    expect(await stack.store.query({ action: 'tap.created' })).toHaveLength(1);
  });

  it('when the approver is the employee, issuance is refused 403 self_approval and nothing is created', async () => {
    const res = await stack.issue({ targetUser: HANK.upn });

    expect(res.status).toBe(403);
    expect(errorOf(res.body)).toMatchObject({ code: 'refused', reason: 'self_approval' });
    expect(stack.taps(HANK.id)).toHaveLength(0);
    expect(await stack.store.query({ action: 'tap.issue_refused' })).toEqual([expect.objectContaining({ actor: HANK.id, details: expect.objectContaining({ reason: 'self_approval' }) })]);
  });

  it('when the approver is not in the approvers group (even transitively), issuance is refused 403 not_approver', async () => {
    const res = await stack.issue({ approverId: IVY.id });

    expect(res.status).toBe(403);
    expect(errorOf(res.body)).toMatchObject({ code: 'refused', reason: 'not_approver' });
    expect(stack.taps(ALICE.id)).toHaveLength(0);
  });

  it.each([
    ['holds Global Administrator directly', ERIN.id, 'Global Administrator'],
    ['holds Exchange Administrator through a role-assignable group', DAVE.upn, 'Exchange Administrator'],
  ])('when the employee %s, issuance is refused privileged_target with an escalation to privileged-access staff', async (_what, target, role) => {
    const res = await stack.issue({ targetUser: target });

    expect(res.status).toBe(409);
    const error = errorOf(res.body);
    expect(error).toMatchObject({ code: 'refused', reason: 'privileged_target', details: { escalateTo: 'privileged-access', roles: [role] } });
    expect(error.message).toMatch(/privileged-access staff/);
    expect(stack.sim.stats().byPath['POST /users/{user}/authentication/{collection}']).toBeUndefined();
  });

  it('when the tenant policy does not allow a pass for the employee (external guest), issuance is refused tap_not_allowed', async () => {
    const res = await stack.issue({ targetUser: GUEST.id });

    expect(res.status).toBe(409);
    expect(errorOf(res.body)).toMatchObject({ code: 'refused', reason: 'tap_not_allowed', message: expect.stringMatching(/external guests/) });
  });

  it('when a usable pass exists, issuance is refused existing_tap; replacing it is an explicit choice that deletes the old one', async () => {
    const old = IssueTapResponseSchema.parse((await stack.issue({ requestId: 'req-old' })).body);

    const refused = await stack.issue({ requestId: 'req-new' });
    expect(refused.status).toBe(409);
    expect(errorOf(refused.body)).toMatchObject({ reason: 'existing_tap', details: { existingMethodId: old.methodId } });
    expect(stack.taps(ALICE.id).map((t) => t.id)).toEqual([old.methodId]);

    // Same request id, now with the approver's explicit choice: the refused claim is taken again.
    const replaced = await stack.issue({ requestId: 'req-new', replaceExisting: true });
    expect(replaced.status).toBe(200);
    const fresh = IssueTapResponseSchema.parse(replaced.body);
    expect(stack.taps(ALICE.id).map((t) => t.id)).toEqual([fresh.methodId]);
    expect(fresh.methodId).not.toBe(old.methodId);
    const issued = await stack.store.query({ action: 'tap.created' });
    expect(issued[1]?.details).toMatchObject({ requestId: stack.idOf('req-new'), replacedMethodId: old.methodId, attempt: 2 });
  });

  it('when the request was not opened through the backend, expired, or was decided by someone else, issuance is refused', async () => {
    const unknown = await stack.post('/v1/tap/issue', { ...issueBody(), requestId: 'never-opened', approverToken: stack.userToken(HANK.id) });
    const bobsRequest = await stack.open(BOB.id);
    const mismatch = await stack.post('/v1/tap/issue', { ...issueBody(), requestId: bobsRequest, approverToken: stack.userToken(HANK.id) });
    expect((await stack.issue({ requestId: 'decided' })).status).toBe(200);
    const other = await stack.issue({ requestId: 'decided', approverId: ERIN.id });
    const late = await stack.open(ALICE.id);
    stack.clock.advance(61 * 60_000);
    const expired = await stack.post('/v1/tap/issue', { ...issueBody(), requestId: late, approverToken: stack.userToken(HANK.id), replaceExisting: true });

    expect(errorOf(unknown.body)).toMatchObject({ reason: 'request_unknown' });
    expect(unknown.status).toBe(403);
    expect(errorOf(mismatch.body)).toMatchObject({ reason: 'request_mismatch' });
    expect(errorOf(other.body)).toMatchObject({ reason: 'request_mismatch' });
    expect(errorOf(expired.body)).toMatchObject({ reason: 'request_not_open', details: { state: 'expired' } });
    expect(stack.taps(BOB.id)).toHaveLength(0);
    expect((await stack.store.query({ action: 'tap.created' }))[0]?.details).toMatchObject({ requestRecord: 'owned' });
  });

  it('when the body is invalid (unknown verification method), the answer is 400 naming the field', async () => {
    const res = await stack.issue({ verification: { method: 'chat' } });

    expect(res.status).toBe(400);
    expect(errorOf(res.body).message).toMatch(/^verification\.method/);
  });
});

describe('POST /v1/tap/issue rate limits', () => {
  let stack: TapStack;
  afterEach(async () => {
    await stack.close();
  });

  it('when the approver reached the hourly limit, issuance is refused rate_limited until the window moves on', async () => {
    stack = await startTapStack({ approvals: { perApproverPerHour: 1, requestTtlMinutes: 180 } });
    expect((await stack.issue({ requestId: 'a' })).status).toBe(200);

    const limited = await stack.issue({ requestId: 'b', targetUser: BOB.id });
    expect(limited.status).toBe(409);
    expect(errorOf(limited.body)).toMatchObject({ reason: 'rate_limited', details: { scope: 'approver', limit: 1 } });
    expect(stack.taps(BOB.id)).toHaveLength(0);

    stack.clock.advance(61 * 60_000);
    expect((await stack.issue({ requestId: 'b', targetUser: BOB.id })).status).toBe(200);
  });

  it('when the tenant reached its hourly limit, another approver is refused too', async () => {
    stack = await startTapStack({ approvals: { perTenantPerHour: 1 } });
    expect((await stack.issue({ requestId: 'a' })).status).toBe(200);

    const limited = await stack.issue({ requestId: 'b', targetUser: BOB.id });
    expect(errorOf(limited.body)).toMatchObject({ reason: 'rate_limited', details: { scope: 'tenant' } });
  });
});

describe('TAP lifetime', () => {
  let stack: TapStack;
  afterEach(async () => {
    await stack.close();
  });

  it.each([
    ['below the policy minimum', 30, undefined, 60],
    ['above the policy maximum', 1000, undefined, 480],
    ['inside the policy range', 120, undefined, 120],
    ['configured, and the caller asks for more', 120, 240, 120],
    ['configured, and the caller asks for less', 240, 90, 90],
  ])('when TAP_LIFETIME_MINUTES is %s, the pass gets the clamped lifetime', async (_what, configured, requested, expected) => {
    stack = await startTapStack({ approvals: { lifetimeMinutes: configured } });

    const res = await stack.issue(requested === undefined ? {} : { lifetimeMinutes: requested });

    expect(IssueTapResponseSchema.parse(res.body).lifetimeInMinutes).toBe(expected);
    expect(stack.taps(ALICE.id)[0]?.lifetimeInMinutes).toBe(expected);
  });
});

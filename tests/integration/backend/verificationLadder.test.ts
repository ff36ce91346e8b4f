/**
 * The verification ladder over real HTTP with the Graph simulator and a SQLite store: the backend
 * places each account on a tier from the directory, records evidence only on each person's own
 * token, and POST /v1/tap/issue refuses while the recorded evidence does not satisfy the tier.
 */
import { ApiErrorBodySchema, VerificationStatusResponseSchema } from '../../../src/backend/api';
import type { FaceCheckEvidence } from '../../../src/backend/verification/evidence';
import { createBackendApprovalDirectory } from '../../../src/approvals/backendPorts';
import { createBackendClient } from '../../../src/backend/client';
import { ALICE, BOB, DAVE, ERIN, HANK, IVY, LOCAL_KEY, MIKE, startTapStack, user, type TapStack } from './tapStack';

const errorOf = (body: unknown) => ApiErrorBodySchema.parse(body).error;
const statusOf = (body: unknown) => VerificationStatusResponseSchema.parse(body);
const VIP_GROUP = '20000000-0000-0000-0000-0000000000b1';
const ROLE_GROUP = '20000000-0000-0000-0000-0000000000b2';
const AU = '/administrativeUnits/f0000000-0000-0000-0000-000000000001';
const AUTH_ADMIN = 'c4e39bd9-1100-46d3-8c65-fb160da0071f';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const PAT = { id: '30000000-0000-0000-0000-000000000020', upn: 'pat@fabrikam.example' };
const GIL = { id: '30000000-0000-0000-0000-000000000021', upn: 'gil@fabrikam.example' };
const CARL = { id: '30000000-0000-0000-0000-000000000022', upn: 'carl@fabrikam.example' };
const VERA = { id: '30000000-0000-0000-0000-000000000023', upn: 'vera@fabrikam.example' };

const member = (id: string, upn: string, displayName: string) => user(id, upn, displayName, { mobilePhone: '+1 425 555 0199' });
const instance = (id: string, principalId: string, roleDefinitionId: string, directoryScopeId: string) => ({
  id, principalId, roleDefinitionId, directoryScopeId, appScopeId: null, startDateTime: '2026-01-01T00:00:00Z', endDateTime: null, memberType: 'Direct',
});

/** Pat: eligible (PIM) for an AU-scoped role; Gil: eligible for Global Admin through a group; Carl: a custom role; Vera: VIP. */
function ladderTenant(f: Record<string, unknown>): void {
  (f.users as unknown[]).push(member(PAT.id, PAT.upn, 'Pat Scoped'), member(GIL.id, GIL.upn, 'Gil Grouped'), member(CARL.id, CARL.upn, 'Carl Custom'), member(VERA.id, VERA.upn, 'Vera Vip'));
  f.groups = [...(f.groups as unknown[]), { id: VIP_GROUP, displayName: 'Executives', members: [VERA.id] }, { id: ROLE_GROUP, displayName: 'PIM admins', isAssignableToRole: true, members: [GIL.id] }];
  f.roleEligibilityScheduleInstances = [instance('e1', PAT.id, AUTH_ADMIN, AU), instance('e2', ROLE_GROUP, GLOBAL_ADMIN, '/')];
  f.roleAssignmentScheduleInstances = [{ ...instance('a1', CARL.id, 'a0a0a0a0-0000-0000-0000-00000000c001', '/'), assignmentType: 'Assigned' }];
}

describe('the verification ladder: tiers, evidence and refusals (backend over HTTP)', () => {
  let stack: TapStack;
  const faces = new Map<string, FaceCheckEvidence>();
  beforeEach(async () => {
    faces.clear();
    stack = await startTapStack({ noEvidence: true, tweak: ladderTenant, verification: { vipGroupId: VIP_GROUP, policy: { standard: [['callback'], ['manager'], ['faceCheck']], elevated: [['faceCheck'], ['callback', 'manager']] } }, faceCheck: { latest: async (id) => faces.get(id) } });
  });
  afterEach(async () => {
    await stack.close();
  });

  const status = async (requestId: string) => statusOf((await stack.post('/v1/tap/verification', { requestId })).body);
  const issue = (requestId: string, targetUser: string) => stack.post('/v1/tap/issue', { requestId, targetUser, approverId: HANK.id, approverToken: stack.userToken(HANK.id), replaceExisting: false });
  const callback = (requestId: string, over: Record<string, unknown> = {}) =>
    stack.post('/v1/tap/verification/callback', { requestId, approverId: HANK.id, approverToken: stack.userToken(HANK.id), numberEnding: '0199', ...over });

  it('a standard account with a call-back confirmed by the approver gets its pass; the number on the card is masked and read from the directory', async () => {
    const id = await stack.open(BOB.id);
    const before = await status(id);
    expect(before).toMatchObject({ tier: 'standard', satisfied: false, missing: ['callback'], accepted: [['callback'], ['manager'], ['faceCheck']] });
    expect(before.callback?.maskedNumber).toMatch(/^[^0-9]*\d{4}$/);

    const recorded = await callback(id, { numberEnding: before.callback?.numberEnding });
    const res = await issue(id, BOB.id);

    expect(recorded.status).toBe(200);
    expect(statusOf(recorded.body)).toMatchObject({ satisfied: true, recorded: [{ kind: 'callback', confirmedBy: HANK.id, source: 'mobilePhone' }] });
    expect(res.status).toBe(200);
    expect(await stack.store.query({ action: 'verification.evidence_recorded' })).toEqual([expect.objectContaining({ actor: HANK.id, subject: BOB.id, details: expect.objectContaining({ kind: 'callback', requestId: id }) })]);
    expect(await stack.store.query({ action: 'tap.created' })).toEqual([expect.objectContaining({ details: expect.objectContaining({ verificationTier: 'standard' }) })]);
    expect(JSON.stringify(await stack.store.query({ limit: 1000 }))).not.toContain('555 ');
  });

  it('without recorded evidence, the old free-text verification alone is refused 403 verification_insufficient and nothing is created', async () => {
    const id = await stack.open(BOB.id);
    const res = await stack.post('/v1/tap/issue', { requestId: id, targetUser: BOB.id, approverId: HANK.id, approverToken: stack.userToken(HANK.id), verification: { method: 'video_call_with_id', note: 'badge on video, looked fine' } });

    expect(res.status).toBe(403);
    expect(errorOf(res.body)).toMatchObject({ reason: 'verification_insufficient', details: { tier: 'standard', missing: ['callback'] } });
    expect(stack.taps(BOB.id)).toHaveLength(0);
    expect(await stack.store.query({ action: 'tap.issue_refused' })).toEqual([expect.objectContaining({ details: expect.objectContaining({ reason: 'verification_insufficient', tier: 'standard' }) })]);
  });

  it('an elevated account (a method added recently, sign-ins abroad) with only a call-back is refused; the manager\'s own confirmation completes it', async () => {
    const id = await stack.open(ALICE.id);
    expect(await status(id)).toMatchObject({ tier: 'elevated', reasons: expect.arrayContaining([expect.stringContaining('Microsoft Authenticator'), 'sign-ins from PT (usage location US)']), manager: { id: MIKE.id } });
    await callback(id, { numberEnding: '0171' });

    const refused = await issue(id, ALICE.id);
    const confirmed = await stack.post('/v1/tap/verification/manager', { requestId: id, managerId: MIKE.id, managerToken: stack.userToken(MIKE.id), outcome: 'confirmed' });
    const issued = await issue(id, ALICE.id);

    expect(refused.status).toBe(403);
    expect(errorOf(refused.body)).toMatchObject({ reason: 'verification_insufficient', details: { tier: 'elevated', missing: ['manager'], recorded: ['callback'] } });
    expect(statusOf(confirmed.body)).toMatchObject({ satisfied: true, recorded: [{ kind: 'callback' }, { kind: 'manager', managerId: MIKE.id }] });
    expect(issued.status).toBe(200);
  });

  it('a manager confirmation with the token of someone who is not the directory manager is refused 403 not_manager and audited', async () => {
    const id = await stack.open(ALICE.id);
    const ivy = await stack.post('/v1/tap/verification/manager', { requestId: id, managerId: IVY.id, managerToken: stack.userToken(IVY.id), outcome: 'confirmed' });
    const borrowed = await stack.post('/v1/tap/verification/manager', { requestId: id, managerId: MIKE.id, managerToken: stack.userToken(IVY.id), outcome: 'confirmed' });

    expect(ivy.status).toBe(403);
    expect(errorOf(ivy.body)).toMatchObject({ reason: 'not_manager' });
    expect(borrowed.status).toBe(403);
    expect(errorOf(borrowed.body)).toMatchObject({ reason: 'unproven', details: { problem: 'wrong_user' } });
    expect((await status(id)).recorded).toEqual([]);
    expect((await stack.store.query({ action: 'verification.refused' })).map((r) => r.details?.reason)).toEqual(['not_manager', 'unproven']);
  });

  it('when the manager answers "No", no pass is issued on the request even with other evidence', async () => {
    const id = await stack.open(ALICE.id);
    await callback(id, { numberEnding: '0171' });
    await stack.post('/v1/tap/verification/manager', { requestId: id, managerId: MIKE.id, managerToken: stack.userToken(MIKE.id), outcome: 'declined' });
    faces.set(id, { kind: 'faceCheck', presentationRequestId: 'p-1', matchConfidenceScore: 93, threshold: 70, passed: true, claimMatched: true, at: '2026-11-26T09:31:00Z' });

    const res = await issue(id, ALICE.id);

    expect(res.status).toBe(403);
    expect(errorOf(res.body)).toMatchObject({ reason: 'verification_insufficient', details: { managerDeclined: true } });
    expect(await stack.store.query({ action: 'verification.manager_declined' })).toHaveLength(1);
  });

  it('a call-back is refused when the confirmer is not an approver, is the employee, or names a number the directory no longer has', async () => {
    const id = await stack.open(BOB.id);
    const notApprover = await callback(id, { approverId: IVY.id, approverToken: stack.userToken(IVY.id) });
    const changed = await callback(id, { numberEnding: '1234' });
    const own = await callback(id, { approverId: BOB.id, approverToken: stack.userToken(BOB.id) });

    expect([notApprover.status, changed.status, own.status]).toEqual([403, 403, 403]);
    expect(errorOf(notApprover.body)).toMatchObject({ reason: 'not_approver' });
    expect(errorOf(changed.body)).toMatchObject({ reason: 'verification_insufficient', details: { problem: 'number_changed' } });
    expect(errorOf(own.body)).toMatchObject({ reason: 'self_approval' });
    expect((await status(id)).recorded).toEqual([]);
  });

  it('an elevated account is satisfied by a passed Face Check; one below its threshold does not count', async () => {
    const id = await stack.open(ALICE.id);
    faces.set(id, { kind: 'faceCheck', presentationRequestId: 'p-1', matchConfidenceScore: 61, threshold: 70, passed: false, claimMatched: true, at: '2026-11-26T09:31:00Z' });
    const low = await issue(id, ALICE.id);
    faces.set(id, { kind: 'faceCheck', presentationRequestId: 'p-2', matchConfidenceScore: 88, threshold: 70, passed: true, claimMatched: true, at: '2026-11-26T09:32:00Z' });
    const good = await issue(id, ALICE.id);

    expect(errorOf(low.body)).toMatchObject({ reason: 'verification_insufficient', details: { tier: 'elevated', missing: ['faceCheck'] } });
    expect(good.status).toBe(200);
  });

  it.each([
    ['a directory role held directly', ERIN.id],
    ['an active role through a role-assignable group', DAVE.id],
    ['a PIM-eligible role scoped to an administrative unit', PAT.id],
    ['a PIM-eligible role through a group', GIL.id],
    ['a custom role', CARL.id],
  ])('an account with %s is privileged: no evidence is accepted and issuance is refused as a ticket', async (_what, user) => {
    const id = await stack.open(user);
    const s = await status(id);
    await callback(id);
    const res = await issue(id, user);

    expect(s).toMatchObject({ tier: 'privileged', accepted: [], satisfied: false });
    expect(res.status).toBe(409);
    expect(errorOf(res.body)).toMatchObject({ reason: 'privileged_target', details: { escalateTo: 'privileged-access' } });
    expect(stack.taps(user)).toHaveLength(0);
  });

  it('the risk profile reports a VIP, so the bot\'s approval directory treats them like a privileged account (no request, a ticket)', async () => {
    const client = createBackendClient({ baseUrl: stack.url, getToken: async () => LOCAL_KEY, timeoutMs: 15000 });
    const directory = createBackendApprovalDirectory(client);

    expect(await client.riskProfile({ user: VERA.id })).toMatchObject({ privileged: false, vip: true });
    expect(await directory.isPrivileged(VERA.id)).toBe(true);
    expect(await directory.isPrivileged(BOB.id)).toBe(false);
  });

  it('a member of the VIP group gets no pass from the bot: the refusal names in-person verification', async () => {
    const id = await stack.open(VERA.id);
    expect(await status(id)).toMatchObject({ tier: 'vip', accepted: [], reasons: ['member of the VIP group'] });
    await callback(id);

    const res = await issue(id, VERA.id);

    expect(errorOf(res.body)).toMatchObject({ reason: 'privileged_target', details: { tier: 'vip', escalateTo: 'in-person' } });
    expect(stack.taps(VERA.id)).toHaveLength(0);
  });
});

describe('Entra Account Recovery: the eligibility check before the hand-off', () => {
  let stack: TapStack;
  afterEach(async () => {
    await stack.close();
  });

  it('an enabled tenant and a named, unprivileged member are eligible; missing names, roles or configuration are named as blockers', async () => {
    stack = await startTapStack({ accountRecovery: true });
    const alice = await stack.post('/v1/recovery/eligibility', { user: ALICE.id });
    const bob = await stack.post('/v1/recovery/eligibility', { user: BOB.id });
    const erin = await stack.post('/v1/recovery/eligibility', { user: ERIN.id });

    expect(alice.body).toEqual({ userId: ALICE.id, eligible: true, blockers: [], url: 'https://aka.ms/mysecurityinfo' });
    expect(bob.body).toMatchObject({ eligible: false, blockers: ['name_missing'] });
    expect(erin.body).toMatchObject({ eligible: false, blockers: expect.arrayContaining(['privileged']) });
    expect(await stack.store.query({ action: 'verification.recovery_checked' })).toHaveLength(3);
  });

  it('when the tenant has not configured Account Recovery, nobody is eligible', async () => {
    stack = await startTapStack();
    const alice = await stack.post('/v1/recovery/eligibility', { user: ALICE.id });
    expect(alice.body).toMatchObject({ eligible: false, blockers: ['not_configured'] });
  });
});

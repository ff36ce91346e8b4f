/**
 * "This wasn't me" over HTTP against the simulator: the backend deletes exactly the methods added
 * after the pass (dated ones by createdDateTime, phone and email from the directory audit log),
 * revokes the sessions, blocks sign-in only when configured, and keeps the incident for the bot.
 */
import { ContainResponseSchema, PendingIncidentsResponseSchema } from '../../../src/backend/api';
import { ALICE, BOB, HANK, IVY, RECENT_AUTHENTICATOR, startTapStack, type TapStack } from './tapStack';

const MOBILE = '3179e48a-750b-4051-897c-87b9720928f7';
const OFFICE = 'e37fc753-ff3b-4958-9484-eaa9425c82bc';
const EMAIL = '3ddfcfc8-9383-446f-83cc-3ab9be4be18f';
const ATTACKER_APP = '80000000-0000-0000-0000-0000000000b1';

describe('containment after "This wasn\'t me"', () => {
  let stack: TapStack;
  afterEach(async () => {
    await stack.close();
  });

  /** Alice has an office phone and an Authenticator from before; the pass is issued; the attacker adds three methods. */
  async function takeover(): Promise<string> {
    const alice = stack.simUser(ALICE.id);
    alice.methods.push({ '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: OFFICE, phoneNumber: '+1 425 555 0199', phoneType: 'office', '@sim.registeredDateTime': '2026-01-05T08:00:00Z' });
    const issued = await stack.issue();
    expect(issued.status).toBe(200);
    stack.clock.advance(10 * 60_000);
    const at = stack.clock.now().toISOString();
    alice.methods.push(
      { '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', id: ATTACKER_APP, displayName: 'Pixel 9', createdDateTime: at },
      { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: MOBILE, phoneNumber: '+44 7700 900123', phoneType: 'mobile', '@sim.registeredDateTime': at },
      { '@odata.type': '#microsoft.graph.emailAuthenticationMethod', id: EMAIL, emailAddress: 'attacker@example.net', '@sim.registeredDateTime': at },
    );
    stack.clock.advance(5 * 60_000);
    return stack.idOf('req-1');
  }

  const contain = (requestId: string, who = ALICE) => stack.post('/v1/tap/contain', { requestId, employeeId: who.id, employeeToken: stack.userToken(who.id) });
  const methodIds = () => stack.simUser(ALICE.id).methods.map((m) => String(m.id)).sort();

  it('removes exactly the methods registered after the pass (phone and email too), revokes sessions and leaves sign-in alone by default', async () => {
    stack = await startTapStack();
    const requestId = await takeover();

    const res = await contain(requestId);

    expect(res.status).toBe(200);
    const answer = ContainResponseSchema.parse(res.body);
    expect(answer.removed.map((m) => [m.id, m.evidence]).sort()).toEqual([[ATTACKER_APP, 'created_after_pass'], [EMAIL, 'audit_log'], [MOBILE, 'audit_log']].sort());
    expect(answer).toMatchObject({ notRemoved: [], sessionsRevoked: true, signInBlocked: false, signInBlockConfigured: false, auditLogUnavailable: false });
    expect(answer.passesRemoved).toHaveLength(1);
    expect(methodIds()).toEqual(['28c10230-6103-485e-b985-444c60001490', OFFICE, RECENT_AUTHENTICATOR].sort());
    expect(stack.simUser(ALICE.id).props.signInSessionsValidFromDateTime).toBeDefined();
    expect(stack.simUser(ALICE.id).props.accountEnabled).toBe(true);
    const pending = PendingIncidentsResponseSchema.parse((await stack.post('/v1/incidents/pending', {})).body);
    expect(pending.incidents).toEqual([expect.objectContaining({ incidentId: answer.incidentId, requestId, userId: ALICE.id })]);
    expect(await stack.store.query({ action: 'tap.contained' })).toHaveLength(1);
  });

  it('a repeated claim answers with the same incident, and a posted incident is no longer pending', async () => {
    stack = await startTapStack();
    const requestId = await takeover();
    const first = ContainResponseSchema.parse((await contain(requestId)).body);
    const again = ContainResponseSchema.parse((await contain(requestId)).body);
    expect(again).toEqual(first);
    expect((await stack.post('/v1/incidents/posted', { incidentId: first.incidentId })).status).toBe(200);
    expect(PendingIncidentsResponseSchema.parse((await stack.post('/v1/incidents/pending', {})).body).incidents).toEqual([]);
  });

  it('blocks sign-in only when configured', async () => {
    stack = await startTapStack({ containment: { blockSignIn: true } });
    const requestId = await takeover();
    const answer = ContainResponseSchema.parse((await contain(requestId)).body);
    expect(answer).toMatchObject({ signInBlocked: true, signInBlockConfigured: true });
    expect(stack.simUser(ALICE.id).props.accountEnabled).toBe(false);
  });

  it("is refused with someone else's token, and nothing is deleted", async () => {
    stack = await startTapStack();
    const requestId = await takeover();
    const res = await stack.post('/v1/tap/contain', { requestId, employeeId: ALICE.id, employeeToken: stack.userToken(BOB.id) });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { reason: 'unproven', details: { problem: 'wrong_user' } } });
    expect(methodIds()).toContain(ATTACKER_APP);
  });

  it('an approver revokes an issued pass with their own token; a non-approver is refused', async () => {
    stack = await startTapStack();
    const issued = await stack.issue();
    expect(issued.status).toBe(200);
    const requestId = stack.idOf('req-1');
    const refused = await stack.post('/v1/tap/requests/revoke', { requestId, approverId: IVY.id, approverToken: stack.userToken(IVY.id), reason: 'looks wrong' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { reason: 'not_approver' } });
    expect(stack.taps(ALICE.id)).toHaveLength(1);
    const ok = await stack.post('/v1/tap/requests/revoke', { requestId, approverId: HANK.id, approverToken: stack.userToken(HANK.id), reason: 'caller could not be verified' });
    expect(ok.status).toBe(200);
    expect(stack.taps(ALICE.id)).toHaveLength(0);
  });

  it('the employee cancels an open request with their own token; it can then not be issued', async () => {
    stack = await startTapStack();
    const requestId = await stack.open(ALICE.id);
    const res = await stack.post('/v1/tap/requests/cancel', { requestId, employeeId: ALICE.id, employeeToken: stack.userToken(ALICE.id) });
    expect(res.status).toBe(200);
    const issue = await stack.post('/v1/tap/issue', { requestId, targetUser: ALICE.id, approverId: HANK.id, approverToken: stack.userToken(HANK.id), verification: { method: 'in_person' }, replaceExisting: false });
    expect(issue.status).toBe(409);
    expect(issue.body).toMatchObject({ error: { reason: 'request_not_open' } });
    expect(stack.taps(ALICE.id)).toHaveLength(0);
  });

  it('recoverLost without the approver\'s token is refused and mints nothing', async () => {
    stack = await startTapStack();
    expect((await stack.issue()).status).toBe(200);
    const res = await stack.issue({ recoverLost: true, approverToken: null });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { reason: 'unproven' } });
    expect(stack.taps(ALICE.id)).toHaveLength(1);
  });
});

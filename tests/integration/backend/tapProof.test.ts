/**
 * Proof of the person, end to end over real HTTP: the backend validates each user token itself
 * (the simulator's token service signs them with the tenant key it publishes), owns the request,
 * and a caller holding only the bot's credential can issue nothing (issue 10's attack).
 */
import { ApiErrorBodySchema, IssueTapResponseSchema } from '../../../src/backend/api';
import { createUserTokenIssuer, generateSigningKey, LOCAL_SSO_APP_ID } from '../../../src/simulator';
import { ALICE, BOB, HANK, IVY, issueBody, startTapStack, type TapStack } from './tapStack';

const errorOf = (body: unknown) => ApiErrorBodySchema.parse(body).error;
const TAP_POSTS = 'POST /users/{user}/authentication/{collection}';

describe('proof of the person: the backend checks each user token itself', () => {
  let stack: TapStack;
  beforeEach(async () => {
    stack = await startTapStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  /** A token with the tenant's issuer and published kid, but signed with the attacker's key. */
  async function forged(oid: string): Promise<string> {
    const res = await fetch(`${stack.sim.authorityHost}/${stack.sim.tenantId}/discovery/v2.0/keys`);
    const kid = ((await res.json()) as { keys: Array<{ kid: string }> }).keys[0]?.kid ?? '';
    const key = { ...generateSigningKey(), kid };
    return createUserTokenIssuer({ tenantId: stack.sim.tenantId, issuer: () => `${stack.sim.authorityHost}/${stack.sim.tenantId}/v2.0`, key, clock: stack.clock })({ oid, audience: LOCAL_SSO_APP_ID });
  }

  it('the attack of issue 10 fails: with only the bot credential, a made-up request id and a real approver id get no pass', async () => {
    stack.sim.resetStats();
    const madeUp = await stack.post('/v1/tap/issue', issueBody({ requestId: 'no-employee-asked' }));
    const opened = await stack.open(ALICE.id);
    const noApproverProof = await stack.post('/v1/tap/issue', issueBody({ requestId: opened }));
    const recoverInstead = await stack.post('/v1/tap/issue', issueBody({ requestId: opened, recoverLost: true }));

    expect([madeUp.status, noApproverProof.status, recoverInstead.status]).toEqual([403, 403, 403]);
    expect(errorOf(madeUp.body)).toMatchObject({ code: 'refused', reason: 'request_unknown' });
    expect(errorOf(noApproverProof.body)).toMatchObject({ code: 'refused', reason: 'unproven' });
    expect(errorOf(recoverInstead.body)).toMatchObject({ reason: 'unproven' });
    expect(stack.sim.stats().byPath[TAP_POSTS]).toBeUndefined();
    expect(stack.taps(ALICE.id)).toHaveLength(0);
  });

  it.each([
    ['signed with another key (forged)', async () => forged(HANK.id), 'invalid_token'],
    ['someone else\'s (oid is not the approver named)', async () => stack.userToken(IVY.id), 'wrong_user'],
    ['stale (signed in 20 minutes ago, max age 10)', async () => stack.userToken(HANK.id, { authTime: Math.floor(stack.clock.now().getTime() / 1000) - 1200 }), 'stale_token'],
    ['for another audience', async () => stack.userToken(HANK.id, { audience: 'api://someone-else' }), 'invalid_token'],
    ['from another tenant', async () => stack.userToken(HANK.id, { tenantId: '99999999-0000-0000-0000-000000000000' }), 'invalid_token'],
  ])('when the approver token is %s, issuance is refused 403 unproven and nothing is created', async (_what, token, problem) => {
    const res = await stack.issue({ approverToken: await token() });

    expect(res.status).toBe(403);
    expect(errorOf(res.body)).toMatchObject({ code: 'refused', reason: 'unproven', details: { problem } });
    expect(stack.taps(ALICE.id)).toHaveLength(0);
    expect(await stack.store.query({ action: 'tap.issue_refused' })).toEqual([expect.objectContaining({ details: expect.objectContaining({ reason: 'unproven' }) })]);
    expect(JSON.stringify(await stack.store.query({ limit: 1000 }))).not.toContain('eyJ');
  });

  it('when the employee token is missing, someone else\'s or forged, no request is opened', async () => {
    const body = { employeeId: ALICE.id, reason: 'lost phone', findings: [] };
    const none = await stack.post('/v1/tap/requests', { ...body, employeeToken: 'x' });
    const other = await stack.post('/v1/tap/requests', { ...body, employeeToken: stack.userToken(BOB.id) });
    const fake = await stack.post('/v1/tap/requests', { ...body, employeeToken: await forged(ALICE.id) });

    expect([none.status, other.status, fake.status]).toEqual([403, 403, 403]);
    expect(errorOf(other.body)).toMatchObject({ reason: 'unproven', details: { problem: 'wrong_user' } });
    expect(await stack.store.list('backend-tap-requests')).toEqual([]);
  });

  it('a request is bound to the employee\'s proven identity and the diagnosis', async () => {
    const id = await stack.open(ALICE.id);

    const stored = await stack.store.get<Record<string, unknown>>('backend-tap-requests', id);
    expect(stored?.value).toMatchObject({ employee: { id: ALICE.id }, findings: ['CA_REQUIRES_MFA_TO_REGISTER'], state: 'open', employeeProof: { amr: ['pwd', 'mfa'] } });
    expect(await stack.store.query({ action: 'tap.request_opened' })).toEqual([expect.objectContaining({ actor: ALICE.id })]);
  });
});

describe('proof of the person: a Conditional Access authentication context on the approver', () => {
  let stack: TapStack;
  beforeEach(async () => {
    stack = await startTapStack({ proof: { approverAuthContext: 'c1' } });
  });
  afterEach(async () => {
    await stack.close();
  });

  it('when APPROVER_AUTH_CONTEXT is set, a token without it in acrs is refused; with it the pass is issued', async () => {
    const missing = await stack.issue({ approverToken: stack.userToken(HANK.id, { acrs: ['c2'] }) });
    const satisfied = await stack.issue({ approverToken: stack.userToken(HANK.id, { acrs: ['c1'] }) });

    expect(missing.status).toBe(403);
    expect(errorOf(missing.body)).toMatchObject({ reason: 'auth_context_required', details: { authContext: 'c1' } });
    expect(satisfied.status).toBe(200);
    const stored = await stack.store.get<{ decision: { acrs: string[] } }>('backend-tap-requests', stack.idOf('req-1'));
    expect(stored?.value.decision.acrs).toEqual(['c1']);
  });
});

describe('recoverLost: only for an undelivered pass, once, within the rate limits', () => {
  let stack: TapStack;
  afterEach(async () => {
    await stack.close();
  });

  it('a second recovery of the same request is refused: at most two passes ever, one alive', async () => {
    stack = await startTapStack();
    await stack.issue();
    const first = await stack.issue({ recoverLost: true });
    const abuse = await Promise.all(Array.from({ length: 12 }, () => stack.issue({ recoverLost: true })));

    expect(first.status).toBe(200);
    expect(abuse.every((r) => r.status === 409)).toBe(true);
    expect(stack.sim.stats().byPath[TAP_POSTS]).toBe(2);
    expect(stack.taps(ALICE.id)).toEqual([expect.objectContaining({ id: IssueTapResponseSchema.parse(first.body).methodId })]);
  });

  it('after the delivery is recorded, the pass cannot be recovered', async () => {
    stack = await startTapStack();
    const issued = IssueTapResponseSchema.parse((await stack.issue()).body);
    const recorded = await stack.post('/v1/tap/delivered', { requestId: stack.idOf('req-1'), methodId: issued.methodId });

    const recover = await stack.issue({ recoverLost: true });

    expect(recorded).toMatchObject({ status: 200, body: { recorded: true } });
    expect(errorOf(recover.body)).toMatchObject({ reason: 'recovery_refused', message: expect.stringMatching(/delivered/) });
    expect(stack.taps(ALICE.id)).toEqual([expect.objectContaining({ id: issued.methodId })]);
  });

  it('a recovery counts against the approver\'s hourly limit', async () => {
    stack = await startTapStack({ approvals: { perApproverPerHour: 2 } });
    expect((await stack.issue()).status).toBe(200);
    expect((await stack.issue({ recoverLost: true })).status).toBe(200);

    const next = await stack.issue({ requestId: 'bob', targetUser: BOB.id });

    expect(errorOf(next.body)).toMatchObject({ reason: 'rate_limited', details: { scope: 'approver', limit: 2 } });
  });
});

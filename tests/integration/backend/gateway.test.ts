import { UserNotFoundError } from '../../../src/backend/graph/errors';
import { ALICE, BOB, NOW, startStack, type Stack } from './harness';

describe('DirectoryGateway against the simulator (real Graph client)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('when diagnoses run concurrently on a cold cache, the Conditional Access policies are read once', async () => {
    stack.sim.resetStats();

    await Promise.all([ALICE.upn, BOB.upn, ALICE.id, BOB.id].map((u) => stack.gateway.gatherFacts(u, { now: new Date(NOW) })));

    const byPath = stack.sim.stats().byPath;
    const ca = Object.entries(byPath).filter(([k]) => k.includes('conditionalAccess/policies'));
    expect(ca.reduce((n, [, v]) => n + v, 0)).toBe(1);
  });

  it('when the user is named by object id, the facts arrive in one $batch round trip (CA reads beyond its 1 request/s leave alone after it)', async () => {
    // Limits off: this counts the round trips of the $batch design itself; under Microsoft's budgets the
    // risky-user read shares the 1 request / s CA + Identity Protection budget and may need a retry.
    stack.sim.tenant.simulation.workloadLimits = false;
    const before = stack.graphHttp();

    const { stats, facts } = await stack.gateway.gatherFacts(ALICE.id, { now: new Date(NOW) }).finally(() => {
      stack.sim.tenant.simulation.workloadLimits = true;
    });

    expect(stats.roundTrips).toBe(1);
    // riskyUser, CA policies, named locations: those the CA second cannot take now follow alone (budget keeper).
    expect(stack.graphHttp() - before).toBeLessThanOrEqual(1 + 3);
    expect(facts.signIns?.map((s) => s.id)).toEqual(['60000000-0000-0000-0000-000000000001']);
    expect(facts.devices).toHaveLength(3);
  });

  it('the sign-in window follows the evaluation time: a week later the old sign-in is outside it', async () => {
    const { facts } = await stack.gateway.gatherFacts(ALICE.id, { now: new Date('2026-12-03T09:30:00Z') });

    expect(facts.signIns).toEqual([]);
  });

  it('the TAP identity creates, lists and deletes a pass; the pass itself is only in the create answer', async () => {
    const created = await stack.gateway.createTemporaryAccessPass(BOB.id, { lifetimeInMinutes: 60, isUsableOnce: true });
    const listed = await stack.gateway.listTemporaryAccessPasses(BOB.id);
    const deleted = await stack.gateway.deleteTemporaryAccessPass(BOB.id, created.id);
    const after = await stack.gateway.listTemporaryAccessPasses(BOB.id);

    expect(created.temporaryAccessPass.length).toBeGreaterThanOrEqual(8);
    expect(listed.map((m) => m.id)).toEqual([created.id]);
    expect(JSON.stringify(listed)).not.toContain(created.temporaryAccessPass);
    expect(deleted).toBe(true);
    expect(after).toEqual([]);
  });

  it('a TAP lifetime outside the policy is refused with Graph\'s reason', async () => {
    await expect(stack.gateway.createTemporaryAccessPass(BOB.id, { lifetimeInMinutes: 10 })).rejects.toMatchObject({ kind: 'refused', message: expect.stringMatching(/LifetimeInMinutes/) });
  });

  it('checkMemberGroups returns the subset the user belongs to; an unknown user is a typed error', async () => {
    const groups = await stack.gateway.checkMemberGroups(BOB.id, ['20000000-0000-0000-0000-000000000001', '20000000-0000-0000-0000-00000000ffff']);

    expect(groups).toEqual(['20000000-0000-0000-0000-000000000001']);
    await expect(stack.gateway.gatherFacts('ghost@fabrikam.example')).rejects.toBeInstanceOf(UserNotFoundError);
  });
});

import { createDirectoryGateway } from '../../../src/backend/graph/directoryGateway';
import { GraphRequestError, GraphUnavailableError, UserNotFoundError } from '../../../src/backend/graph/errors';
import { TransportError, type GraphCall } from '../../../src/backend/graph/transport';
import { FixedClock } from '../../../src/shared/clock';
import { silentLogger } from '../../../src/shared/logger';
import { defaultResponder, err, FakeTransport, ok, UPN, USER_ID } from './fakeTransport';

const NOW = new Date('2026-11-26T09:30:00Z');
const graph = {
  baseUrl: 'https://graph.microsoft.com',
  authorityHost: 'https://login.microsoftonline.com',
  tenantId: 't',
  read: { credential: 'clientSecret' as const, clientId: 'a', clientSecret: 's', certificatePath: '' },
  tap: { credential: 'clientSecret' as const, clientId: 'b', clientSecret: 's', certificatePath: '' },
  policyCacheSeconds: 300,
  timeoutMs: 1000,
  maxRetries: 3,
};

function setup(transport: FakeTransport, extra: { policyCache?: boolean; batching?: boolean; maxRetries?: number } = {}) {
  const sleeps: number[] = [];
  const clock = new FixedClock(NOW);
  const gateway = createDirectoryGateway({
    graph: { ...graph, maxRetries: extra.maxRetries ?? graph.maxRetries },
    diagnosis: { recentHours: 72 },
    read: transport,
    tap: new FakeTransport(() => undefined),
    clock,
    logger: silentLogger(),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    policyCache: extra.policyCache,
    batching: extra.batching,
  });
  return { gateway, sleeps, clock };
}

describe('gatherFacts', () => {
  it('when the user is named by UPN, everything arrives in two $batch round trips with correlated replies', async () => {
    const t = new FakeTransport(defaultResponder());
    const { gateway } = setup(t);

    const { facts, stats } = await gateway.gatherFacts(UPN);

    expect(stats).toEqual({ requests: 14, roundTrips: 2 });
    expect(t.httpRequests).toBe(2);
    expect(facts.user.id).toBe(USER_ID);
    expect(facts.devices?.map((d) => d.id).sort()).toEqual(['d1', 'd2']);
    expect(facts.signIns?.map((s) => s.id)).toEqual(['s-new', 's-old']);
    expect(facts.riskLevel).toBe('low');
    expect(facts.registrationDetails?.isMfaRegistered).toBe(false);
    expect(facts.deviceRegistrationPolicy?.userDeviceQuota).toBe(50);
    expect(facts.gaps).toEqual([]);
    const signIn = t.calls.find((c) => c.url.startsWith('/auditLogs/signIns'));
    expect(decodeURIComponent(signIn?.url ?? '')).toContain(`userPrincipalName eq '${UPN}' and createdDateTime ge 2026-11-23T09:30:00Z`);
  });

  it('when the user is named by object id, one round trip is enough', async () => {
    const t = new FakeTransport(defaultResponder());
    const { gateway } = setup(t);

    const { stats } = await gateway.gatherFacts(USER_ID);

    expect(stats).toEqual({ requests: 14, roundTrips: 1 });
  });

  it('when policies are cached, the second diagnosis sends fewer requests; after the TTL they are fetched again', async () => {
    const t = new FakeTransport(defaultResponder());
    const { gateway, clock } = setup(t);

    const first = await gateway.gatherFacts(USER_ID);
    const second = await gateway.gatherFacts(USER_ID);
    clock.advance(301_000);
    const third = await gateway.gatherFacts(USER_ID);

    expect(second.stats.requests).toBe(first.stats.requests - 6);
    expect(third.stats.requests).toBe(first.stats.requests);
  });

  it('when diagnoses run concurrently, the tenant policies are fetched once (single flight)', async () => {
    const t = new FakeTransport(defaultResponder());
    let release: () => void = () => undefined;
    t.gate = new Promise((r) => (release = r));
    const { gateway } = setup(t);

    const runs = [gateway.gatherFacts(USER_ID), gateway.gatherFacts(USER_ID), gateway.gatherFacts(UPN)];
    release();
    const results = await Promise.all(runs);

    expect(t.calls.filter((c) => c.url.startsWith('/identity/conditionalAccess/policies'))).toHaveLength(1);
    expect(results.every((r) => r.facts.conditionalAccessPolicies !== null)).toBe(true);
  });

  it('when the shared policy fetch fails transiently, waiters fetch for themselves and nothing is cached', async () => {
    const t = new FakeTransport(defaultResponder([[/^\/identity\/conditionalAccess\/policies/, () => err(503, 'serviceNotAvailable')]]));
    let release: () => void = () => undefined;
    t.gate = new Promise((r) => (release = r));
    const { gateway } = setup(t, { maxRetries: 0 });

    const runs = [gateway.gatherFacts(USER_ID), gateway.gatherFacts(USER_ID)];
    release();
    const results = await Promise.all(runs);
    await gateway.gatherFacts(USER_ID);

    expect(t.calls.filter((c) => c.url.startsWith('/identity/conditionalAccess/policies'))).toHaveLength(3);
    for (const r of results) expect(r.facts.gaps).toEqual([expect.objectContaining({ source: 'conditionalAccess', status: 503 })]);
    expect(results[1]?.stats.roundTrips).toBe(2);
  });

  it('when Graph times out, the request is retried and then reported as GraphUnavailable', async () => {
    const t = new FakeTransport(defaultResponder());
    t.batch = async () => {
      t.httpRequests++;
      throw new TransportError('timeout', 'Graph did not answer in time');
    };
    const { gateway, sleeps } = setup(t, { maxRetries: 2 });

    await expect(gateway.gatherFacts(USER_ID)).rejects.toBeInstanceOf(GraphUnavailableError);
    expect(t.httpRequests).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it('when the connection is refused, it is retried once only; a rejected credential is not retried', async () => {
    const refused = new FakeTransport(defaultResponder());
    refused.batch = async () => {
      refused.httpRequests++;
      throw new TransportError('network', 'Graph could not be reached (TypeError)');
    };
    const rejected = new FakeTransport(defaultResponder());
    rejected.batch = async () => {
      rejected.httpRequests++;
      throw new TransportError('credential', 'the token service rejected the Graph credential');
    };

    await expect(setup(refused).gateway.gatherFacts(USER_ID)).rejects.toBeInstanceOf(GraphUnavailableError);
    await expect(setup(rejected).gateway.gatherFacts(USER_ID)).rejects.toBeInstanceOf(GraphRequestError);
    expect(refused.httpRequests).toBe(2);
    expect(rejected.httpRequests).toBe(1);
  });

  it('when an inner request is throttled, only that request is retried, after its Retry-After', async () => {
    let throttled = 0;
    const t = new FakeTransport(defaultResponder([[/^\/auditLogs\/signIns/, () => (throttled++ === 0 ? err(429, 'TooManyRequests', { 'retry-after': '2' }) : ok({ value: [] }))]]));
    const { gateway, sleeps } = setup(t);

    const { facts, stats } = await gateway.gatherFacts(USER_ID);

    expect(sleeps).toEqual([2000]);
    expect(stats).toEqual({ requests: 15, roundTrips: 2 });
    expect(facts.signIns).toEqual([]);
  });

  it('when the whole batch answers 503, the batch is retried with jittered exponential backoff', async () => {
    const t = new FakeTransport(defaultResponder());
    t.batchFailures = [err(503, 'serviceNotAvailable'), err(503, 'serviceNotAvailable')];
    const { gateway, sleeps } = setup(t);

    const { facts } = await gateway.gatherFacts(USER_ID);

    expect(facts.user.id).toBe(USER_ID);
    expect(sleeps).toEqual([375, 750]);
  });

  it('when Graph keeps answering 503 beyond the retry budget, the diagnosis fails as GraphUnavailable', async () => {
    const t = new FakeTransport(defaultResponder());
    t.batchFailures = Array.from({ length: 5 }, () => err(503, 'serviceNotAvailable'));
    const { gateway, sleeps } = setup(t, { maxRetries: 2 });

    await expect(gateway.gatherFacts(USER_ID)).rejects.toBeInstanceOf(GraphUnavailableError);
    expect(sleeps).toHaveLength(2);
  });

  it('when sign-ins are refused for lack of a licence, the facts carry null and a gap instead of failing', async () => {
    const t = new FakeTransport(defaultResponder([[/^\/auditLogs\/signIns/, () => err(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant')]]));
    const { gateway } = setup(t);

    const { facts } = await gateway.gatherFacts(UPN);

    expect(facts.signIns).toBeNull();
    expect(facts.gaps).toEqual([expect.objectContaining({ source: 'signIns', status: 403, code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant' })]);
  });

  it('when the user has no risk record (404), riskLevel is null with a gap', async () => {
    const t = new FakeTransport(defaultResponder([[/^\/identityProtection/, () => err(404, 'Request_ResourceNotFound')]]));
    const { gateway } = setup(t);

    const { facts } = await gateway.gatherFacts(USER_ID);

    expect(facts.riskLevel).toBeNull();
    expect(facts.gaps.map((g) => g.source)).toEqual(['riskyUser']);
  });

  it('when the UPN filter is rejected (400), sign-ins are read by object id in round two', async () => {
    const t = new FakeTransport(
      defaultResponder([[/^\/auditLogs\/signIns/, (c: GraphCall) => (decodeURIComponent(c.url).includes('userPrincipalName') ? err(400, 'BadRequest') : ok({ value: [] }))]]),
    );
    const { gateway } = setup(t);

    const { facts, stats } = await gateway.gatherFacts(UPN);

    expect(facts.signIns).toEqual([]);
    expect(stats.roundTrips).toBe(2);
  });

  it('when a device page has a nextLink, the next page is fetched and merged', async () => {
    const t = new FakeTransport(
      defaultResponder([
        [/registeredDevices\?\$skiptoken=2/, () => ok({ value: [{ id: 'd9', trustType: 'Workplace' }] })],
        [/registeredDevices$/, () => ok({ value: [{ id: 'd1' }], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/users/x/registeredDevices?$skiptoken=2' })],
      ]),
    );
    const { gateway } = setup(t);

    const { facts } = await gateway.gatherFacts(USER_ID);

    expect(facts.devices?.map((d) => d.id).sort()).toEqual(['d1', 'd2', 'd9']);
  });

  it('when the user does not exist, a typed UserNotFound error is thrown', async () => {
    const t = new FakeTransport(defaultResponder([[/^\/users\/[^/?]+\?/, () => err(404, 'Request_ResourceNotFound')]]));
    const { gateway } = setup(t);

    await expect(gateway.gatherFacts('nobody@contoso.example')).rejects.toBeInstanceOf(UserNotFoundError);
  });

  it('when authentication methods are refused, the error names the missing permission', async () => {
    const t = new FakeTransport(defaultResponder([[/\/authentication\/methods$/, () => err(403, 'accessDenied')]]));
    const { gateway } = setup(t);

    await expect(gateway.gatherFacts(USER_ID)).rejects.toThrow(GraphRequestError);
    await expect(gateway.gatherFacts(USER_ID)).rejects.toThrow(/UserAuthenticationMethod\.Read\.All/);
  });

  it('when batching and the cache are off (naive baseline), every request is its own round trip', async () => {
    const t = new FakeTransport(defaultResponder());
    const { gateway } = setup(t, { batching: false, policyCache: false });

    await gateway.gatherFacts(UPN);
    const { stats } = await gateway.gatherFacts(UPN);

    expect(stats).toEqual({ requests: 14, roundTrips: 14 });
  });
});

describe('gatherFacts: PIM roles', () => {
  const row = (id: string, principalId: string, directoryScopeId = '/') => ({ id, principalId, roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10', directoryScopeId, memberType: 'Direct' });

  it("when the tenant has eligible roles, only the user's own rows and those of their groups reach the facts", async () => {
    const t = new FakeTransport(defaultResponder([
      [/^\/roleManagement\/directory\/roleEligibilityScheduleInstances/, () => ok({ value: [row('mine', USER_ID, '/administrativeUnits/au1'), row('group', 'g-role'), row('other', 'someone-else')] })],
      [/transitiveMemberOf/, () => ok({ value: [{ '@odata.type': '#microsoft.graph.group', id: 'g-role', displayName: 'Role group' }] })],
    ]));
    const { gateway } = setup(t);

    const { facts } = await gateway.gatherFacts(USER_ID);

    expect(facts.roleEligibilities?.map((r) => r.id).sort()).toEqual(['group', 'mine']);
    expect(facts.roleAssignments).toEqual([]);
  });

  it('when the diagnostic identity lacks the role-management permission, eligibility is null with a gap and the diagnosis goes on', async () => {
    const t = new FakeTransport(defaultResponder([[/^\/roleManagement\/directory\/roleEligibilityScheduleInstances/, () => err(403, 'UnknownError')]]));
    const { gateway } = setup(t);

    const { facts } = await gateway.gatherFacts(USER_ID);

    expect(facts.roleEligibilities).toBeNull();
    expect(facts.gaps).toEqual([expect.objectContaining({ source: 'roleEligibility', status: 403, code: 'UnknownError' })]);
  });
});

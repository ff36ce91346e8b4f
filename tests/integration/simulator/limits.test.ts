/**
 * Microsoft's documented limits are on by default (docs/simulator.md "Microsoft's limits"), on the
 * simulator's (frozen) clock, and one knob, `simulation.workloadLimits: false`, turns them all off.
 */
import { LOCAL_APPS, loadFixture, startSimulator, type RunningSimulator, type SimulatorApp } from '../../../src/simulator';
import { FixedClock } from '../../../src/shared/clock';
import { ADELE, HANK, NOW, fixtureCopy, graphFetch, tokenFor, values, type Json } from './helpers';

const REPORTS_APP_2: SimulatorApp = { clientId: '00000000-0000-0000-0000-0000000000b2', clientSecret: 'second-reports-app', roles: ['AuditLog.Read.All', 'Policy.Read.All'] };
const MEMBERSHIP_ONLY: SimulatorApp = { clientId: '00000000-0000-0000-0000-0000000000b3', clientSecret: 'membership-only-app', roles: ['User.Read.All', 'GroupMember.Read.All'] };
const DIRECTORY_WRITER: SimulatorApp = { clientId: '00000000-0000-0000-0000-0000000000b4', clientSecret: 'directory-writer-app', roles: ['Directory.ReadWrite.All'] };
const APPS = [...LOCAL_APPS.all, REPORTS_APP_2, MEMBERSHIP_ONLY, DIRECTORY_WRITER];

async function startWith(fixture: Json): Promise<{ sim: RunningSimulator; clock: FixedClock }> {
  const clock = new FixedClock(NOW);
  return { sim: await startSimulator({ fixture, clock, apps: APPS }), clock };
}

describe("simulator: Microsoft's limits on by default", () => {
  let sim: RunningSimulator;
  let clock: FixedClock;
  beforeEach(async () => ({ sim, clock } = await startWith(fixtureCopy())));
  afterEach(async () => sim.close());

  it('when a fixture says nothing, workloadLimits is on', () => {
    expect(loadFixture(fixtureCopy()).simulation.workloadLimits).toBe(true);
  });

  it('reports allow 5 requests per 10 s per app: the 6th is 429 without Retry-After, another app still has its own 5', async () => {
    const [a, b] = [await tokenFor(sim), await tokenFor(sim, REPORTS_APP_2)];
    for (let i = 0; i < 5; i++) expect((await graphFetch(sim, a, 'GET', i % 2 ? '/auditLogs/signIns?$top=1' : `/reports/authenticationMethods/userRegistrationDetails/${ADELE}`)).status).toBe(200);
    const limited = await graphFetch(sim, a, 'GET', '/auditLogs/signIns?$top=1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect((limited.body.error as Json).code).toBe('TooManyRequests');
    expect((await graphFetch(sim, b, 'GET', '/auditLogs/signIns?$top=1')).status).toBe(200);
    clock.advance(9_999);
    expect((await graphFetch(sim, a, 'GET', '/auditLogs/signIns?$top=1')).status).toBe(429);
    clock.advance(2);
    expect((await graphFetch(sim, a, 'GET', '/auditLogs/signIns?$top=1')).status).toBe(200);
  });

  it('Conditional Access and Identity Protection allow 1 request per second per tenant for all apps together, 429 without Retry-After', async () => {
    const [a, b] = [await tokenFor(sim), await tokenFor(sim, REPORTS_APP_2)];
    expect((await graphFetch(sim, a, 'GET', '/identity/conditionalAccess/policies')).status).toBe(200);
    const other = await graphFetch(sim, b, 'GET', '/identity/conditionalAccess/namedLocations');
    expect(other.status).toBe(429);
    expect(other.headers.get('retry-after')).toBeNull();
    expect((await graphFetch(sim, a, 'GET', `/identityProtection/riskyUsers/${ADELE}`)).status).toBe(429);
    clock.advance(1_000);
    expect((await graphFetch(sim, b, 'GET', '/identity/conditionalAccess/namedLocations')).status).toBe(200);
  });

  it('the directory budget of a small tenant (< 50 users) is 3,500 resource units per 10 s; GET user costs 2; the 429 carries Retry-After', async () => {
    const token = await tokenFor(sim);
    const requests = Array.from({ length: 20 }, (_, i) => ({ id: String(i), method: 'GET', url: `/users/${ADELE}` }));
    for (let round = 0; round < 87; round++) {
      const res = await graphFetch(sim, token, 'POST', '/$batch', { requests });
      expect((res.body.responses as Json[]).every((r) => r.status === 200)).toBe(true);
    }
    // 87 × 20 × 2 = 3,480 RU used: 10 more users fit, the 11th does not.
    const last = await graphFetch(sim, token, 'POST', '/$batch', { requests });
    const statuses = (last.body.responses as Json[]).sort((x, y) => Number(x.id) - Number(y.id)).map((r) => r.status);
    expect(statuses).toEqual([...Array(10).fill(200), ...Array(10).fill(429)]);
    const throttled = (last.body.responses as Json[]).find((r) => r.status === 429) as Json;
    const headers = Object.fromEntries(Object.entries(throttled.headers as Json).map(([k, v]) => [k.toLowerCase(), v]));
    expect(Number(headers['retry-after'])).toBeGreaterThan(0);
    expect(headers['x-ms-throttle-information']).toBe('ResourceUnitLimitExceeded');
    // $select makes a user read cost 1: still refused until the window moves.
    expect((await graphFetch(sim, token, 'GET', `/users/${ADELE}?$select=id`)).status).toBe(429);
    clock.advance(10_000);
    expect((await graphFetch(sim, token, 'GET', `/users/${ADELE}?$select=id`)).status).toBe(200);
  });

  it('the registration report is a snapshot: a change shows only after the next refresh, with that refresh as lastUpdatedDateTime', async () => {
    const token = await tokenFor(sim);
    const path = `/reports/authenticationMethods/userRegistrationDetails/${ADELE}`;
    const before = (await graphFetch(sim, token, 'GET', path)).body;
    expect(before.lastUpdatedDateTime).toBe('2026-11-26T09:00:00.000Z');
    const adele = sim.tenant.usersById.get(ADELE) as NonNullable<ReturnType<typeof sim.tenant.usersById.get>>;
    adele.methods.push({ '@odata.type': '#microsoft.graph.fido2AuthenticationMethod', id: 'new-key', aaGuid: '00000000-0000-0000-0000-000000000000' });
    adele.revision++;
    clock.advance(59 * 60_000);
    expect((await graphFetch(sim, token, 'GET', path)).body.methodsRegistered).toEqual(before.methodsRegistered);
    clock.advance(60_000);
    const after = (await graphFetch(sim, token, 'GET', path)).body;
    expect(after.methodsRegistered).toEqual(expect.arrayContaining(['fido2']));
    expect(after.lastUpdatedDateTime).toBe('2026-11-26T10:00:00.000Z');
  });

  it('transitiveMemberOf lists directory roles with only @odata.type and id unless the caller holds a role-read permission', async () => {
    const limited = values((await graphFetch(sim, await tokenFor(sim, MEMBERSHIP_ONLY), 'GET', `/users/${HANK}/transitiveMemberOf`)).body);
    const role = limited.find((m) => m['@odata.type'] === '#microsoft.graph.directoryRole');
    expect(role).toEqual(expect.objectContaining({ id: 'd0000000-0000-0000-0000-000000000002', displayName: null, roleTemplateId: null }));
    const full = values((await graphFetch(sim, await tokenFor(sim), 'GET', `/users/${HANK}/transitiveMemberOf`)).body);
    expect(full.find((m) => m['@odata.type'] === '#microsoft.graph.directoryRole')).toEqual(expect.objectContaining({ displayName: 'Helpdesk Administrator', roleTemplateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8' }));
  });

  it('the device registration policy needs Policy.Read.DeviceConfiguration (or Policy.Read.All) for an app', async () => {
    expect((await graphFetch(sim, await tokenFor(sim, MEMBERSHIP_ONLY), 'GET', '/policies/deviceRegistrationPolicy')).status).toBe(403);
    expect((await graphFetch(sim, await tokenFor(sim), 'GET', '/policies/deviceRegistrationPolicy')).status).toBe(200);
  });
});

describe('simulator: each endpoint demands exactly the documented application permissions', () => {
  it('a device is deleted only with Device.ReadWrite.All: Directory.ReadWrite.All reads it but cannot delete it', async () => {
    const { sim } = await startWith(fixtureCopy());
    try {
      const device = 'e0000000-0000-0000-0000-000000000001';
      const writer = await tokenFor(sim, DIRECTORY_WRITER);
      expect((await graphFetch(sim, writer, 'GET', `/devices/${device}`)).status).toBe(200);
      expect((await graphFetch(sim, writer, 'DELETE', `/devices/${device}`)).status).toBe(403);
      // The diagnostic identity is read-only; device removal has its own identity (docs/permissions.md).
      expect((await graphFetch(sim, await tokenFor(sim), 'DELETE', `/devices/${device}`)).status).toBe(403);
      expect((await graphFetch(sim, await tokenFor(sim, LOCAL_APPS.deviceCleanup), 'DELETE', `/devices/${device}`)).status).toBe(204);
    } finally {
      await sim.close();
    }
  });
});

describe('simulator: simulation.workloadLimits false turns every limit off', () => {
  it('no budget, a live registration report and full directory roles', async () => {
    const fx = fixtureCopy();
    fx.simulation = { workloadLimits: false };
    const { sim } = await startWith(fx);
    try {
      const token = await tokenFor(sim);
      for (let i = 0; i < 8; i++) expect((await graphFetch(sim, token, 'GET', '/auditLogs/signIns?$top=1')).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await graphFetch(sim, token, 'GET', '/identity/conditionalAccess/policies')).status).toBe(200);
      const adele = sim.tenant.usersById.get(ADELE) as NonNullable<ReturnType<typeof sim.tenant.usersById.get>>;
      adele.methods.push({ '@odata.type': '#microsoft.graph.fido2AuthenticationMethod', id: 'new-key', aaGuid: '00000000-0000-0000-0000-000000000000' });
      adele.revision++;
      expect((await graphFetch(sim, token, 'GET', `/reports/authenticationMethods/userRegistrationDetails/${ADELE}`)).body.methodsRegistered).toEqual(expect.arrayContaining(['fido2']));
      const roles = values((await graphFetch(sim, await tokenFor(sim, MEMBERSHIP_ONLY), 'GET', `/users/${HANK}/transitiveMemberOf`)).body);
      expect(roles.find((m) => m['@odata.type'] === '#microsoft.graph.directoryRole')).toEqual(expect.objectContaining({ displayName: 'Helpdesk Administrator' }));
    } finally {
      await sim.close();
    }
  });
});

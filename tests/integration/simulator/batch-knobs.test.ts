import { BatchRequestContent, BatchResponseContent } from '@microsoft/microsoft-graph-client';
import { LOCAL_APPS, type RunningSimulator } from '../../../src/simulator';
import { ADELE, fixtureCopy, graphClient, graphFetch, start, tokenFor, type Json } from './helpers';

const get = (id: string, url: string, dependsOn?: string[]) => ({ id, method: 'GET', url, ...(dependsOn ? { dependsOn } : {}) });

describe('simulator $batch, permissions and simulation knobs', () => {
  let sim: RunningSimulator;
  let token: string;
  beforeAll(async () => {
    ({ sim } = await start(fixtureCopy()));
    token = await tokenFor(sim);
  });
  afterAll(async () => sim.close());
  beforeEach(() => {
    sim.tenant.simulation.failures = [];
    sim.tenant.simulation.throttle.everyNth = 0;
    // Limits off for the shared simulator: these tests count $batch items, injected failures and
    // every-Nth throttling exactly; a budget 429 would add to them. The limits have their own tests
    // (the "by default" test below starts its own simulator; tests/integration/simulator/limits.test.ts).
    sim.tenant.simulation.workloadLimits = false;
    sim.resetStats();
  });

  it('when a batch is sent, responses come back in reverse order with per-item status, and it counts as one HTTP request', async () => {
    const requests = [
      get('1', `/users/${ADELE}?$select=id,accountEnabled`),
      get('2', `/users/${ADELE}/authentication/methods`),
      get('3', '/users/nobody@contoso.example'),
    ];
    const res = await graphFetch(sim, token, 'POST', '/$batch', { requests });
    const responses = res.body.responses as Json[];
    expect(res.status).toBe(200);
    expect(responses.map((r) => r.id)).toEqual(['3', '2', '1']);
    expect(responses.map((r) => r.status)).toEqual([404, 200, 200]);
    expect((responses[2]?.body as Json).accountEnabled).toBe(true);
    expect(sim.stats()).toEqual(expect.objectContaining({ requests: 3, httpRequests: 1, batches: 1 }));
    expect(sim.stats().byPath['GET /users/{user}']).toBe(2);
  });

  it('when the real Graph client batches, BatchResponseContent correlates the items by id', async () => {
    const content = new BatchRequestContent([
      { id: 'user', request: new Request(`${sim.url}/v1.0/users/${ADELE}?$select=id,displayName`, { method: 'GET' }) },
      { id: 'policy', request: new Request(`${sim.url}/v1.0/policies/deviceRegistrationPolicy`, { method: 'GET' }) },
    ]);
    const raw = (await graphClient(sim).api('/$batch').post(await content.getContent())) as Json;
    const out = new BatchResponseContent(raw as never);
    const user = (await out.getResponseById('user').json()) as Json;
    const policy = (await out.getResponseById('policy').json()) as Json;
    expect(user.displayName).toBe('Adele Vance');
    expect(policy.userDeviceQuota).toBe(5);
  });

  it('when a dependency fails, the dependent item gets 424 and independent items still run', async () => {
    const requests = [get('a', '/users/nobody@contoso.example'), get('b', `/users/${ADELE}`, ['a']), get('c', `/users/${ADELE}/registeredDevices`)];
    const responses = (await graphFetch(sim, token, 'POST', '/$batch', { requests })).body.responses as Json[];
    const status = Object.fromEntries(responses.map((r) => [r.id, r.status]));
    expect(status).toEqual({ a: 404, b: 424, c: 200 });
  });

  it('when a batch holds more than 20 requests, the whole batch is refused with 400', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => get(String(i), `/users/${ADELE}`));
    const res = await graphFetch(sim, token, 'POST', '/$batch', { requests });
    expect(res.status).toBe(400);
    expect((res.body.error as Json).code).toBe('BadRequest');
  });

  it('when the TAP issuer reads sign-ins, it gets the exact directory 403 body', async () => {
    const issuer = await tokenFor(sim, LOCAL_APPS.tapIssuer);
    const res = await graphFetch(sim, issuer, 'GET', '/auditLogs/signIns');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: {
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
        innerError: { date: expect.any(String), 'request-id': res.headers.get('request-id'), 'client-request-id': res.headers.get('client-request-id') },
      },
    });
  });

  it('when every 3rd request is throttled, the 3rd gets 429 TooManyRequests with Retry-After, also inside a batch', async () => {
    sim.tenant.simulation.throttle = { everyNth: 3, retryAfterSeconds: 7 };
    expect((await graphFetch(sim, token, 'GET', `/users/${ADELE}`)).status).toBe(200);
    expect((await graphFetch(sim, token, 'GET', `/users/${ADELE}`)).status).toBe(200);
    const third = await graphFetch(sim, token, 'GET', `/users/${ADELE}`);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('7');
    expect((third.body.error as Json).code).toBe('TooManyRequests');
    const responses = (await graphFetch(sim, token, 'POST', '/$batch', { requests: [get('1', `/users/${ADELE}`), get('2', `/users/${ADELE}`), get('3', `/users/${ADELE}`)] })).body.responses as Json[];
    const throttled = responses.find((r) => r.status === 429);
    expect(throttled?.id).toBe('3');
    expect((throttled?.headers as Json)['Retry-After']).toBe('7');
  });

  it('when a failure is injected at run time, the first N matching requests fail with that status and then it recovers', async () => {
    sim.tenant.simulation.failures.push({ path: '/auditLogs/signIns', status: 503, times: 2 });
    const first = await graphFetch(sim, token, 'GET', '/auditLogs/signIns?$top=1');
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((first.body.error as Json).code).toBe('serviceNotAvailable');
    expect((await graphFetch(sim, token, 'GET', `/users/${ADELE}`)).status).toBe(200);
    expect((await graphFetch(sim, token, 'GET', '/auditLogs/signIns?$top=1')).status).toBe(503);
    expect((await graphFetch(sim, token, 'GET', '/auditLogs/signIns?$top=1')).status).toBe(200);
  });

  it('when a fixture declares a failure for one method only, other methods on the path are unaffected', async () => {
    const fx = fixtureCopy();
    fx.simulation = { failures: [{ path: '/devices', status: 500, times: 1, method: 'DELETE' }] };
    const { sim: s2 } = await start(fx);
    try {
      const t = await tokenFor(s2);
      // Deleting is the device-removal identity's job (the diagnostic identity is read-only).
      const remover = await tokenFor(s2, LOCAL_APPS.deviceCleanup);
      expect((await graphFetch(s2, t, 'GET', '/devices/e0000000-0000-0000-0000-000000000001')).status).toBe(200);
      expect((await graphFetch(s2, remover, 'DELETE', '/devices/e0000000-0000-0000-0000-000000000001')).status).toBe(500);
      expect((await graphFetch(s2, remover, 'DELETE', '/devices/e0000000-0000-0000-0000-000000000001')).status).toBe(204);
    } finally {
      await s2.close();
    }
  });

  it('by default (Microsoft\'s limits on), the 6th report request in 10 s is 429 without Retry-After until the clock moves on', async () => {
    const { sim: s2, clock } = await start(fixtureCopy());
    try {
      const t = await tokenFor(s2);
      for (let i = 0; i < 5; i++) expect((await graphFetch(s2, t, 'GET', '/auditLogs/signIns?$top=1')).status).toBe(200);
      const limited = await graphFetch(s2, t, 'GET', '/reports/authenticationMethods/userRegistrationDetails');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBeNull();
      expect((await graphFetch(s2, t, 'GET', '/identity/conditionalAccess/policies')).status).toBe(200);
      expect((await graphFetch(s2, t, 'GET', '/identity/conditionalAccess/policies')).status).toBe(429);
      clock.advance(10_001);
      expect((await graphFetch(s2, t, 'GET', '/auditLogs/signIns?$top=1')).status).toBe(200);
    } finally {
      await s2.close();
    }
  });

  it('when /_sim/stats and /_sim/reset-stats are called, they report and reset the counters without auth', async () => {
    await graphFetch(sim, token, 'GET', `/users/${ADELE}`);
    const stats = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as Json;
    expect(stats).toEqual(expect.objectContaining({ requests: 1, httpRequests: 1, batches: 0 }));
    expect((await fetch(`${sim.url}/_sim/reset-stats`, { method: 'POST' })).status).toBe(204);
    expect(sim.stats().requests).toBe(0);
  });

  it('when latencyMs is set, every response is delayed by at least that much', async () => {
    sim.tenant.simulation.latencyMs = 120;
    try {
      const t0 = performance.now();
      await graphFetch(sim, token, 'GET', `/users/${ADELE}`);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(115);
    } finally {
      sim.tenant.simulation.latencyMs = 0;
    }
  });
});

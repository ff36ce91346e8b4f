import { ApiErrorBodySchema, DiagnoseResponseSchema } from '../../../src/backend/api';
import { createBackendClient } from '../../../src/backend/client';
import { LOCAL_APPS } from '../../../src/simulator';
import { AppError } from '../../../src/shared/errors';
import { ALICE, BOB, LOCAL_KEY, NOW, smallFixture, startStack, type Stack } from './harness';

describe('POST /v1/diagnose against the simulator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('when a blocked employee is diagnosed, the findings name the Conditional Access block with Graph evidence, in at most 2 $batch round trips plus the CA reads its 1 request/s budget sends alone', async () => {
    const before = stack.graphHttp();

    const res = await stack.post('/v1/diagnose', { user: ALICE.upn, now: NOW });

    expect(res.status).toBe(200);
    const body = DiagnoseResponseSchema.parse(res.body);
    expect(body.user).toMatchObject({ id: ALICE.id, userPrincipalName: ALICE.upn });
    expect(body.findings.map((f) => f.code)).toContain('CA_BLOCKS_REGISTRATION');
    expect(body.findings[0]?.severity).toBe('blocking');
    // CA policies, named locations and the risky user share one request per second per tenant: one
    // rides in a $batch, the others leave alone when the budget keeper grants their second.
    const cas = ['GET /identity/conditionalAccess/policies', 'GET /identity/conditionalAccess/namedLocations', 'GET /identityProtection/riskyUsers/{user}'];
    expect(cas.every((k) => stack.sim.stats().byPath[k] === 1)).toBe(true);
    expect(body.graph.roundTrips).toBeLessThanOrEqual(2);
    expect(stack.graphHttp() - before).toBeLessThanOrEqual(body.graph.roundTrips + cas.length);
    expect(body.diagnosedAt).toBe(new Date(NOW).toISOString());
  });

  it('when the same tenant is diagnosed again, the cached policies make it send fewer Graph requests', async () => {
    // Limits off: this counts requests per path to show the policy cache; a 429 that is retried under
    // Microsoft's CA budget would count as a second read of the same path.
    const fixture = { ...smallFixture(), simulation: { workloadLimits: false } };
    const s = await startStack({ fixture });
    try {
      const first = DiagnoseResponseSchema.parse((await s.post('/v1/diagnose', { user: BOB.id, now: NOW })).body);
      const requestsBefore = s.sim.stats().requests;
      const second = DiagnoseResponseSchema.parse((await s.post('/v1/diagnose', { user: BOB.id, now: NOW })).body);

      expect(second.graph.requests).toBeLessThan(first.graph.requests);
      expect(s.sim.stats().requests - requestsBefore).toBe(second.graph.requests);
      expect(s.sim.stats().byPath['/identity/conditionalAccess/policies'] ?? s.sim.stats().byPath['GET /identity/conditionalAccess/policies']).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('when time travel is not allowed, a requested `now` is ignored and the backend clock is used', async () => {
    const s = await startStack({ backend: { allowTimeTravel: false } });
    try {
      const res = await s.post('/v1/diagnose', { user: BOB.upn, now: '2030-01-01T00:00:00Z' });

      expect(DiagnoseResponseSchema.parse(res.body).diagnosedAt).toBe(new Date(NOW).toISOString());
    } finally {
      await s.close();
    }
  });

  it('when the user does not exist, the answer is 404 user_not_found with a request id', async () => {
    const res = await stack.post('/v1/diagnose', { user: 'nobody@fabrikam.example', now: NOW });

    expect(res.status).toBe(404);
    const body = ApiErrorBodySchema.parse(res.body);
    expect(body.error.code).toBe('user_not_found');
    expect(body.error.requestId).toEqual(expect.any(String));
  });

  it('when the body is invalid, the answer is 400 naming the field', async () => {
    const bad = await stack.post('/v1/diagnose', { user: 'has space', now: NOW });
    const unknown = await stack.post('/v1/diagnose', { user: ALICE.upn, colour: 'blue' });
    const notJson = await stack.post('/v1/diagnose', '{"user": ');
    const clientTypo = await stack.post('/v1/diagnose', { user: ALICE.upn, client: { cookiesEnabld: true } });

    expect(bad.status).toBe(400);
    expect(ApiErrorBodySchema.parse(bad.body).error.message).toMatch(/^user: /);
    expect(unknown.status).toBe(400);
    expect(ApiErrorBodySchema.parse(unknown.body).error.message).toMatch(/colour/);
    expect(notJson.status).toBe(400);
    expect(ApiErrorBodySchema.parse(notJson.body).error.code).toBe('bad_request');
    expect(ApiErrorBodySchema.parse(clientTypo.body).error.message).toMatch(/cookiesEnabld/);
  });

  it('when the body is larger than the limit, it is refused with 413', async () => {
    const res = await stack.post('/v1/diagnose', { user: ALICE.upn, client: { userAgent: 'x'.repeat(70_000) } });

    expect(res.status).toBe(413);
    expect(ApiErrorBodySchema.parse(res.body).error.code).toBe('bad_request');
  });

  it('when the route does not exist, the error body has the API shape', async () => {
    const res = await stack.post('/v1/nothing-here', {});

    expect(res.status).toBe(404);
    expect(ApiErrorBodySchema.parse(res.body).error.code).toBe('not_found');
  });

  it('without credentials, unknown routes and wrong methods answer 401 (no route enumeration); with them, 404', async () => {
    const anonymous = await Promise.all([
      stack.post('/v1/nothing-here', {}, {}),
      stack.post('/admin', {}, { authorization: 'Bearer wrong-key-wrong-key-wrong-key-wrong' }),
      fetch(`${stack.url}/v1/tap/issue`).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown })),
    ]);
    const known = await stack.post('/v1/nothing-here', {});

    expect(anonymous.map((r) => r.status)).toEqual([401, 401, 401]);
    for (const r of anonymous) expect(ApiErrorBodySchema.parse(r.body).error.code).toBe('unauthenticated');
    expect(known.status).toBe(404);
  });

  it('GET /healthz answers without credentials', async () => {
    const res = await fetch(`${stack.url}/healthz`);

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('the typed client gets the diagnosis, and maps an unknown user to an expected not_found AppError', async () => {
    const client = createBackendClient({ baseUrl: stack.url, getToken: async () => LOCAL_KEY, timeoutMs: 10_000 });

    const ok = await client.diagnose({ user: BOB.upn, now: NOW });
    const failure = await client.diagnose({ user: 'ghost@fabrikam.example' }).catch((e: unknown) => e);

    expect(ok.user.id).toBe(BOB.id);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ kind: 'not_found', expected: true });
  });

  it('the typed client maps an unreachable backend to unavailable', async () => {
    const client = createBackendClient({ baseUrl: 'http://127.0.0.1:1', getToken: async () => LOCAL_KEY, timeoutMs: 2000 });

    await expect(client.diagnose({ user: BOB.upn })).rejects.toMatchObject({ kind: 'unavailable', expected: false });
  });
});

describe('degraded Graph', () => {
  it('when every 3rd Graph request is throttled (429 + Retry-After), the diagnosis still succeeds after transparent retries', async () => {
    const fixture = { ...smallFixture(), simulation: { throttle: { everyNth: 3, retryAfterSeconds: 1 } } };
    const s = await startStack({ fixture });
    try {
      const res = await s.post('/v1/diagnose', { user: ALICE.upn, now: NOW });

      expect(res.status).toBe(200);
      expect(DiagnoseResponseSchema.parse(res.body).findings.map((f) => f.code)).toContain('CA_BLOCKS_REGISTRATION');
      expect(s.sleeps.length).toBeGreaterThan(0);
      expect(s.sleeps.every((ms) => ms === 1000)).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('when sign-ins answer 503 twice, the burst is retried and the sign-in evidence is still there', async () => {
    const fixture = { ...smallFixture(), simulation: { failures: [{ path: '/auditLogs/signIns', status: 503, times: 2 }] } };
    const s = await startStack({ fixture });
    try {
      const body = DiagnoseResponseSchema.parse((await s.post('/v1/diagnose', { user: ALICE.upn, now: NOW })).body);

      expect(body.gaps).toEqual([]);
      expect(s.sleeps).toHaveLength(2);
      expect(body.graph.roundTrips).toBe(4);
    } finally {
      await s.close();
    }
  });

  it('when Graph keeps failing beyond the retry budget, the answer is 503 graph_unavailable', async () => {
    const fixture = { ...smallFixture(), simulation: { failures: [{ path: '/users', status: 503, times: 100 }] } };
    const s = await startStack({ fixture });
    try {
      const res = await s.post('/v1/diagnose', { user: ALICE.upn, now: NOW });

      expect(res.status).toBe(503);
      expect(ApiErrorBodySchema.parse(res.body).error.code).toBe('graph_unavailable');
    } finally {
      await s.close();
    }
  });

  it('when Graph answers slower than GRAPH_TIMEOUT_MS, each attempt times out and the answer is 503 graph_unavailable', async () => {
    const fixture = { ...smallFixture(), simulation: { latencyMs: 400 } };
    const s = await startStack({ fixture, graph: { timeoutMs: 150, maxRetries: 1 } });
    try {
      const res = await s.post('/v1/diagnose', { user: ALICE.upn, now: NOW });

      expect(res.status).toBe(503);
      expect(ApiErrorBodySchema.parse(res.body).error.code).toBe('graph_unavailable');
      expect(s.sleeps).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('when the diagnostic app lacks AuditLog.Read.All, the diagnosis runs with a signIns gap instead of failing', async () => {
    const diagnostic = { ...LOCAL_APPS.diagnostic, roles: LOCAL_APPS.diagnostic.roles.filter((r) => r !== 'AuditLog.Read.All') };
    const s = await startStack({ apps: [diagnostic, LOCAL_APPS.tapIssuer] });
    try {
      const res = await s.post('/v1/diagnose', { user: ALICE.upn, now: NOW });

      expect(res.status).toBe(200);
      const body = DiagnoseResponseSchema.parse(res.body);
      expect(body.gaps).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'signIns', status: 403 })]));
      expect(body.user.id).toBe(ALICE.id);
      // No sign-in evidence may be invented: no finding quotes a sign-in.
      expect(JSON.stringify(body.findings)).not.toContain('60000000-0000-0000-0000-000000000001');
    } finally {
      await s.close();
    }
  });

  it('when the tenant has no premium licence, sign-ins become a gap with the licence code, not an error', async () => {
    const fixture = smallFixture();
    const s = await startStack({ fixture: { ...fixture, tenant: { ...(fixture.tenant as object), premium: false } } });
    try {
      const res = await s.post('/v1/diagnose', { user: ALICE.upn, now: NOW });

      expect(res.status).toBe(200);
      const gaps = DiagnoseResponseSchema.parse(res.body).gaps;
      expect(gaps).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'signIns', status: 403, code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant' })]));
    } finally {
      await s.close();
    }
  });
});

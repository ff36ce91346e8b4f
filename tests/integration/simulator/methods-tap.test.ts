import { LOCAL_APPS, type RunningSimulator } from '../../../src/simulator';
import { FixedClock } from '../../../src/shared/clock';
import { ADELE, GINA_UPN, HANK, ISAIAH, MEGAN, fixtureCopy, graphClient, graphFetch, start, tokenFor, values, type Json } from './helpers';

const TAP_PATH = (u: string) => `/users/${u}/authentication/temporaryAccessPassMethods`;

describe('simulator authentication methods and TAP', () => {
  let sim: RunningSimulator;
  let clock: FixedClock;
  let reader: string;
  let issuer: string;
  beforeAll(async () => {
    ({ sim, clock } = await start(fixtureCopy()));
    reader = await tokenFor(sim, LOCAL_APPS.diagnostic);
    issuer = await tokenFor(sim, LOCAL_APPS.tapIssuer);
  });
  afterAll(async () => sim.close());
  beforeEach(() => clock.set('2026-11-26T09:00:00Z'));

  it('when methods are listed, each carries its @odata.type and the typed collections filter by type', async () => {
    const all = values((await graphClient(sim).api(`/users/${MEGAN}/authentication/methods`).get()) as Json);
    expect(all.map((m) => m['@odata.type'])).toEqual([
      '#microsoft.graph.passwordAuthenticationMethod',
      '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
      '#microsoft.graph.fido2AuthenticationMethod',
    ]);
    const fido = values((await graphFetch(sim, reader, 'GET', `/users/megan@contoso.example/authentication/fido2Methods`)).body);
    expect(fido).toEqual([expect.objectContaining({ id: '-2_GRUg2-HYz6_1YG4YRAQ2', model: 'NFC key' })]);
    expect(values((await graphFetch(sim, reader, 'GET', `/users/${MEGAN}/authentication/phoneMethods`)).body)).toEqual([]);
  });

  it('when a fixture TAP is one-time and flagged used, it reads as OneTimeUsed with the pass null and the flag hidden', async () => {
    const [tap] = values((await graphFetch(sim, reader, 'GET', TAP_PATH(HANK))).body);
    expect(tap).toEqual(expect.objectContaining({ temporaryAccessPass: null, isUsable: false, methodUsabilityReason: 'OneTimeUsed' }));
    expect(tap).not.toHaveProperty('@sim.used');
  });

  it('when the TAP issuer creates a TAP, it gets 201 with a policy-length pass once; later reads show it without the pass', async () => {
    const created = (await graphClient(sim, LOCAL_APPS.tapIssuer).api(TAP_PATH('adele@contoso.example')).post({ lifetimeInMinutes: 60, isUsableOnce: true })) as Json;
    expect(created).toEqual(expect.objectContaining({
      '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethod', lifetimeInMinutes: 60, isUsableOnce: true,
      isUsable: true, methodUsabilityReason: 'EnabledByPolicy', startDateTime: '2026-11-26T09:00:00Z', createdDateTime: '2026-11-26T09:00:00.000Z',
    }));
    expect(String(created.temporaryAccessPass)).toHaveLength(12);
    const listed = values((await graphFetch(sim, reader, 'GET', `/users/${ADELE}/authentication/methods`)).body);
    const tap = listed.find((m) => m.id === created.id);
    expect(tap).toEqual(expect.objectContaining({ temporaryAccessPass: null, isUsable: true }));
  });

  it('when a second TAP is created, it replaces the first (one per user)', async () => {
    const first = (await graphFetch(sim, issuer, 'POST', TAP_PATH(MEGAN), {})).body;
    const second = (await graphFetch(sim, issuer, 'POST', TAP_PATH(MEGAN), { lifetimeInMinutes: 120 })).body;
    const taps = values((await graphFetch(sim, issuer, 'GET', TAP_PATH(MEGAN))).body);
    expect(taps.map((t) => t.id)).toEqual([second.id]);
    expect(first.id).not.toBe(second.id);
    expect(first.lifetimeInMinutes).toBe(60);
  });

  it('when the lifetime is outside the policy range, the answer is 400 badRequest with the exact message also in innerError', async () => {
    const res = await graphFetch(sim, issuer, 'POST', TAP_PATH(ADELE), { lifetimeInMinutes: 30 });
    expect(res.status).toBe(400);
    const err = res.body.error as Json;
    expect(err.code).toBe('badRequest');
    expect(err.message).toBe('Invalid LifetimeInMinutes specified. The valid range between 60 and 480.');
    expect((err.innerError as Json).message).toBe('Invalid LifetimeInMinutes specified. The valid range between 60 and 480.');
  });

  it('when the user is outside the TAP policy targets, creation is refused with the Converged UserCredentialPolicy message', async () => {
    const res = await graphFetch(sim, issuer, 'POST', TAP_PATH(ISAIAH), {});
    expect(res.status).toBe(400);
    expect((res.body.error as Json).message).toBe('Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].');
  });

  it('when the target is an external guest, creation is refused with the guest message', async () => {
    const res = await graphFetch(sim, issuer, 'POST', TAP_PATH(encodeURIComponent(GINA_UPN)), {});
    expect(res.status).toBe(400);
    expect((res.body.error as Json).message).toBe('Temporary Access Pass cannot be added to an external guest user.');
  });

  it('when the policy is one-time only, a multi-use request is refused and an omitted flag becomes one-time', async () => {
    const f = fixtureCopy();
    const configs = (f.authenticationMethodsPolicy as Json).authenticationMethodConfigurations as Json[];
    const tapConfig = configs.find((c) => c.id === 'TemporaryAccessPass') as Json;
    tapConfig.isUsableOnce = true;
    const { sim: s2 } = await start(f);
    try {
      const t = await tokenFor(s2, LOCAL_APPS.tapIssuer);
      expect((await graphFetch(s2, t, 'POST', TAP_PATH(ADELE), { isUsableOnce: false })).status).toBe(400);
      const ok = await graphFetch(s2, t, 'POST', TAP_PATH(ADELE), {});
      expect(ok.status).toBe(201);
      expect(ok.body.isUsableOnce).toBe(true);
    } finally {
      await s2.close();
    }
  });

  it('when the clock moves, a future TAP goes NotYetValid → EnabledByPolicy → Expired', async () => {
    const created = (await graphFetch(sim, issuer, 'POST', TAP_PATH(ADELE), { startDateTime: '2026-11-26T10:00:00Z', lifetimeInMinutes: 60 })).body;
    expect(created.methodUsabilityReason).toBe('NotYetValid');
    const read = async () => values((await graphFetch(sim, reader, 'GET', TAP_PATH(ADELE))).body)[0];
    expect(await read()).toEqual(expect.objectContaining({ isUsable: false, methodUsabilityReason: 'NotYetValid' }));
    clock.set('2026-11-26T10:30:00Z');
    expect(await read()).toEqual(expect.objectContaining({ isUsable: true, methodUsabilityReason: 'EnabledByPolicy' }));
    clock.set('2026-11-26T11:00:00Z');
    expect(await read()).toEqual(expect.objectContaining({ isUsable: false, methodUsabilityReason: 'Expired' }));
  });

  it('when the TAP is deleted, it disappears from later reads', async () => {
    const created = (await graphFetch(sim, issuer, 'POST', TAP_PATH(MEGAN), {})).body;
    const del = await graphFetch(sim, issuer, 'DELETE', `${TAP_PATH(MEGAN)}/${String(created.id)}`);
    expect(del.status).toBe(204);
    expect(values((await graphFetch(sim, reader, 'GET', TAP_PATH(MEGAN))).body)).toEqual([]);
  });

  it('when the diagnostic app (read-only) tries to create a TAP, it gets 403 accessDenied "Request Authorization failed"', async () => {
    const res = await graphFetch(sim, reader, 'POST', TAP_PATH(ADELE), {});
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual(expect.objectContaining({ code: 'accessDenied', message: 'Request Authorization failed', innerError: expect.objectContaining({ message: 'Request Authorization failed' }) }));
  });

  it('when the TAP issuer lists all methods (needs the general read scope), it gets 403 accessDenied', async () => {
    const res = await graphFetch(sim, issuer, 'GET', `/users/${ADELE}/authentication/methods`);
    expect(res.status).toBe(403);
    expect((res.body.error as Json).code).toBe('accessDenied');
  });
});

import { FixedClock } from '../../../src/shared/clock';
import type { RunningSimulator } from '../../../src/simulator';
import { ADELE, ISAIAH, fixtureCopy, graphClient, graphFetch, start, tokenFor, values, type Json } from './helpers';

describe('simulator policies, conditional access and risk', () => {
  let sim: RunningSimulator;
  let clock: FixedClock;
  let token: string;
  beforeAll(async () => {
    ({ sim, clock } = await start());
    token = await tokenFor(sim);
  });
  afterAll(async () => sim.close());
  // Microsoft's budgets are on (reports 5 / 10 s per app, CA + Identity Protection 1 / s per tenant):
  // each test starts a fresh window on the frozen clock, as tests a few seconds apart would.
  beforeEach(() => clock.advance(10_000));

  it('when the methods policy is read, configurations are inline with their @odata.context annotations', async () => {
    const policy = (await graphClient(sim).api('/policies/authenticationMethodsPolicy').get()) as Json;
    expect(policy['@odata.context']).toBe(`${sim.url}/v1.0/$metadata#authenticationMethodsPolicy`);
    expect(policy['authenticationMethodConfigurations@odata.context']).toBe(`${sim.url}/v1.0/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations`);
    const configs = policy.authenticationMethodConfigurations as Json[];
    expect(configs.map((c) => c.id)).toEqual(['MicrosoftAuthenticator', 'Fido2', 'Sms', 'Voice', 'TemporaryAccessPass']);
    expect(configs[0]?.['includeTargets@odata.context']).toBe(
      `${sim.url}/v1.0/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations('MicrosoftAuthenticator')/microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration/includeTargets`,
    );
  });

  it('when one configuration is read by a differently-cased id, it comes back; an unconfigured one is 404', async () => {
    const tap = (await graphFetch(sim, token, 'GET', '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/temporaryAccessPass')).body;
    expect(tap).toEqual(expect.objectContaining({ '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration', id: 'TemporaryAccessPass', minimumLifetimeInMinutes: 60, defaultLength: 12 }));
    expect((await graphFetch(sim, token, 'GET', '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Email')).status).toBe(404);
  });

  it('when the fixture has no policy sections, the documented new-tenant defaults are served', async () => {
    const fx = fixtureCopy();
    delete fx.authenticationMethodsPolicy;
    delete fx.deviceRegistrationPolicy;
    const { sim: bare } = await start(fx);
    try {
      const t = await tokenFor(bare);
      const policy = (await graphFetch(bare, t, 'GET', '/policies/authenticationMethodsPolicy')).body;
      const states = Object.fromEntries((policy.authenticationMethodConfigurations as Json[]).map((c) => [c.id, c.state]));
      expect(states).toEqual({ MicrosoftAuthenticator: 'enabled', Fido2: 'disabled', Sms: 'enabled', Voice: 'disabled', SoftwareOath: 'disabled', Email: 'enabled', TemporaryAccessPass: 'disabled', X509Certificate: 'disabled' });
      const quota = (await graphFetch(bare, t, 'GET', '/policies/deviceRegistrationPolicy')).body;
      expect(quota).toEqual(expect.objectContaining({ id: 'deviceRegistrationPolicy', userDeviceQuota: 50, multiFactorAuthConfiguration: 'notRequired' }));
    } finally {
      await bare.close();
    }
  });

  it('when the device registration policy is configured, its quota is served in the §5.3 shape', async () => {
    const quota = (await graphFetch(sim, token, 'GET', '/policies/deviceRegistrationPolicy')).body;
    expect(quota).toEqual(expect.objectContaining({ '@odata.context': `${sim.url}/v1.0/$metadata#deviceRegistrationPolicy`, userDeviceQuota: 5, azureADJoin: expect.any(Object) }));
  });

  it('when CA policies and named locations are read, fixture objects come back as given with polymorphic named locations', async () => {
    const policies = values((await graphFetch(sim, token, 'GET', '/identity/conditionalAccess/policies')).body);
    expect(policies[0]).toEqual(expect.objectContaining({ id: 'c0000000-0000-0000-0000-000000000001', sessionControls: null }));
    clock.advance(1_000); // CA + Identity Protection: 1 request / s per tenant
    const locations = values((await graphFetch(sim, token, 'GET', '/identity/conditionalAccess/namedLocations')).body);
    expect(locations.map((l) => l['@odata.type'])).toEqual(['#microsoft.graph.ipNamedLocation', '#microsoft.graph.countryNamedLocation']);
  });

  it('when a risky user is read, riskLevel comes from the fixture; a user without riskLevel is 404', async () => {
    const risky = (await graphFetch(sim, token, 'GET', `/identityProtection/riskyUsers/${ISAIAH}`)).body;
    expect(risky).toEqual(expect.objectContaining({ id: ISAIAH, riskLevel: 'high', riskState: 'atRisk', userPrincipalName: 'isaiah@contoso.example' }));
    clock.advance(1_000); // CA + Identity Protection: 1 request / s per tenant
    const none = (await graphFetch(sim, token, 'GET', `/identityProtection/riskyUsers/${ADELE}`)).body;
    expect(none).toEqual(expect.objectContaining({ riskLevel: 'none', riskState: 'none' }));
    clock.advance(1_000); // CA + Identity Protection: 1 request / s per tenant
    expect((await graphFetch(sim, token, 'GET', '/identityProtection/riskyUsers/b0000000-0000-0000-0000-000000000002')).status).toBe(404);
  });
});

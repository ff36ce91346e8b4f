import { createPublicKey, verify } from 'node:crypto';
import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import selfsigned from 'selfsigned';
import { FixedClock } from '../../../src/shared/clock';
import { LOCAL_APPS, startSimulator, type RunningSimulator } from '../../../src/simulator';
import { FIXTURE_PATH, NOW, graphClient, graphFetch, start, tokenFor, type Json } from './helpers';

describe('simulator token service', () => {
  let sim: RunningSimulator;
  beforeAll(async () => ({ sim } = await start()));
  afterAll(async () => sim.close());

  it('when MSAL discovers the tenant, the openid configuration names the four endpoints it needs', async () => {
    const res = await fetch(`${sim.url}/${sim.tenantId}/v2.0/.well-known/openid-configuration`);
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(body.token_endpoint).toBe(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`);
    expect(body).toEqual(expect.objectContaining({ authorization_endpoint: expect.any(String), issuer: `${sim.url}/${sim.tenantId}/v2.0`, jwks_uri: `${sim.url}/${sim.tenantId}/discovery/v2.0/keys` }));
  });

  it('when ClientSecretCredential asks for a Graph token, it gets an RS256 JWT with the app roles that verifies against the JWKS', async () => {
    const cred = new ClientSecretCredential(sim.tenantId, LOCAL_APPS.tapIssuer.clientId, LOCAL_APPS.tapIssuer.clientSecret ?? '', { authorityHost: sim.authorityHost, disableInstanceDiscovery: true });
    const token = await cred.getToken('https://graph.microsoft.com/.default');
    const [h, p, s] = token.token.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Json;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Json;
    const jwks = (await (await fetch(`${sim.url}/${sim.tenantId}/discovery/v2.0/keys`)).json()) as { keys: Json[] };
    const jwk = jwks.keys.find((k) => k.kid === header.kid);
    expect(header.alg).toBe('RS256');
    expect(jwk).toBeDefined();
    const key = createPublicKey({ key: jwk as unknown as import('node:crypto').JsonWebKey, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))).toBe(true);
    expect(claims).toEqual(expect.objectContaining({ aud: 'https://graph.microsoft.com', tid: sim.tenantId, appid: LOCAL_APPS.tapIssuer.clientId, azp: LOCAL_APPS.tapIssuer.clientId, idtyp: 'app', roles: LOCAL_APPS.tapIssuer.roles }));
    expect(claims.roles).toContain('UserAuthMethod-TAP.ReadWrite.All');
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3599);
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 3000 * 1000);
  });

  it('when the secret is wrong, the token endpoint answers 401 invalid_client AADSTS7000215 and the credential fails', async () => {
    const res = await fetch(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: LOCAL_APPS.diagnostic.clientId, client_secret: 'wrong', scope: 'https://graph.microsoft.com/.default' }),
    });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(401);
    expect(body.error).toBe('invalid_client');
    expect(String(body.error_description)).toMatch(/^AADSTS7000215: Invalid client secret provided/);
    expect(body.error_codes).toEqual([7000215]);
    const cred = new ClientSecretCredential(sim.tenantId, LOCAL_APPS.diagnostic.clientId, 'wrong', { authorityHost: sim.authorityHost, disableInstanceDiscovery: true });
    await expect(cred.getToken('https://graph.microsoft.com/.default')).rejects.toThrow(/7000215/);
  });

  it('when the client id is unknown, the token endpoint answers 401 invalid_client', async () => {
    const res = await fetch(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x', scope: 'https://graph.microsoft.com/.default' }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as Json).error).toBe('invalid_client');
  });

  it('when a Graph request has no token, a garbage token or an expired token, it gets 401 InvalidAuthenticationToken', async () => {
    const none = await graphFetch(sim, undefined, 'GET', '/users/adele@contoso.example');
    expect(none.status).toBe(401);
    expect(none.body.error).toEqual(expect.objectContaining({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' }));
    const garbage = await graphFetch(sim, 'abc.def.ghi', 'GET', '/users/adele@contoso.example');
    expect(garbage.status).toBe(401);
    const token = await tokenFor(sim);
    const tampered = `${token.slice(0, -4)}AAAA`;
    expect((await graphFetch(sim, tampered, 'GET', '/users/adele@contoso.example')).status).toBe(401);

    const tokenClock = new FixedClock('2026-11-26T09:00:00Z');
    const other = await startSimulator({ fixture: FIXTURE_PATH, clock: new FixedClock(NOW), tokenClock });
    try {
      const t = await tokenFor(other);
      expect((await graphFetch(other, t, 'GET', '/users/adele@contoso.example')).status).toBe(200);
      tokenClock.advance(3600 * 1000);
      const expired = await graphFetch(other, t, 'GET', '/users/adele@contoso.example');
      expect(expired.status).toBe(401);
      expect(expired.body.error).toEqual(expect.objectContaining({ message: 'Access token has expired or is not yet valid.' }));
    } finally {
      await other.close();
    }
  });

  it('when an app authenticates with a certificate, ClientCertificateCredential gets a token and the Graph client works with it', async () => {
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'local-cert-app' }], { keySize: 2048, algorithm: 'sha256' });
    const app = { clientId: '00000000-0000-0000-0000-00000000ce47', certificatePem: pems.cert, roles: ['User.Read.All'] };
    const certSim = await startSimulator({ fixture: FIXTURE_PATH, clock: new FixedClock(NOW), apps: [app] });
    try {
      const cred = new ClientCertificateCredential(certSim.tenantId, app.clientId, { certificate: `${pems.cert}\n${pems.private}` }, { authorityHost: certSim.authorityHost, disableInstanceDiscovery: true });
      const token = await cred.getToken('https://graph.microsoft.com/.default');
      const user = (await graphFetch(certSim, token.token, 'GET', '/users/adele@contoso.example?$select=id')).body;
      expect(user.id).toBe('b0000000-0000-0000-0000-000000000001');
      const wrong = new ClientCertificateCredential(certSim.tenantId, app.clientId, { certificate: `${(await selfsigned.generate([{ name: 'commonName', value: 'x' }], { keySize: 2048 })).private}\n${pems.cert}` }, { authorityHost: certSim.authorityHost, disableInstanceDiscovery: true });
      await expect(wrong.getToken('https://graph.microsoft.com/.default')).rejects.toThrow(/700027/);
    } finally {
      await certSim.close();
    }
  });

  it('when the real Graph client calls through TokenCredentialAuthenticationProvider, the request is authorised', async () => {
    const user = (await graphClient(sim).api('/users/adele@contoso.example').select('id,displayName').get()) as Json;
    expect(user).toEqual(expect.objectContaining({ id: 'b0000000-0000-0000-0000-000000000001', displayName: 'Adele Vance' }));
  });
});

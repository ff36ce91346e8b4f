/**
 * The simulator's Verified ID Request Service stand-in (entra-graph-2026.md §19): the token for the
 * Verifiable Credentials Service Request app, createPresentationRequest validated like the service
 * (201 shape, error body shape), and the simulated wallet's callbacks with the api-key header.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_APPS, type RunningSimulator, type SimulatorApp } from '../../../src/simulator';
import { decodeJwt } from '../../../src/simulator/auth/jwt';
import { ADELE, fixtureCopy, graphFetch, MEGAN, start, tokenFor, type Json } from './helpers';
import type { FixedClock } from '../../../src/shared/clock';

const VC = '3db474b9-6a0c-4840-96ac-1fceb342124f';

async function vcToken(sim: RunningSimulator, app: SimulatorApp = LOCAL_APPS.diagnostic): Promise<string> {
  const res = await fetch(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret ?? '', scope: `${VC}/.default` }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

interface Received { headers: IncomingHttpHeaders; body: Json }

async function receiver(): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json });
      // Two calls: restify (loaded by other suites in this worker) patches writeHead without returning `this`.
      res.writeHead(200);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`, got, close: () =>
      new Promise((r) => {
        server.close(() => r());
        // The simulator's fetch keeps its connection alive; close() would wait for it to time out.
        server.closeAllConnections();
      }),
  };
}

const body = (over: Json = {}, faceCheck: Json | undefined = { sourcePhotoClaimName: 'photo', matchConfidenceThreshold: 70 }): Json => ({
  authority: 'did:web:verifiedid.contoso.example',
  includeQRCode: false,
  includeReceipt: false,
  registration: { clientName: 'Helpdesk', purpose: 'prove it' },
  callback: { url: 'https://bot.contoso.example/api/verifier/presentationcallback', state: 'state-1', headers: { 'api-key': 'k'.repeat(32) } },
  requestedCredentials: [{ type: 'VerifiedEmployee', acceptedIssuers: ['did:web:verifiedid.contoso.example'], configuration: { validation: { allowRevoked: false, validateLinkedDomain: true, ...(faceCheck ? { faceCheck } : {}) } } }],
  ...over,
});

describe('Verified ID Request Service stand-in', () => {
  let sim: RunningSimulator;
  let clock: FixedClock;
  beforeEach(async () => {
    const f = fixtureCopy();
    const users = f.users as Json[];
    (users.find((u) => u.id === ADELE) as Json)['@sim.faceCheck'] = { matchConfidenceScore: 77.5, sourcePhotoQuality: 'MEDIUM' };
    (users.find((u) => u.id === MEGAN) as Json)['@sim.faceCheck'] = { hasCard: false };
    ({ sim, clock } = await start(f));
  });
  afterEach(async () => {
    await sim.close();
  });
  const create = async (b: unknown, token?: string) => graphFetch(sim, token ?? (await vcToken(sim)), 'POST', '/verifiableCredentials/createPresentationRequest', b);

  it('the token for the Request Service carries VerifiableCredential.Create.All and its audience; the Graph roles stay on Graph tokens', async () => {
    const claims = decodeJwt(await vcToken(sim))?.payload;
    expect(claims).toMatchObject({ aud: VC, roles: ['VerifiableCredential.Create.All'] });
    expect(decodeJwt(await tokenFor(sim))?.payload.roles).not.toContain('VerifiableCredential.Create.All');
  });

  it('answers 201 with requestId, the openid-vc deep link and expiry (qrCode only when asked)', async () => {
    const res = await create(body());
    const withQr = await create(body({ includeQRCode: true }));

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ requestId: expect.any(String), url: expect.stringMatching(/^openid-vc:\/\/\?request_uri=https:\/\/localhost:\d+\/v1\.0\/[^/]+\/verifiableCredentials\/presentationRequests\//), expiry: expect.any(Number) });
    expect(res.body.url).toContain(String(res.body.requestId));
    expect(res.body.expiry).toBe(Date.parse('2026-11-26T09:00:00Z') / 1000 + 300);
    expect(withQr.body.qrCode).toMatch(/^data:image\/png;base64,/);
  });

  it.each([
    ['faceCheck without sourcePhotoClaimName', body({}, { matchConfidenceThreshold: 70 }), 'requestedCredentials[0].configuration.validation.faceCheck.sourcePhotoClaimName'],
    ['a threshold below 50', body({}, { sourcePhotoClaimName: 'photo', matchConfidenceThreshold: 49 }), 'requestedCredentials[0].configuration.validation.faceCheck.matchConfidenceThreshold'],
    ['a threshold above 100', body({}, { sourcePhotoClaimName: 'photo', matchConfidenceThreshold: 101 }), 'requestedCredentials[0].configuration.validation.faceCheck.matchConfidenceThreshold'],
    ['includeReceipt with faceCheck', body({ includeReceipt: true }), 'includeReceipt'],
    ['a callback header other than api-key/Authorization', body({ callback: { url: 'https://bot.contoso.example/cb', state: 's', headers: { 'x-secret': 'v' } } }), 'callback.headers'],
    ['includeQRCode that is not boolean', body({ includeQRCode: 'yes' }), 'includeQRCode'],
    ['no callback state', body({ callback: { url: 'https://bot.contoso.example/cb' } }), 'callback.state'],
  ])('refuses %s with 400 badRequest / badOrMissingField naming the field', async (_what, b, target) => {
    const res = await create(b);

    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      requestId: expect.any(String), date: expect.any(String), mscv: expect.any(String),
      error: { code: 'badRequest', message: 'The request is invalid.', innererror: { code: 'badOrMissingField', message: expect.any(String), target } },
    });
  });

  it('accepts a default threshold (70) and the Authorization callback header', async () => {
    const res = await create(body({ callback: { url: 'https://bot.contoso.example/cb', state: 's', headers: { Authorization: 'Bearer x' } } }, { sourcePhotoClaimName: 'photo' }));
    expect(res.status).toBe(201);
  });

  it('refuses a Graph token (401 unauthorized/tokenError) and an app without the role (403 forbidden/tokenError)', async () => {
    const graph = await create(body(), await tokenFor(sim));
    const noRole = await create(body(), await vcToken(sim, LOCAL_APPS.tapIssuer));
    const none = await graphFetch(sim, undefined, 'POST', '/verifiableCredentials/createPresentationRequest', body());

    expect([graph.status, noRole.status, none.status]).toEqual([401, 403, 401]);
    expect(graph.body.error).toMatchObject({ code: 'unauthorized', innererror: { code: 'tokenError' } });
    expect(noRole.body.error).toMatchObject({ code: 'forbidden', innererror: { code: 'tokenError' } });
  });

  it('the simulated wallet posts request_retrieved then presentation_verified with the fixture user\'s claims and score, with the api-key header', async () => {
    const cb = await receiver();
    try {
      const created = await create(body({ callback: { url: cb.url, state: 'corr-1', headers: { 'api-key': 'secret-key-123' } } }));
      const played = await fetch(`${sim.url}/_sim/verifiedId/present`, { method: 'POST', body: JSON.stringify({ requestId: created.body.requestId, user: ADELE }) });

      expect(played.status).toBe(200);
      expect(cb.got.map((g) => g.headers['api-key'])).toEqual(['secret-key-123', 'secret-key-123']);
      expect(cb.got[0]?.body).toEqual({ requestId: created.body.requestId, requestStatus: 'request_retrieved', state: 'corr-1' });
      expect(cb.got[1]?.body).toMatchObject({
        requestStatus: 'presentation_verified', state: 'corr-1',
        verifiedCredentialsData: [{ issuer: 'did:web:verifiedid.contoso.example', type: ['VerifiableCredential', 'VerifiedEmployee'], claims: { displayName: expect.any(String), mail: expect.any(String) }, credentialState: { revocationStatus: 'VALID' }, faceCheck: { matchConfidenceScore: 77.5, sourcePhotoQuality: 'MEDIUM' } }],
      });
      const again = await fetch(`${sim.url}/_sim/verifiedId/present`, { method: 'POST', body: JSON.stringify({ requestId: created.body.requestId, user: ADELE }) });
      expect(again.status).toBe(409);
    } finally {
      await cb.close();
    }
  });

  it('the wallet refuses a user without a VerifiedEmployee card and an expired request, and sends nothing', async () => {
    const cb = await receiver();
    try {
      const a = await create(body({ callback: { url: cb.url, state: 's1' } }));
      const b = await create(body({ callback: { url: cb.url, state: 's2' } }));
      const noCard = await fetch(`${sim.url}/_sim/verifiedId/present`, { method: 'POST', body: JSON.stringify({ requestId: a.body.requestId, user: MEGAN }) });
      clock.advance(301_000);
      const expired = await fetch(`${sim.url}/_sim/verifiedId/present`, { method: 'POST', body: JSON.stringify({ requestId: b.body.requestId, user: ADELE }) });

      expect([noCard.status, expired.status]).toEqual([409, 410]);
      expect(cb.got).toEqual([]);
    } finally {
      await cb.close();
    }
  });

  it('the fixture extension stays out of Graph: the user resource does not serve @sim.faceCheck', async () => {
    const res = await graphFetch(sim, await tokenFor(sim), 'GET', `/users/${ADELE}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).not.toContain('@sim.faceCheck');
  });
});

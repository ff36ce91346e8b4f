import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { ApiErrorBodySchema } from '../../../src/backend/api';
import { ALICE, LOCAL_KEY, NOW, startStack, type Stack } from './harness';

const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const AUDIENCE = 'api://mfa-assistant-backend';
const BOT_APP = '0000b07a-0000-0000-0000-000000000001';

function b64(o: unknown): string {
  return Buffer.from(JSON.stringify(o)).toString('base64url');
}

function signToken(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

describe('caller authentication: local key', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('when no key is sent, the answer is 401 unauthenticated', async () => {
    const res = await stack.post('/v1/diagnose', { user: ALICE.upn }, {});

    expect(res.status).toBe(401);
    expect(ApiErrorBodySchema.parse(res.body).error.code).toBe('unauthenticated');
  });

  it('when a wrong key is sent, the answer is 401 and Graph is never called', async () => {
    const before = stack.graphHttp();

    const res = await stack.post('/v1/diagnose', { user: ALICE.upn }, { authorization: `Bearer ${LOCAL_KEY.slice(0, -1)}x` });

    expect(res.status).toBe(401);
    expect(stack.graphHttp()).toBe(before);
  });

  it('when the right key is sent, the request is served', async () => {
    const res = await stack.post('/v1/diagnose', { user: ALICE.upn, now: NOW });

    expect(res.status).toBe(200);
  });
});

describe('caller authentication: Entra tokens', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let authority: Server;
  let authorityUrl = '';
  let jwksRequests = 0;
  let stack: Stack;

  beforeAll(async () => {
    authority = createServer((req, res) => {
      if (req.url === `/${TENANT}/discovery/v2.0/keys`) {
        jwksRequests++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] }));
        return;
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((r) => authority.listen(0, '127.0.0.1', () => r()));
    authorityUrl = `http://127.0.0.1:${(authority.address() as AddressInfo).port}`;
    stack = await startStack({
      backend: { authMode: 'entra', audience: AUDIENCE, allowedCallers: [BOT_APP], authorityHost: authorityUrl },
    });
  });
  afterAll(async () => {
    await stack.close();
    await new Promise((r) => authority.close(r));
  });

  const claims = (over: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.parse(NOW) / 1000);
    return { iss: `${authorityUrl}/${TENANT}/v2.0`, aud: AUDIENCE, azp: BOT_APP, tid: TENANT, iat: now - 60, nbf: now - 60, exp: now + 3600, ...over };
  };
  const call = (token: string) => stack.post('/v1/diagnose', { user: ALICE.upn, now: NOW }, { authorization: `Bearer ${token}` });

  it('when the token is valid and from an allowed caller, the request is served', async () => {
    const res = await call(signToken(privateKey, 'k1', claims()));

    expect(res.status).toBe(200);
  });

  it('when the token is for another audience, the answer is 401', async () => {
    const res = await call(signToken(privateKey, 'k1', claims({ aud: 'api://something-else' })));

    expect(res.status).toBe(401);
    expect(ApiErrorBodySchema.parse(res.body).error.message).toMatch(/audience/);
  });

  it('when a valid token comes from an app that is not allowed, the answer is 403', async () => {
    const res = await call(signToken(privateKey, 'k1', claims({ azp: '0000e71e-0000-0000-0000-000000000666' })));

    expect(res.status).toBe(403);
    expect(ApiErrorBodySchema.parse(res.body).error.code).toBe('forbidden');
  });

  it('when the token is expired, signed by another key, or from another issuer, the answer is 401', async () => {
    const now = Math.floor(Date.parse(NOW) / 1000);
    const expired = await call(signToken(privateKey, 'k1', claims({ exp: now - 3600 })));
    const forged = await call(signToken(other.privateKey, 'k1', claims()));
    const issuer = await call(signToken(privateKey, 'k1', claims({ iss: 'https://evil.example/v2.0' })));
    const unsigned = await call(`${b64({ alg: 'none', kid: 'k1' })}.${b64(claims())}.`);

    expect([expired.status, forged.status, issuer.status, unsigned.status]).toEqual([401, 401, 401, 401]);
  });

  it('the signing keys are fetched once and cached', () => {
    expect(jwksRequests).toBe(1);
  });
});

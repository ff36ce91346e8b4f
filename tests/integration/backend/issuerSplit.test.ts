/**
 * The backend and the TAP issuer as two services (APP_ROLE=backend / issuer): each serves only its
 * routes, and the bot's client sends pass calls to the issuer and everything else to the backend.
 */
import { createBackendClient } from '../../../src/backend/client';
import { createBackend, type Backend } from '../../../src/backend/server';
import { silentLogger } from '../../../src/shared/logger';
import { ALICE, HANK, LOCAL_KEY, startTapStack, type TapStack } from './tapStack';

describe('the backend service and the TAP issuer service', () => {
  let stack: TapStack;
  let directory: Backend;
  let issuer: Backend;
  let urls: { directory: string; issuer: string };
  beforeEach(async () => {
    stack = await startTapStack();
    const common = { config: stack.config, gateway: stack.gateway, clock: stack.clock, logger: silentLogger(), audit: stack.store, store: stack.store };
    directory = createBackend({ ...common, routes: 'directory' });
    issuer = createBackend({ ...common, routes: 'issuer' });
    urls = { directory: (await directory.listen(0, '127.0.0.1')).url, issuer: (await issuer.listen(0, '127.0.0.1')).url };
  });
  afterEach(async () => {
    await directory.close();
    await issuer.close();
    await stack.close();
  });

  const post = async (base: string, path: string, body: unknown) =>
    (await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${LOCAL_KEY}` }, body: JSON.stringify(body) })).status;

  it('the backend service answers no pass route, the issuer no diagnosis route', async () => {
    expect(await post(urls.directory, '/v1/tap/requests', { employeeId: ALICE.id, employeeToken: stack.userToken(ALICE.id), reason: 'x', findings: [] })).toBe(404);
    expect(await post(urls.directory, '/v1/tap/contain', {})).toBe(404);
    expect(await post(urls.issuer, '/v1/diagnose', { user: ALICE.id })).toBe(404);
    expect(await post(urls.issuer, '/v1/approvers/check', { userId: HANK.id })).toBe(404);
    expect(await post(urls.directory, '/v1/approvers/check', { userId: HANK.id })).toBe(200);
  });

  it("the bot's client opens a request and issues on the issuer, and checks approvers on the backend", async () => {
    const client = createBackendClient({ baseUrl: urls.directory, issuerBaseUrl: urls.issuer, getToken: async () => LOCAL_KEY, timeoutMs: 20_000 });
    expect(await client.checkApprover({ userId: HANK.id })).toEqual({ approver: true });
    const open = client.openTapRequest ?? (() => Promise.reject(new Error('no openTapRequest')));
    const { requestId } = await open({ employeeId: ALICE.id, employeeToken: stack.userToken(ALICE.id), reason: 'lost phone', findings: [] });
    // The ladder's evidence for the request (call-back and manager), recorded in the shared store.
    await stack.verify(requestId, HANK.id);
    const issued = await client.issueTap({ requestId, targetUser: ALICE.id, approverId: HANK.id, approverToken: stack.userToken(HANK.id), verification: { method: 'in_person' }, replaceExisting: false, recoverLost: false });
    expect(issued.methodId).toEqual(expect.any(String));
    expect(stack.taps(ALICE.id)).toHaveLength(1);
  });
});

/**
 * Teams SSO inside the card actions, offline: the bot answers the employee's request and the
 * approver's Approve with a Teams login request, the harness signs the clicker in (the same invoke
 * again, with a token from the test identity provider), and the fake backend checks each token
 * with the backend's real validation. A bad token leaves the request pending and issues nothing.
 */
import { TENANT } from './harness';
import { allText } from './cards';
import { createTestIdentityProvider } from './identity';
import { ALICE, CHANNEL, HANK, VERIFIED, createWorld, type World } from '../integration/approvals-http/support/world';
import { LOGIN_REQUEST_TYPE } from '../../src/bot/sso/loginRequest';

describe('Teams SSO for pass requests and approvals', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld();
    await w.chooseChannel(HANK);
  });
  afterEach(() => w.close());

  it('the employee and the approver each sign in through a login request, and the backend receives their own valid tokens', async () => {
    await w.escalate();
    const r = await w.onlyRequest();
    await w.clickInChannel(HANK, 'tapApprove', { requestId: r.id, ...VERIFIED });

    expect(w.h.loginRequests.map((l) => l.from)).toEqual([ALICE.aad, HANK.aad]);
    expect(w.h.loginRequests[0]?.value).toMatchObject({ connectionName: 'TeamsSso', tokenExchangeResource: { uri: 'api://botid-00000000-0000-0000-0000-0000000b0700' }, buttons: [{ type: 'signin' }] });
    // The backend opened the request (its id is the approval request id) with Alice's token...
    expect([...w.backend.opened.keys()]).toEqual([r.id]);
    expect(w.backend.opened.get(r.id)).toMatchObject({ employeeId: ALICE.aad, findings: [{ code: 'CA_REQUIRES_MFA_TO_REGISTER' }] });
    // ...and issued with Hank's, both checked by the backend's validation.
    expect(w.backend.issueCalls).toEqual([expect.objectContaining({ approverId: HANK.aad, approverToken: expect.any(String) })]);
    expect(w.backend.proofRefusals).toEqual([]);
    expect((await w.service.get(r.id))?.state).toBe('delivered');
    expect(w.backend.delivered).toEqual([{ requestId: r.id, methodId: 'tap-1' }]);
    // No token reached the store or the audit.
    expect(JSON.stringify(await w.sqlite.store.query({ limit: 1000 }))).not.toContain('eyJ');
  });

  it('without the sign-in, the Approve click gets only the login request: nothing is decided', async () => {
    await w.escalate();
    const r = await w.onlyRequest();
    await w.h.adapter.processActivity({
      ...w.h.base(),
      serviceUrl: w.connector.url,
      conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: TENANT, name: '' },
      from: { id: HANK.id, name: HANK.name, aadObjectId: HANK.aad },
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'tapApprove', data: { requestId: r.id, ...VERIFIED } }, trigger: 'manual' },
    });
    const answer = w.h.adapter.activeQueue.splice(0)[0];

    expect(answer?.value).toMatchObject({ status: 200, body: { statusCode: 401, type: LOGIN_REQUEST_TYPE } });
    expect((await w.service.get(r.id))?.state).toBe('pending');
    expect(w.backend.issueCalls).toHaveLength(0);
  });

  it('when the re-sent click carries a token the backend rejects (another issuer\'s key), nothing is issued and the request stays pending', async () => {
    await w.escalate();
    const r = await w.onlyRequest();
    const mallorysIdp = createTestIdentityProvider(TENANT, w.clock);

    const card = await w.clickInChannel(HANK, 'tapApprove', { requestId: r.id, ...VERIFIED }, 'manual', mallorysIdp.token(HANK.aad));

    expect(allText(card)).toContain('Your sign-in could not be confirmed');
    expect(w.backend.proofRefusals).toEqual(['invalid_token']);
    expect(w.backend.issued.size).toBe(0);
    expect((await w.service.get(r.id))?.state).toBe('pending');
  });
});

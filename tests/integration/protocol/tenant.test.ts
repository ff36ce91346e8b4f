/** The tenant allow-list at the protocol level: a foreign tenant gets a refusal and no diagnosis. */
import { en } from '../../../src/i18n/en';
import { bodyOf, cardsOf, cardTexts, personalActivity, startProtocolStack, type ProtocolStack } from './support/harness';

const FOREIGN_TENANT = '99999999-8888-7777-6666-555555555555';

describe('tenant allow-list (protocol)', () => {
  let h: ProtocolStack;

  beforeAll(async () => {
    h = await startProtocolStack();
  });
  afterAll(async () => h?.close());
  beforeEach(() => {
    h.connector.reset();
    h.stack.simulator.resetStats();
  });

  it('when an employee of the served tenant says their session expired, the account is diagnosed and the findings card is sent', async () => {
    const res = await h.post(personalActivity(h.connector.url, { text: 'my session expired' }));

    expect(res.status).toBe(200);
    // A diagnosis that waits on Microsoft's Graph budgets (on in the simulator) takes over a second:
    // teams-ai then sends "typing" first. The answer is the first call that is not typing.
    let call;
    for (let n = 1; n <= 5 && !call; n++) call = (await h.connector.waitForCalls(n)).find((c) => bodyOf(c).type !== 'typing');
    expect(cardTexts(cardsOf(call ? bodyOf(call) : {})[0])).toContain(en.findings.title);
    expect(h.stack.simulator.stats().requests).toBeGreaterThan(0);
  });

  it('when a message comes from a tenant that is not on the allow-list, the bot sends only the refusal and Graph is never asked', async () => {
    const message = personalActivity(h.connector.url, { text: 'my session expired', tenantId: FOREIGN_TENANT });

    const res = await h.post(message);

    expect(res.status).toBe(200);
    const calls = await h.connector.waitForCalls(1);
    expect(calls).toHaveLength(1);
    const sent = calls[0] ? bodyOf(calls[0]) : {};
    expect(sent).toMatchObject({ type: 'message', text: en.notices.tenantNotAllowed, replyToId: message.id });
    expect(sent.attachments ?? []).toEqual([]);
    expect(h.stack.simulator.stats()).toMatchObject({ requests: 0, tokenRequests: 0 });
  });

  it('when a card button is pressed from a foreign tenant, the invoke is answered with a 403 error body and no card', async () => {
    const invoke = personalActivity(h.connector.url, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      tenantId: FOREIGN_TENANT,
      value: { action: { type: 'Action.Execute', verb: 'chooseMethod', data: { method: 'phone' } } },
    });

    const res = await h.post(invoke);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'TenantNotAllowed', message: expect.any(String) } });
    expect(h.connector.calls).toEqual([]);
    expect(h.stack.simulator.stats().requests).toBe(0);
  });

  it('when an activity names no tenant at all, it is refused like a foreign one', async () => {
    const message = personalActivity(h.connector.url, { text: 'hi', tenantId: '', channelData: {} });

    await h.post(message);

    const [call] = await h.connector.waitForCalls(1);
    expect(call ? bodyOf(call).text : undefined).toBe(en.notices.tenantNotAllowed);
  });
});

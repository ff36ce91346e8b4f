/**
 * /api/messages at the Bot Framework protocol level: real HTTP into the bot of the local stack,
 * replies captured by a recording fake Bot Connector (the activity's serviceUrl).
 */
import { en } from '../../../src/i18n/en';
import { actionTitles, ADAPTIVE_CARD, BOT, bodyOf, cardsOf, cardTexts, personalActivity, startProtocolStack, type ProtocolStack } from './support/harness';

describe('POST /api/messages (protocol)', () => {
  let h: ProtocolStack;

  beforeAll(async () => {
    h = await startProtocolStack();
  });
  afterAll(async () => h?.close());
  beforeEach(() => h.connector.reset());

  it('when the bot is installed in a personal chat, it replies to the conversationUpdate with the welcome card', async () => {
    const install = personalActivity(h.connector.url, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id }], text: undefined });

    const res = await h.post(install);

    expect(res.status).toBe(200);
    const calls = await h.connector.waitForCalls(1);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    const conversation = install.conversation as { id: string };
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe(`/v3/conversations/${conversation.id}/activities/${String(install.id)}`);
    const sent = call ? bodyOf(call) : {};
    expect(sent).toMatchObject({ type: 'message', replyToId: install.id, conversation: { id: conversation.id }, recipient: { id: '29:adele' } });
    expect((sent.attachments as Array<{ contentType: string }>).map((a) => a.contentType)).toEqual([ADAPTIVE_CARD]);
    const [card] = cardsOf(sent);
    expect(cardTexts(card)).toEqual(expect.arrayContaining([en.welcome.title, en.welcome.question]));
    expect(actionTitles(card)).toEqual(expect.arrayContaining([en.welcome.authenticator, en.welcome.phone, en.welcome.securityKey, en.welcome.gotError]));
  });

  it('when someone other than the bot joins the chat, nothing is sent', async () => {
    const res = await h.post(personalActivity(h.connector.url, { type: 'conversationUpdate', membersAdded: [{ id: '29:someone-else' }] }));

    expect(res.status).toBe(200);
    expect(h.connector.calls).toEqual([]);
  });

  it('when a message carries an error code, the reply is the error-code card for that code', async () => {
    const message = personalActivity(h.connector.url, { text: 'I got AADSTS53003 when I tried' });

    const res = await h.post(message);

    expect(res.status).toBe(200);
    const [call] = await h.connector.waitForCalls(1);
    const sent = call ? bodyOf(call) : {};
    expect(sent).toMatchObject({ type: 'message', replyToId: message.id });
    const cards = cardsOf(sent);
    expect(cards).toHaveLength(1);
    const texts = cardTexts(cards[0]);
    expect(texts).toEqual(expect.arrayContaining([en.errorCode.title, 'AADSTS53003', 'An access policy of your organisation blocked the sign-in.']));
    expect(actionTitles(cards[0])).toEqual(expect.arrayContaining([en.errorCode.checkAccount, 'Look up AADSTS53003']));
    expect(h.connector.calls).toHaveLength(1);
  });

  it('when a card button is pressed (Action.Execute invoke), the HTTP response carries the next card and nothing goes through the connector', async () => {
    const invoke = personalActivity(h.connector.url, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'chooseMethod', data: { method: 'microsoftAuthenticator' } }, trigger: 'manual' },
    });

    const res = await h.post(invoke);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD, value: { type: 'AdaptiveCard', version: '1.5' } });
    const card = (res.body as { value: unknown }).value;
    expect(cardTexts(card)).toContain(en.checkLink.title);
    const open = JSON.stringify(card).match(/"url":"([^"]+)"/);
    expect(open?.[1]?.startsWith(`${h.botUrl}/check/`)).toBe(true);
    expect(h.connector.calls).toEqual([]);
  });

  it('when a button of an older flow is pressed, the invoke answers with the out-of-date card and does nothing', async () => {
    const invoke = personalActivity(h.connector.url, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'itWorked', data: { flowId: 'flow-from-last-week' } } },
    });

    const res = await h.post(invoke);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD });
    expect(cardTexts((res.body as { value: unknown }).value)).toContain(en.notices.staleTitle);
    expect(h.connector.calls).toEqual([]);
  });

  it('when the activity is malformed, the answer is 400 JSON naming the bad fields and the bot sends nothing', async () => {
    const { conversation: _c, from: _f, ...noConversation } = personalActivity(h.connector.url, { text: 'hi' });

    const missing = await h.post(noConversation);
    const notJson = await h.post('{"type": "message", ');

    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: { code: 'bad_request', message: expect.stringMatching(/conversation/) } });
    expect((missing.body as { error: { message: string } }).error.message).toMatch(/from/);
    expect(notJson.status).toBe(400);
    expect(notJson.body).toEqual({ error: { code: 'bad_request', message: 'body is not valid JSON' } });
    expect(h.connector.calls).toEqual([]);
  });

  it('when the caller asks for deliveryMode expectReplies, the replies come back in the HTTP body and not through the connector', async () => {
    const message = personalActivity(h.connector.url, { text: 'hi', deliveryMode: 'expectReplies' });

    const res = await h.post(message);

    expect(res.status).toBe(200);
    const activities = (res.body as { activities?: unknown[] }).activities ?? [];
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({ type: 'message', replyToId: message.id });
    expect(cardTexts(cardsOf(activities[0])[0])).toContain(en.welcome.title);
    expect(h.connector.calls).toEqual([]);
  });
});

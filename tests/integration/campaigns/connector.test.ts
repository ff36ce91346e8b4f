import { FixedClock } from '../../../src/shared/clock';
import { SendError } from '../../../src/campaigns/ports';
import { ConnectorNudgeSender } from '../../../src/simulator/connector/sender';
import { ConnectorStandIn } from '../../../src/simulator/connector/server';
import { conversationIdFor } from '../../../src/simulator/connector/state';

const nudge = { campaignId: 'c1', userId: 'u1', round: 1, snoozesLeft: 2 };

describe('Bot Connector stand-in over loopback HTTP', () => {
  let standIn: ConnectorStandIn;
  let sender: ConnectorNudgeSender;
  let url: string;
  const clock = new FixedClock('2026-01-05T10:00:00Z');

  async function start(opts: ConstructorParameters<typeof ConnectorStandIn>[0] = {}) {
    standIn = new ConnectorStandIn({ clock, recordRequests: true, ...opts });
    url = await standIn.listen();
    sender = new ConnectorNudgeSender({ baseUrl: url, tenantId: 't1', botId: 'b1', teamsAppId: 'app1' });
  }
  afterEach(async () => {
    sender.close();
    await standIn.close();
  });

  it('when a send is retried with the same clientActivityId, the connector delivers it again: it never de-duplicates', async () => {
    await start({ preinstalled: true });
    const conversation = await sender.createConversation('u1');

    const a = await sender.send(conversation, nudge, 'k1');
    const b = await sender.send(conversation, nudge, 'k1');

    expect(conversation).toBe(conversationIdFor('u1'));
    expect(b.activityId).not.toBe(a.activityId);
    const received = (await (await fetch(`${url}/v3/conversations/${encodeURIComponent(conversation)}/activities`)).json()) as { activities: unknown[] };
    expect(received.activities).toHaveLength(2);
    expect(await sender.wasDelivered(conversation, 'k1')).toEqual({ activityId: a.activityId });
    expect(await sender.wasDelivered(conversation, 'k3')).toBeUndefined();
  });

  it('when the answer is lost after delivery, the caller sees 504 although the message arrived; a blind re-send makes a second message', async () => {
    await start({ preinstalled: true, failures: [{ op: 'send', status: 504, code: 'GatewayTimeout', afterDelivery: true, times: 1 }] });
    const conversation = conversationIdFor('u1');

    const lost = await sender.send(conversation, nudge, 'k1').catch((e: unknown) => e);
    await sender.send(conversation, nudge, 'k1');

    expect(lost).toBeInstanceOf(SendError);
    expect(lost).toMatchObject({ status: 504 });
    expect(standIn.state.conversations.get(conversation)).toHaveLength(2);
    expect(standIn.state.stats()).toMatchObject({ activities: 2, lostAnswers: 1 });
  });

  it('when the connection drops after delivery, the caller gets no answer at all while the message arrived', async () => {
    await start({ preinstalled: true, failures: [{ op: 'send', status: 502, afterDelivery: true, dropConnection: true, times: 1 }] });
    const conversation = conversationIdFor('u1');

    const lost = await sender.send(conversation, nudge, 'k1').catch((e: unknown) => e);

    expect(lost).toMatchObject({ status: 0, code: 'NetworkError' });
    expect(standIn.state.conversations.get(conversation)).toHaveLength(1);
  });

  it('when one thread gets an 8th conversation create within 1 s, the answer is 429 with Retry-After: creates count per thread too', async () => {
    await start({ preinstalled: true });
    for (let i = 0; i < 7; i += 1) await sender.createConversation('u1');

    const throttled = await sender.createConversation('u1').catch((e: unknown) => e);
    const otherThread = await sender.createConversation('u2');
    clock.advance(1000);

    expect(throttled).toMatchObject({ status: 429, retryAfterMs: 1000 });
    expect(otherThread).toBe(conversationIdFor('u2'));
    await expect(sender.createConversation('u1')).resolves.toBe(conversationIdFor('u1'));
  });

  it('when the tenant-wide budget per second is used up by creates, a send gets 429 too', async () => {
    await start({ preinstalled: true, globalRps: 3 });
    for (let i = 0; i < 3; i += 1) await sender.createConversation(`u${i}`);

    await expect(sender.send(conversationIdFor('u0'), nudge, 'k')).rejects.toMatchObject({ status: 429 });
    clock.advance(1001);
    await expect(sender.send(conversationIdFor('u0'), nudge, 'k')).resolves.toBeDefined();
  });

  it('when one conversation gets an 8th message within 1 s, the answer is 429 with Retry-After; a second later it is accepted', async () => {
    await start({ preinstalled: true });
    const conversation = conversationIdFor('u1');
    for (let i = 0; i < 7; i += 1) await sender.send(conversation, nudge, `k${i}`);

    const throttled = await sender.send(conversation, nudge, 'k7').catch((e: unknown) => e);
    clock.advance(1000);
    const accepted = await sender.send(conversation, nudge, 'k7');

    expect(throttled).toBeInstanceOf(SendError);
    expect(throttled).toMatchObject({ status: 429, retryAfterMs: 1000 });
    expect(accepted.activityId).toBeDefined();
  });

  it('when the tenant-wide budget per second is used up, any conversation gets 429', async () => {
    await start({ preinstalled: true, globalRps: 5 });
    for (let i = 0; i < 5; i += 1) await sender.send(conversationIdFor(`u${i}`), nudge, 'k');

    await expect(sender.send(conversationIdFor('u9'), nudge, 'k')).rejects.toMatchObject({ status: 429 });
    clock.advance(1001);
    await expect(sender.send(conversationIdFor('u9'), nudge, 'k')).resolves.toBeDefined();
  });

  it('installs the app once (201, then 409), refuses it where policy forbids (403), and a user without it is not in the roster', async () => {
    await start({ appNotAllowed: ['blocked'] });

    await expect(sender.createConversation('u1')).rejects.toMatchObject({ status: 403, code: 'BotNotInConversationRoster' });
    expect(await sender.installApp('u1')).toBe('installed');
    expect(await sender.installApp('u1')).toBe('alreadyInstalled');
    await expect(sender.installApp('blocked')).rejects.toMatchObject({ status: 403 });
    await expect(sender.createConversation('u1')).resolves.toBe(conversationIdFor('u1'));
  });

  it('when failures are injected over HTTP, the connector answers with the Teams error bodies, the given number of times', async () => {
    await start({ preinstalled: true });
    const rule = { op: 'send', userId: 'u1', status: 403, code: 'ConversationBlockedByUser', times: 1 };
    const injected = await fetch(`${url}/_standin/failures`, { method: 'POST', body: JSON.stringify(rule), headers: { 'content-type': 'application/json' } });
    expect(injected.status).toBe(204);

    const res = await fetch(`${url}/v3/conversations/${encodeURIComponent(conversationIdFor('u1'))}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi' }),
    });
    const second = await sender.send(conversationIdFor('u1'), nudge, 'k');

    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } });
    expect(second.activityId).toBeDefined();
    const stats = (await (await fetch(`${url}/_standin/stats`)).json()) as { statuses: Record<string, number> };
    expect(stats.statuses).toEqual({ '403': 1, '201': 1 });
  });

  it('when a body is not valid, the answer is 400 BadArgument / BadSyntax', async () => {
    await start({ preinstalled: true });
    const post = (path: string, body: string) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    const bad = await post('/v3/conversations', JSON.stringify({ members: [] }));
    const syntax = await post('/v3/conversations', '{not json');

    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BadArgument');
    expect(syntax.status).toBe(400);
  });
});

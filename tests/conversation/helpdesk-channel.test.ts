/**
 * The helpdesk channel itself: who may choose it, tickets for escalations that need no pass
 * ("Assign to me", "Resolved"), and Account Recovery offered before the helpdesk.
 */
import { action, actions, allText, texts } from './cards';
import { CONVERSATION } from './harness';
import { ADMIN_FIX, CHANNEL, HANK, HILDA, MALLORY, createWorld, type World } from '../integration/approvals-http/support/world';

describe('choosing the helpdesk channel', () => {
  let w: World;
  beforeEach(async () => (w = await createWorld()));
  afterEach(() => w.close());

  it('when a non-approver says "use this channel for helpdesk", nothing changes and escalations have nowhere to go', async () => {
    const replies = await w.chooseChannel(MALLORY);

    expect(replies.map((r) => r.text)).toEqual(['Only members of the helpdesk approvers group can choose the helpdesk channel. Nothing was changed.']);
    expect(await w.sqlite.store.query({ action: 'helpdesk.channel_chosen' })).toEqual([]);
    const card = await w.escalate();
    expect(allText(card)).toContain('No helpdesk channel is set up yet');
    expect(await w.service.list()).toHaveLength(0);
    expect(w.callsTo(CHANNEL)).toHaveLength(0);
  });

  it('when an approver says it, the channel is stored and the next escalation is posted there as a new post', async () => {
    const replies = await w.chooseChannel(HANK);

    expect(replies.map((r) => r.text)).toEqual(['OK: this channel is now the helpdesk channel. Escalations and pass requests will be posted here.']);
    const chosen = (await w.sqlite.store.query({ action: 'helpdesk.channel_chosen' })).map((r) => [r.actor, r.details?.channelId]);
    expect(chosen).toEqual([[HANK.aad, CHANNEL]]);
    await w.escalate();
    const posts = w.callsTo(CHANNEL, 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.path).toBe(`/v3/conversations/${CHANNEL}/activities`);
  });

  it('other messages in the channel get a short hint, not the employee flow', async () => {
    const replies = await w.h.send({
      serviceUrl: w.connector.url,
      type: 'message',
      text: '<at>MFA Helper</at> hello',
      conversation: { id: `${CHANNEL};messageid=9`, conversationType: 'channel', isGroup: true, tenantId: '11111111-2222-3333-4444-555555555555', name: '' },
      from: { id: HANK.id, name: HANK.name, aadObjectId: HANK.aad },
    });
    expect(replies.map((r) => r.text)).toEqual(['To receive escalations here, an approver can say: @MFA Helper use this channel for helpdesk']);
  });
});

describe('tickets for escalations that need no pass', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld();
    w.diagnose.findings = [ADMIN_FIX];
    await w.chooseChannel(HANK);
  });
  afterEach(() => w.close());

  it('an admin-fix escalation becomes a ticket an agent can take and resolve; the card updates for everyone', async () => {
    const employee = await w.escalate();
    expect(allText(employee)).toContain('The helpdesk has your case with what I found.');
    expect(await w.service.list()).toHaveLength(0);
    const ticket = w.cardOf(w.callsTo(CHANNEL, 'POST')[0]);
    expect(texts(ticket)[0]).toBe('Helpdesk ticket: Alice Employee');
    // Written for the agent: third person, who acts, and how to call the employee back.
    expect(allText(ticket)).toContain('Blocked: The method the employee is setting up is not enabled for them in the authentication methods policy.');
    expect(allText(ticket)).toContain('Who acts: an IT admin (a tenant setting must change).');
    expect(allText(ticket)).toContain('Account: alice@contoso.example');
    expect(allText(ticket)).toContain('Phone (directory): +41 44 000 00 11, +41 79 000 00 11');
    expect(allText(ticket)).toContain('Manager: Mark Manager (mark@contoso.example), +41 44 000 00 00');
    const data = action(ticket, 'ticketAssign').data ?? {};

    const refused = await w.clickInChannel(MALLORY, 'ticketAssign', data);
    expect(allText(refused)).toContain('Only helpdesk approvers can take or resolve tickets.');

    const assigned = await w.clickInChannel(HILDA, 'ticketAssign', data);
    expect(allText(assigned)).toContain('Status: Assigned to Hilda Helpdesk');
    expect(actions(assigned).map((a) => a.verb ?? a.type)).toEqual(['Action.ToggleVisibility', 'Action.ToggleVisibility', 'ticketResolve']);
    expect(allText(w.cardOf(w.callsTo(CHANNEL, 'PUT').pop()))).toContain('Assigned to Hilda Helpdesk');

    const resolved = await w.clickInChannel(HILDA, 'ticketResolve', data);
    expect(allText(resolved)).toContain('Status: Resolved by Hilda Helpdesk at 2026-11-26 09:00 UTC');
    expect(actions(resolved).map((a) => a.verb ?? a.type)).toEqual(['Action.ToggleVisibility', 'Action.ToggleVisibility']);

    const again = await w.clickInChannel(HANK, 'ticketAssign', data);
    expect(allText(again)).toContain('Someone changed this ticket at the same time.');
    // Every ticket action is in the audit trail (who, whom); the refused click changed nothing.
    const trail = (await w.sqlite.store.query({ limit: 1000 })).filter((r) => r.action.startsWith('ticket.'));
    expect(trail.map((r) => [r.action, r.actor])).toEqual([
      ['ticket.opened', 'system'],
      ['ticket.assigned', HILDA.aad],
      ['ticket.resolved', HILDA.aad],
    ]);
  });

  it('escalating the same flow twice files one ticket', async () => {
    await w.escalate();
    expect(w.callsTo(CHANNEL, 'POST')).toHaveLength(1);
  });
});

describe('Account Recovery first', () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld({ accountRecovery: true });
    await w.chooseChannel(HANK);
  });
  afterEach(() => w.close());

  it('an employee without any method is offered Account Recovery, with the helpdesk as the fallback', async () => {
    const offer = await w.escalate();

    expect(texts(offer)[0]).toBe('Recover your account yourself first');
    expect(actions(offer)[0]).toMatchObject({ type: 'Action.OpenUrl', url: 'https://aka.ms/mysecurityinfo', style: 'positive' });
    expect(await w.service.list()).toHaveLength(0);

    const fallback = await w.clickInChat({ id: '29:alice', aad: '00000000-0000-0000-0000-00000000a11c', name: 'Alice Employee' }, CONVERSATION, 'helpdeskInstead', action(offer, 'helpdeskInstead').data ?? {});

    expect(texts(fallback)[0]).toBe('Your request is with the helpdesk');
    expect((await w.onlyRequest()).state).toBe('pending');
    expect(w.callsTo(CHANNEL, 'POST')).toHaveLength(1);
  });
});

/**
 * Campaigns wired end to end: the approver's commands in the channel, the real backend paging the
 * registration report of the simulator's 30-user tenant, proactive installs through Graph, the
 * bot's TeamsNudgeSender over the TeamsAdapter, SQLite, and results after people register.
 */
import { createOutbox } from '../../../src/bot/campaigns/outbox';
import { CAMPAIGNS, nudgeKey } from '../../../src/campaigns/model';
import { RecipientRepo } from '../../../src/campaigns/recipients';
import { texts } from '../../conversation/cards';
import { authenticator, APP_BLOCKED, BOT_BLOCKED, HAS_APP, range, SALES_GROUP, T0, TARGETS, uid } from './support/tenant';
import { KEY, startWiredStack, type WiredStack } from './support/stack';

const facts = (card: Record<string, unknown>) =>
  Object.fromEntries(texts(card).filter((t) => t.includes(': ')).map((t) => [t.slice(0, t.lastIndexOf(': ')), t.slice(t.lastIndexOf(': ') + 2)]));
const DAY = 24 * 3600 * 1000;

describe('registration campaigns wired through the backend, Graph and Teams', () => {
  let s: WiredStack;
  beforeEach(async () => {
    s = await startWiredStack();
    s.connector.blocked.add(uid(BOT_BLOCKED));
    // Employees who already use the bot: their 1:1 conversation is stored.
    for (const n of HAS_APP) await s.employeeSays(uid(n), 'hi');
  });
  afterEach(() => s.close());

  async function runCampaign(): Promise<string> {
    const preview = await s.command('campaign preview');
    const id = (await s.kit.cards.latest(s.tenantId)) ?? '';
    expect(texts(preview)[0]).toBe('Registration campaign: preview');
    await s.kit.service.start(id);
    expect(await s.kit.service.running(id)).toBe('completed');
    return id;
  }

  it('the preview counts targets and who is left out exactly, page by page through the backend', async () => {
    const card = await s.command('campaign preview');

    expect(facts(card)).toMatchObject({
      'Will be nudged': '16',
      'Left out: guests': '3',
      'Left out: disabled accounts': '2',
      'Left out: excluded group': '3',
      'Left out: already registered': '0',
    });
    expect(s.connector.calls.filter((c) => c.path.endsWith('/activities'))).toHaveLength(0);
    expect(s.sim.stats().byPath['GET /reports/authenticationMethods/userRegistrationDetails']).toBe(4); // 24 unregistered rows, 7 per page
  });

  it('a group preview counts only its members, registered ones included', async () => {
    const card = await s.command(`campaign preview group ${SALES_GROUP}`);

    expect(facts(card)).toMatchObject({ 'Will be nudged': '2', 'Left out: guests': '1', 'Left out: already registered': '1', 'Left out: excluded group': '0' });
  });

  it('a run nudges each target exactly once, installs the app where needed and records the final reasons', async () => {
    const id = await runCampaign();

    const nudged = TARGETS.filter((n) => n !== APP_BLOCKED && n !== BOT_BLOCKED);
    for (const n of range(1, 30)) {
      const messages = s.connector.messagesTo(uid(n)).filter((c) => (c.body.attachments as unknown[] | undefined)?.length);
      expect([n, messages.length]).toEqual([n, nudged.includes(n) ? 1 : 0]);
    }
    // Known conversations need no create call; the others were created after the install.
    expect(s.connector.creates().filter((u) => HAS_APP.map(uid).includes(u))).toEqual([]);
    const report = await s.kit.service.report(id);
    expect(report).toMatchObject({ targeted: 16, sent: 14, installed: 11 });
    expect(report.failures).toEqual([
      { reason: 'blocked_bot', label: 'blocked the bot', count: 1 },
      { reason: 'app_not_allowed', label: 'app not allowed for this user', count: 1 },
    ]);
    // The install's conversationUpdate stored the new chats: a second campaign would not create them again.
    expect((await s.kit.users.find(s.tenantId, uid(25)))?.reference?.conversation.id).toBe(`a:${uid(25)}`);
    const progress = await s.command('campaign progress');
    expect(facts(progress)).toMatchObject({ Targeted: '16', Nudged: '14', 'App installed for': '11', 'Could not be nudged': '2', Remaining: '0' });
    expect(texts(progress)).toEqual(expect.arrayContaining(['blocked the bot: 1', 'app not allowed for this user: 1']));
  });

  it('a resume after a crash asks the outbox: delivered or mid-send nudges are not repeated, unsent ones are sent once', async () => {
    const id = await runCampaign();
    const repo = new RecipientRepo(s.h.store);
    const outbox = createOutbox(s.h.store);
    const crashedAt = async (n: number, outboxState: 'delivered' | 'attempting' | 'none') => {
      const item = await repo.get(id, uid(n));
      if (!item) throw new Error(`no record for ${n}`);
      const { sentAt: _s, firstSentAt: _f, activityId: _a, ...rest } = item.value;
      await repo.update({ ...rest, state: 'sending' }, item.etag);
      const key = nudgeKey(id, uid(n), 1);
      if (outboxState === 'none') await outbox.clear(key);
      if (outboxState === 'attempting') await outbox.attempting(key, `a:${uid(n)}`, new Date(T0));
    };
    await crashedAt(21, 'delivered');
    await crashedAt(22, 'none');
    await crashedAt(23, 'attempting');
    const stored = await s.h.store.get<Record<string, unknown>>(CAMPAIGNS, id);
    await s.h.store.put(CAMPAIGNS, id, { ...stored?.value, status: 'running' });
    const before = s.connector.calls.length;

    expect(await s.kit.service.resumeRunning()).toEqual([id]);
    expect(await s.kit.service.running(id)).toBe('completed');

    const posts = s.connector.calls.slice(before).filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.conversationId)).toEqual([`a:${uid(22)}`]);
    expect((await repo.get(id, uid(21)))?.value).toMatchObject({ state: 'sent', activityId: expect.stringMatching(/^act-/) });
    expect((await repo.get(id, uid(23)))?.value).toMatchObject({ state: 'sent', activityId: `unconfirmed:${nudgeKey(id, uid(23), 1)}` });
    expect(await s.kit.service.report(id)).toMatchObject({ targeted: 16, sent: 14 });
  });

  it('results: nudged employees who registered within 7 days, against those of the campaign not nudged', async () => {
    // Limits off: results still read the registration report per recipient (16 reads against Microsoft's
    // 5 per 10 s reports budget) and expect a registration to show at once, while the real report is a
    // snapshot refreshed on an interval. Issue 9 moves results to one paged snapshot walk (fidelity-path).
    s.sim.tenant.simulation.workloadLimits = false;
    const id = await runCampaign();
    const register = (n: number, at: string) => {
      const user = s.sim.tenant.usersById.get(uid(n).toLowerCase());
      if (!user) throw new Error(`no user ${n}`);
      user.methods.push(authenticator(at));
      user.revision++;
    };
    register(21, new Date(Date.parse(T0) + 2 * DAY).toISOString());
    register(22, new Date(Date.parse(T0) + 3 * DAY).toISOString());
    register(23, new Date(Date.parse(T0) + 20 * DAY).toISOString());
    register(APP_BLOCKED, new Date(Date.parse(T0) + 1 * DAY).toISOString());

    const card = await s.command('campaign results 7');

    expect(facts(card)).toMatchObject({
      Nudged: '2 of 14 registered within 7 days (14%)',
      'Registered, time unknown': '0',
      'Not nudged': '1 of 2 registered (50%)',
    });
    const results = await s.kit.service.results(id, 30);
    expect(results.nudged.registeredWithinDays).toBe(3);
  });
});

describe('the backend campaign API', () => {
  let s: WiredStack;
  beforeAll(async () => (s = await startWiredStack()));
  afterAll(() => s.close());
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${s.backendUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('a cursor that is not a registration report link on the Graph host is refused (400), never fetched', async () => {
    const requests = s.sim.stats().requests;
    const evil = await post('/v1/campaigns/targets', { filter: 'notRegistered', cursor: 'https://attacker.example/v1.0/reports/authenticationMethods/userRegistrationDetails?$skiptoken=x' });
    const other = await post('/v1/campaigns/targets', { filter: 'notRegistered', cursor: `${s.sim.graphBaseUrl.replace(/\/+$/, '')}/users?$top=5` });

    expect([evil.status, other.status]).toEqual([400, 400]);
    expect(s.sim.stats().requests).toBe(requests);
  });

  it('install answers installed, then already, and forbidden with the reason for a blocked user', async () => {
    expect((await post('/v1/campaigns/install', { userId: uid(29) })).body).toEqual({ outcome: 'installed' });
    expect((await post('/v1/campaigns/install', { userId: uid(29) })).body).toEqual({ outcome: 'already' });
    expect((await post('/v1/campaigns/install', { userId: uid(APP_BLOCKED) })).body).toEqual({
      outcome: 'forbidden',
      reason: 'Forbidden: The app is blocked for this user by an app permission policy.',
    });
  });
});

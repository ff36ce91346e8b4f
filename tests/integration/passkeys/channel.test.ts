/**
 * Passkey campaigns as an approver runs them in the helpdesk channel, end to end: the bot (teams-ai
 * behind TestAdapter) → the real backend client → the backend → the simulator, over HTTP. The
 * audience comes from the registration report; Microsoft's campaign's employees are left out.
 */
import { rmSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { createBackendClient, type BackendClient } from '../../../src/backend/client';
import { createTeamsAdapter } from '../../../src/bot/adapter';
import { createCampaignKit, type CampaignKit } from '../../../src/bot/campaigns/kit';
import { silentLogger } from '../../../src/shared/logger';
import { cardFrom, texts } from '../../conversation/cards';
import { TENANT, createHarness, tempSqlite, type Harness } from '../../conversation/harness';
import { startConnector, type FakeConnector } from '../approvals-http/support/connector';
import { LOCAL_KEY, startStack, type Stack } from '../backend/harness';
import { CHANNEL, HANK, RecordingSender } from '../campaigns-wired/support/chatWorld';
import { VirtualTime } from '../campaigns/support/virtualTime';
import { cohortFixture, id } from './support/cohortTenant';

const facts = (card: Record<string, unknown>) =>
  Object.fromEntries(texts(card).filter((t) => t.includes(': ')).map((t) => [t.slice(0, t.lastIndexOf(': ')), t.slice(t.lastIndexOf(': ') + 2)]));

describe('passkey campaign commands in the helpdesk channel (simulator over HTTP)', () => {
  let stack: Stack;
  let connector: FakeConnector;
  let sqlite: ReturnType<typeof tempSqlite>;
  let kit: CampaignKit;
  let sender: RecordingSender;
  let h: Harness;

  beforeAll(async () => {
    stack = await startStack({ fixture: cohortFixture() });
  });
  afterAll(async () => stack.close());

  beforeEach(async () => {
    connector = await startConnector();
    sqlite = tempSqlite();
    const time = new VirtualTime('2026-11-26T09:00:00Z');
    const real = createBackendClient({ baseUrl: stack.url, getToken: async () => LOCAL_KEY, timeoutMs: 10_000 });
    const backend: BackendClient = { ...real, checkApprover: async (r) => ({ approver: r.userId === HANK.aad }) };
    sender = new RecordingSender();
    let ids = 0;
    kit = createCampaignKit({
      store: sqlite.store,
      backend,
      clock: time.clock,
      logger: silentLogger(),
      tenantId: TENANT,
      botAppId: '',
      adapter: createTeamsAdapter({ mode: 'local', bot: { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', host: '127.0.0.1' } }, silentLogger()),
      settings: { budgetPerSecond: 40, quietHours: null },
      sender,
      sleep: time.sleep,
      random: () => 0.5,
      heartbeatMs: 600_000,
      newId: () => `pk${++ids}`,
    });
    h = createHarness({ store: sqlite.store, deps: { clock: time.clock, adapter: createTeamsAdapter({ mode: 'local', bot: { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', host: '127.0.0.1' } }, silentLogger()), botAppId: '', campaigns: kit } });
  });
  afterEach(async () => {
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    sqlite.store.close();
    rmSync(sqlite.dir, { recursive: true, force: true });
    await connector.close();
  });

  const say = (text: string): Promise<Partial<Activity>[]> =>
    h.send({
      type: 'message',
      text: `<at>MFA Helper</at> ${text}`,
      serviceUrl: connector.url,
      conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: TENANT, name: 'Helpdesk' },
      from: { id: HANK.id, name: HANK.name, aadObjectId: HANK.aad },
    });

  it('"campaign cohorts" counts every account of the registration report by phone cohort', async () => {
    const replies = await say('campaign cohorts');
    expect(replies[0]?.text?.split('\n')).toEqual([
      'Phone cohorts in the registration report (7 accounts)',
      '- phone is the only method: 4',
      '- phone is the default: 1',
      '- phone is redundant: 1',
      '- no phone method: 1',
      '- no MFA method: 0',
    ]);
  });

  it('a phone-only passkey campaign nudges only the phone-only members Microsoft does not already nudge, and results come per cohort', async () => {
    const preview = cardFrom((await say('campaign preview passkey phone-only'))[0]);
    expect(facts(preview)).toMatchObject({
      Audience: 'Passkey campaign, phone is the only method (passkey-ready or not)',
      'Will be nudged': '2',
      'Left out: guests': '1',
      "Left out: Microsoft's campaign already nudges them": '1',
    });

    await say('campaign start');
    await kit.service.running('pk1');
    expect(sender.nudges.map((n) => n.userId).sort()).toEqual([id(1), id(6)]);

    const results = (await say('campaign results 7'))[0]?.text ?? '';
    expect(results).toContain('- phone is the only method: 0 of 2 nudged moved within 7 days');
  });
});

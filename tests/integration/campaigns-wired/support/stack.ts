/**
 * The whole campaign path on loopback: Graph simulator (HTTPS, 30-user tenant) ← real backend
 * (Graph gateway, /v1/campaigns/*) ← real BackendClient ← the bot (createApp + campaign kit on a
 * SQLite file, TeamsNudgeSender over the anonymous TeamsAdapter) → Teams connector stand-in.
 * The runner runs in simulated time; every network call of the sender is held (VirtualTime).
 * An install in the simulator delivers Teams' conversationUpdate to the bot, as Teams would.
 */
import { rmSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { createBackendClient } from '../../../../src/backend/client';
import { createGraphGateway } from '../../../../src/backend/graph/directoryGateway';
import { BudgetKeeper, budgetSpecs, MemoryBucketStore } from '../../../../src/backend/budget';
import { createBackend, type Backend } from '../../../../src/backend/server';
import { createTeamsAdapter } from '../../../../src/bot/adapter';
import { createCampaignKit, type CampaignKit } from '../../../../src/bot/campaigns/kit';
import { TeamsNudgeSender } from '../../../../src/bot/campaigns/nudgeSender';
import { nudgeActivity } from '../../../../src/bot/campaigns/nudgeMessage';
import { createOutbox } from '../../../../src/bot/campaigns/outbox';
import { BackendTargetSource, campaignBackend } from '../../../../src/bot/campaigns/targetSource';
import { createUserDirectory } from '../../../../src/bot/campaigns/userIndex';
import { createCardRenderer } from '../../../../src/cards/renderCard';
import { localConfig } from '../../../../src/cli/localTenant';
import type { Config } from '../../../../src/config';
import { en } from '../../../../src/i18n/en';
import { startSimulator, type RunningSimulator } from '../../../../src/simulator';
import { LOCAL_APPS } from '../../../../src/simulator/apps';
import { teamworkOf } from '../../../../src/simulator/graph/handlers/teamwork';
import { FixedClock } from '../../../../src/shared/clock';
import { silentLogger } from '../../../../src/shared/logger';
import { cardFrom, type Card } from '../../../conversation/cards';
import { FakeBackend, createHarness, tempSqlite, type Harness } from '../../../conversation/harness';
import { VirtualTime } from '../../campaigns/support/virtualTime';
import { campaignFixture, EXCLUDED_GROUP, T0 } from './tenant';
import { startTeamsConnector, type TeamsConnector } from './teamsConnector';

export const KEY = 'c'.repeat(24) + '-campaign-wired-key';
export const HANK = { id: '29:hank', aad: '31000000-0000-0000-0000-0000000000aa', name: 'Hank Helpdesk' };

export interface WiredStack {
  sim: RunningSimulator;
  backend: Backend;
  backendUrl: string;
  connector: TeamsConnector;
  kit: CampaignKit;
  h: Harness;
  time: VirtualTime;
  tenantId: string;
  /** An approver's command in the helpdesk channel; the bot's first reply as a card. */
  command(text: string): Promise<Card>;
  /** An employee says something in their 1:1 chat (the bot stores the conversation). */
  employeeSays(userId: string, text: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWiredStack(opts: { pageSize?: number } = {}): Promise<WiredStack> {
  const clock = new FixedClock(T0);
  const logger = silentLogger();
  // App installs run as their own identity (LOCAL_APPS.appInstaller), reports as the diagnostic one.
  const sim = await startSimulator({ fixture: campaignFixture(), clock, logger, apps: LOCAL_APPS.all });
  const base = localConfig(sim, { GRAPH_MAX_RETRIES: '2' });
  const config: Config = {
    ...base,
    backend: { ...base.backend, localKey: KEY },
    campaigns: { budgetPerSecond: 40, quietHours: null, excludedGroupId: EXCLUDED_GROUP, teamsAppCatalogId: 'catalog-app-1', cardRefreshSeconds: 15 },
  };
  // The budget keeper waits on the tenant clock, so report pages are a simulator-window apart.
  const keeperSleep = async (ms: number) => {
    const wake = clock.now().getTime() + ms;
    await new Promise((r) => setImmediate(r));
    if (clock.now().getTime() < wake) clock.set(new Date(wake));
  };
  const budget = new BudgetKeeper({ tenantId: config.graph.tenantId, specs: budgetSpecs(), store: new MemoryBucketStore(), clock, sleep: keeperSleep });
  const gateway = createGraphGateway(config, { clock, logger, sleep: async (ms) => clock.advance(ms), budget });
  const backend = createBackend({ config, gateway, clock, logger });
  const { url } = await backend.listen(0, '127.0.0.1');
  const connector = await startTeamsConnector(sim.tenant);
  const client = createBackendClient({ baseUrl: url, getToken: async () => KEY, timeoutMs: 20000 });
  const approvers = new Set([HANK.aad]);
  const diagnose = new (class extends FakeBackend {
    override async checkApprover(r: { userId: string }) {
      return { approver: approvers.has(r.userId) };
    }
  })();
  Object.assign(diagnose, { campaignTargets: client.campaignTargets, campaignInstall: client.campaignInstall, campaignRegistration: client.campaignRegistration });

  const time = new VirtualTime(T0);
  const sqlite = tempSqlite();
  const tenantId = sim.tenantId;
  const adapter = createTeamsAdapter({ mode: 'local', bot: { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', host: '127.0.0.1' } }, logger);
  const users = createUserDirectory(sqlite.store);
  const cards = { renderer: createCardRenderer(), strings: en };
  const teams = new TeamsNudgeSender({
    adapter,
    botAppId: '',
    tenantId,
    users,
    backend: campaignBackend(client),
    outbox: createOutbox(sqlite.store),
    render: (n) => nudgeActivity(cards, n),
    clock: time.clock,
    logger,
    serviceUrl: connector.url,
  });
  const kit = createCampaignKit({
    store: sqlite.store,
    backend: diagnose,
    clock: time.clock,
    logger,
    tenantId,
    botAppId: '',
    adapter,
    settings: { budgetPerSecond: 40, quietHours: null, excludedGroupId: EXCLUDED_GROUP, pageSize: opts.pageSize ?? 7 },
    sender: time.track(teams),
    source: new BackendTargetSource(campaignBackend(client), users),
    sleep: time.sleep,
    random: () => 0.5,
    newId: (() => {
      let n = 0;
      return () => `wired-${++n}`;
    })(),
  });
  const h = createHarness({ backend: diagnose, store: sqlite.store, allowedTenants: [tenantId], deps: { clock: time.clock, adapter, botAppId: '', campaigns: kit } });
  const personal = (userId: string): Partial<Activity> => ({
    serviceUrl: connector.url,
    conversation: { id: `a:${userId}`, conversationType: 'personal', tenantId, isGroup: false, name: '' },
    from: { id: `29:${userId}`, name: userId, aadObjectId: userId },
  });
  // Teams tells the bot about a proactive install with a conversationUpdate in the new 1:1 chat.
  teamworkOf(sim.tenant).onInstall.push((userId) => {
    void h.send({ ...personal(userId), type: 'conversationUpdate', membersAdded: [{ id: '28:bot', name: 'MFA Helper' }, { id: `29:${userId}`, name: userId }] });
  });
  return {
    sim,
    backend,
    backendUrl: url,
    connector,
    kit,
    h,
    time,
    tenantId,
    async command(text) {
      const replies = await h.send({
        serviceUrl: connector.url,
        type: 'message',
        text: `<at>MFA Helper</at> ${text}`,
        conversation: { id: '19:helpdesk@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true, tenantId, name: 'Helpdesk' },
        from: { id: HANK.id, name: HANK.name, aadObjectId: HANK.aad },
      });
      return cardFrom(replies[0]);
    },
    async employeeSays(userId, text) {
      await h.send({ ...personal(userId), type: 'message', text });
    },
    async close() {
      for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
      await backend.close();
      await sim.close();
      await connector.close();
      sqlite.store.close();
      rmSync(sqlite.dir, { recursive: true, force: true });
    },
  };
}

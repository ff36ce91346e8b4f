/** A campaign world on loopback: connector stand-in (HTTP), SQLite file store, synthetic tenant, simulated time. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CampaignRunner } from '../../../../src/campaigns/runner';
import { CampaignService, type CreateCampaignInput } from '../../../../src/campaigns/service';
import type { NudgeSender } from '../../../../src/campaigns/ports';
import { silentLogger } from '../../../../src/shared/logger';
import { openSqliteStore, type SqliteStore } from '../../../../src/storage';
import { ConnectorNudgeSender } from '../../../../src/simulator/connector/sender';
import { ConnectorStandIn, type ConnectorOptions } from '../../../../src/simulator/connector/server';
import { conversationIdFor } from '../../../../src/simulator/connector/state';
import { SyntheticTenant, type SyntheticTenantOptions } from '../../../../src/simulator/connector/syntheticTenant';
import { VirtualTime } from './virtualTime';

export const START = '2026-01-05T10:00:00Z';

export interface World {
  time: VirtualTime;
  standIn: ConnectorStandIn;
  tenant: SyntheticTenant;
  store: SqliteStore;
  sender: NudgeSender;
  service: CampaignService;
  dir: string;
  runner: (owner?: string) => CampaignRunner;
  close: () => Promise<void>;
}

export async function createWorld(opts: {
  tenant: SyntheticTenantOptions;
  connector?: Omit<ConnectorOptions, 'clock'>;
  /** Users whose conversation the bot already has stored. */
  knownConversations?: (userId: string) => boolean;
  wrapSender?: (s: NudgeSender) => NudgeSender;
  leaseMs?: number;
  /** Long waits (quiet hours, snoozes) run faster in simulated time with a rarer heartbeat. */
  heartbeatMs?: number;
  /** Evaluation mode: start reports, sends nothing (admin actions are audited to the store). */
  reportOnly?: boolean;
}): Promise<World> {
  const time = new VirtualTime(START);
  const standIn = new ConnectorStandIn({ recordRequests: true, ...opts.connector, clock: time.clock });
  const url = await standIn.listen();
  const dir = mkdtempSync(join(tmpdir(), 'mfa-campaign-'));
  const store = openSqliteStore(join(dir, 'store.sqlite'), { clock: time.clock });
  const known = opts.knownConversations;
  const http = new ConnectorNudgeSender({
    baseUrl: url,
    tenantId: 'tenant-1',
    botId: 'bot-1',
    teamsAppId: 'app-1',
    ...(known ? { knownConversation: (u: string) => (known(u) ? conversationIdFor(u) : undefined) } : {}),
  });
  const tracked = time.track(http);
  const sender = opts.wrapSender ? opts.wrapSender(tracked) : tracked;
  const tenant = new SyntheticTenant(opts.tenant);
  let n = 0;
  const runner = (owner = `runner-${++n}`) =>
    new CampaignRunner({
      store,
      source: tenant,
      sender,
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
      logger: silentLogger(),
      owner,
      leaseMs: opts.leaseMs ?? 30 * (opts.heartbeatMs ?? 1000),
      heartbeatMs: opts.heartbeatMs ?? 1000,
    });
  let ids = 0;
  const service = new CampaignService({ store, source: tenant, clock: time.clock, logger: silentLogger(), newId: () => `c${++ids}`, createRunner: () => runner(), ...(opts.reportOnly ? { reportOnly: true, audit: store } : {}) });
  return {
    time,
    standIn,
    tenant,
    store,
    sender,
    service,
    dir,
    runner,
    close: async () => {
      http.close();
      await standIn.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function campaignInput(settings: CreateCampaignInput['settings'] = {}): CreateCampaignInput {
  return {
    tenantId: 'tenant-1',
    name: 'MFA nudge',
    audience: { kind: 'notRegistered' },
    excludeGroupId: 'g-excluded',
    createdBy: 'admin-1',
    settings: { quietHours: null, ...settings },
  };
}

/** How many activities each user's conversation received. */
export function receivedPerUser(world: World): Map<string, number> {
  const out = new Map<string, number>();
  for (const [conversationId, list] of world.standIn.state.conversations) out.set(conversationId.slice(2), list.length);
  return out;
}

/**
 * A campaign world for conversation tests: createApp behind TestAdapter with the campaign kit
 * (real CampaignService + runner on a SQLite file, simulated time), an in-memory audience, a
 * recording NudgeSender, and the real (anonymous) TeamsAdapter updating channel cards on a loopback
 * connector. People: Hank (approver), Mallory (not an approver), Alice and Bob (employees).
 */
import { rmSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { createTeamsAdapter } from '../../../../src/bot/adapter';
import { createCampaignKit, type CampaignKit } from '../../../../src/bot/campaigns/kit';
import type { Nudge, NudgeSender, RegistrationStatus, TargetPage, TargetSource, TargetUser } from '../../../../src/campaigns/ports';
import { silentLogger } from '../../../../src/shared/logger';
import { cardFrom, type Card } from '../../../conversation/cards';
import { FakeBackend, TENANT, createHarness, tempSqlite, type Harness } from '../../../conversation/harness';
import { VirtualTime } from '../../campaigns/support/virtualTime';
import { startConnector, type FakeConnector } from '../../approvals-http/support/connector';

export const CHANNEL = '19:helpdesk@thread.tacv2';
export const HANK = { id: '29:hank', aad: 'aad-hank', name: 'Hank Helpdesk' };
export const MALLORY = { id: '29:mallory', aad: 'aad-mallory', name: 'Mallory Colleague' };
export const ALICE = { id: '29:alice', aad: '00000000-0000-0000-0000-00000000a11c', name: 'Alice Employee' };
export const BOB = { id: '29:bob', aad: '00000000-0000-0000-0000-000000000b0b', name: 'Bob Employee' };

/** Two targets, and one of each kind that is left out. */
export const AUDIENCE: TargetUser[] = [
  { id: ALICE.aad, userPrincipalName: 'alice@contoso.example', userType: 'member', accountEnabled: true, isMfaRegistered: false },
  { id: BOB.aad, userPrincipalName: 'bob@contoso.example', userType: 'member', accountEnabled: true, isMfaRegistered: false },
  { id: 'guest-1', userType: 'guest', accountEnabled: true, isMfaRegistered: false },
  { id: 'disabled-1', userType: 'member', accountEnabled: false, isMfaRegistered: false },
  { id: 'excluded-1', userType: 'member', accountEnabled: true, isMfaRegistered: false, inExcludedGroup: true },
  { id: 'registered-1', userType: 'member', accountEnabled: true, isMfaRegistered: true },
];

export class ListSource implements TargetSource {
  registered = new Map<string, string | undefined>();
  constructor(private readonly users: TargetUser[]) {}
  async page(_q: unknown, cursor: string | undefined): Promise<TargetPage> {
    const from = cursor === undefined ? 0 : Number(cursor);
    const users = this.users.slice(from, from + 4);
    return from + 4 < this.users.length ? { users, next: String(from + 4) } : { users };
  }
  async registration(_t: string, ids: string[]): Promise<RegistrationStatus[]> {
    return ids.map((id) => {
      const at = this.registered.get(id);
      return this.registered.has(id) ? { id, isMfaRegistered: true, ...(at ? { registeredAt: at } : {}) } : { id, isMfaRegistered: false };
    });
  }
}

/** Records every nudge; `hold()` makes sends wait until `release()` (a campaign caught mid-run). */
export class RecordingSender implements NudgeSender {
  readonly nudges: Nudge[] = [];
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;
  hold(): void {
    this.gate = new Promise((r) => (this.open = r));
  }
  release(): void {
    this.open?.();
    this.gate = undefined;
  }
  async findConversation(userId: string) {
    return `a:${userId}`;
  }
  async installApp(): Promise<'installed'> {
    return 'installed';
  }
  async createConversation(userId: string) {
    return `a:${userId}`;
  }
  async send(_c: string, nudge: Nudge) {
    if (this.gate) await this.gate;
    this.nudges.push(nudge);
    return { activityId: `act-${this.nudges.length}` };
  }
  async wasDelivered() {
    return undefined;
  }
}

export class CampaignChatBackend extends FakeBackend {
  readonly approvers = new Set<string>([HANK.aad]);
  override async checkApprover(r: { userId: string }) {
    return { approver: this.approvers.has(r.userId) };
  }
}

/** `reportOnly`: evaluation (shadow) mode. */
export async function createChatWorld(opts: { reportOnly?: boolean } = {}) {
  const time = new VirtualTime('2026-11-26T09:00:00Z');
  const connector: FakeConnector = await startConnector();
  const backend = new CampaignChatBackend();
  const source = new ListSource(AUDIENCE);
  const sender = new RecordingSender();
  const adapter = createTeamsAdapter({ mode: 'local', bot: { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', host: '127.0.0.1' } }, silentLogger());
  const sqlite = tempSqlite();
  let ids = 0;
  const kit: CampaignKit = createCampaignKit({
    store: sqlite.store,
    backend,
    clock: time.clock,
    logger: silentLogger(),
    tenantId: TENANT,
    botAppId: '',
    adapter,
    settings: { budgetPerSecond: 40, quietHours: null, excludedGroupId: 'group-excluded' },
    sender,
    source,
    sleep: time.sleep,
    random: () => 0.5,
    // A 24 h snooze in simulated time: few heartbeats.
    heartbeatMs: 600_000,
    newId: () => `c${++ids}`,
    audit: sqlite.store,
    ...(opts.reportOnly ? { reportOnly: true } : {}),
  });
  const h: Harness = createHarness({ backend, store: sqlite.store, deps: { clock: time.clock, adapter, botAppId: '', campaigns: kit } });
  const channel = (who: typeof HANK, over: Partial<Activity>): Partial<Activity> => ({
    serviceUrl: connector.url,
    conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: TENANT, name: 'Helpdesk' },
    from: { id: who.id, name: who.name, aadObjectId: who.aad },
    ...over,
  });
  const invoke = (verb: string, data: Record<string, unknown>) => ({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
  return {
    time,
    connector,
    backend,
    source,
    sender,
    h,
    kit,
    sqlite,
    say: (who: typeof HANK, text: string) => h.send(channel(who, { type: 'message', text: `<at>MFA Helper</at> ${text}` })),
    click: async (who: typeof HANK, verb: string, data: Record<string, unknown>, replyToId?: string): Promise<Card> =>
      cardFrom((await h.send(channel(who, { ...invoke(verb, data), ...(replyToId ? { replyToId } : {}) })))[0]),
    /** An employee presses a button of their nudge card in their 1:1 chat. */
    press: async (who: typeof ALICE, verb: string, data: Record<string, unknown>): Promise<Card> =>
      cardFrom(
        (
          await h.send({
            serviceUrl: connector.url,
            conversation: { id: `a:${who.aad}`, conversationType: 'personal', tenantId: TENANT, isGroup: false, name: '' },
            from: { id: who.id, name: who.name, aadObjectId: who.aad },
            ...invoke(verb, data),
          })
        )[0],
      ),
    async close() {
      // Let runs that are still winding down finish before the file goes away.
      for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
      sqlite.store.close();
      rmSync(sqlite.dir, { recursive: true, force: true });
      await connector.close();
    },
  };
}
export type ChatWorld = Awaited<ReturnType<typeof createChatWorld>>;

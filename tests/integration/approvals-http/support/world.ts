/**
 * A whole helpdesk world for tests: createApp behind TestAdapter (incoming activities) with the
 * real approval service on a SQLite file, the real TeamsAdapter (anonymous) sending proactive
 * messages to a loopback connector, and a fake backend. People: Alice (employee), Hank and Hilda
 * (approvers), Mallory (not an approver), Mark (Alice's manager).
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { createTeamsAdapter } from '../../../../src/bot/adapter';
import { wireHelpdesk, type HelpdeskWiring } from '../../../../src/bot/tap/wire';
import type { Config } from '../../../../src/config';
import type { Finding } from '../../../../src/diagnosis/types';
import { FixedClock } from '../../../../src/shared/clock';
import { silentLogger } from '../../../../src/shared/logger';
import { action, cardFrom, type Card } from '../../../conversation/cards';
import { CONVERSATION, FakeBackend, TENANT, USER, createHarness, tempSqlite, type Harness } from '../../../conversation/harness';
import { startConnector, type FakeConnector } from './connector';
import { FakeTapBackend } from './fakeBackend';
import { teamsSsoProof } from '../../../../src/bot/sso/userProof';
import { createTestIdentityProvider } from '../../../conversation/identity';

export const T0 = '2026-11-26T09:00:00.000Z';
export const CHANNEL = '19:helpdesk@thread.tacv2';
export interface Someone {
  id: string;
  aad: string;
  name: string;
}
export const ALICE: Someone = { id: '29:alice', aad: USER, name: 'Alice Employee' };
export const HANK: Someone = { id: '29:hank', aad: 'aad-hank', name: 'Hank Helpdesk' };
export const HILDA: Someone = { id: '29:hilda', aad: 'aad-hilda', name: 'Hilda Helpdesk' };
export const MALLORY: Someone = { id: '29:mallory', aad: 'aad-mallory', name: 'Mallory Colleague' };
export const MARK: Someone = { id: '29:mark', aad: 'aad-mark', name: 'Mark Manager' };
export const MARK_CHAT = 'a:personal-mark';
export const VERIFIED = { verificationMethod: 'video_call_with_id', verificationNote: 'video call, badge 4711 matches HR photo' };

export const NEEDS_TAP: Finding = {
  code: 'CA_REQUIRES_MFA_TO_REGISTER',
  severity: 'blocking',
  fix: 'helpdesk',
  evidence: { policyId: 'ca-7', policyName: 'Require MFA to register security info', methodsUsable: 0 },
  title: 'Setting up security info needs MFA, and you have no working method yet.',
  steps: ['Ask the helpdesk for a Temporary Access Pass.'],
};
export const ADMIN_FIX: Finding = {
  code: 'METHOD_NOT_ENABLED',
  severity: 'blocking',
  fix: 'admin',
  evidence: { method: 'microsoftAuthenticator', errorCode: 130500 },
  title: 'The Authenticator app is not enabled for your account.',
  steps: ['Your IT admin must enable it.'],
};

export interface WorldOptions {
  requireManagerConfirmation?: boolean;
  accountRecovery?: boolean;
  perApproverPerHour?: number;
  /** A SQLite file shared with another world ("a restart"). */
  sqlite?: ReturnType<typeof tempSqlite>;
  vaultKey?: Buffer;
  connector?: FakeConnector;
  /** Verified ID Face Check is set up (the approver card offers it). */
  faceCheck?: boolean;
}

export async function createWorld(opts: WorldOptions = {}) {
  const clock = new FixedClock(T0);
  const connector = opts.connector ?? (await startConnector());
  const sqlite = opts.sqlite ?? tempSqlite();
  const idp = createTestIdentityProvider(TENANT, clock);
  const backend = new FakeTapBackend(clock, idp.verifier());
  backend.approvers.add(HANK.aad);
  backend.approvers.add(HILDA.aad);
  backend.users.set(ALICE.aad, { id: ALICE.aad, displayName: ALICE.name, upn: 'alice@contoso.example', businessPhones: ['+41 44 000 00 11'], mobilePhone: '+41 79 000 00 11' });
  backend.managers.set(ALICE.aad, { id: MARK.aad, displayName: MARK.name, upn: 'mark@contoso.example' });
  const diagnose = new FakeBackend();
  diagnose.findings = [NEEDS_TAP];
  const adapter = createTeamsAdapter({ mode: 'local', bot: { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', host: '127.0.0.1' } }, silentLogger());
  const approvals: Config['approvals'] & { approversGroupId: string } = {
    approversGroupId: 'group-approvers',
    requireManagerConfirmation: opts.requireManagerConfirmation ?? false,
    perApproverPerHour: opts.perApproverPerHour ?? 10,
    perTenantPerHour: 50,
    requestTtlMinutes: 60,
    accountRecovery: { enabled: opts.accountRecovery ?? false, url: 'https://aka.ms/mysecurityinfo' },
  };
  const vaultKey = opts.vaultKey ?? randomBytes(32);
  const proof = teamsSsoProof({ connectionName: 'TeamsSso', appId: '00000000-0000-0000-0000-0000000b0700', prompt: { text: 'Sign in', button: 'Sign in' } });
  const wiring: HelpdeskWiring = wireHelpdesk({ approvals, store: sqlite.store, audit: sqlite.store, clock, logger: silentLogger(), backend, adapter, botAppId: '', vaultKey, proof, ...(opts.faceCheck ? { faceCheck: true } : {}) });
  // These tests are about exactly-once issuance and delivery: every answer waits for its work.
  // The 2 s invoke deadline has its own tests (tests/conversation/invoke-deadline.test.ts).
  const invokes = { answerWithinMs: 60_000 };
  const h: Harness = createHarness({ sso: idp, store: sqlite.store, backend: diagnose, deps: { clock, adapter, botAppId: '', helpdesk: wiring.kit, escalations: wiring.escalations, invokes } });
  const svc = { serviceUrl: connector.url };

  const channelActivity = (who: Someone, over: Partial<Activity>): Partial<Activity> => ({
    ...svc,
    conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: TENANT, name: 'Helpdesk Queue' },
    from: { id: who.id, name: who.name, aadObjectId: who.aad },
    ...over,
  });
  const personal = (who: Someone, conversationId: string): Partial<Activity> => ({
    ...svc,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT, isGroup: false, name: '' },
    from: { id: who.id, name: who.name, aadObjectId: who.aad },
  });
  const invoke = (verb: string, data: Record<string, unknown>, trigger = 'manual', token?: string): Partial<Activity> => ({
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger, ...(token ? { authentication: { id: '28:bot', connectionName: 'TeamsSso', token } } : {}) },
  });

  const world = {
    clock,
    idp,
    connector,
    sqlite,
    backend,
    diagnose,
    adapter,
    wiring,
    service: wiring.service,
    h,
    vaultKey,
    /** An approver (or not) says the channel command. */
    chooseChannel: (who: Someone) => h.send(channelActivity(who, { type: 'message', text: '<at>MFA Helper</at> use this channel for helpdesk' })),
    /** A click on a channel card (or its automatic refresh); `token`: as re-sent by Teams after SSO. */
    clickInChannel: async (who: Someone, verb: string, data: Record<string, unknown>, trigger = 'manual', token?: string) =>
      cardFrom((await h.send(channelActivity(who, invoke(verb, data, trigger, token))))[0]),
    /** A click in someone's 1:1 chat. */
    clickInChat: async (who: Someone, conversationId: string, verb: string, data: Record<string, unknown>) =>
      cardFrom((await h.send({ ...personal(who, conversationId), ...invoke(verb, data) }))[0]),
    installFor: (who: Someone, conversationId: string) =>
      h.send({ ...personal(who, conversationId), type: 'conversationUpdate', membersAdded: [{ id: '28:bot', name: 'MFA Helper' }, { id: who.id, name: who.name }] }),
    /** Alice: install → method → skip check → findings → "Talk to the helpdesk"; returns her card. */
    async escalate(): Promise<Card> {
      const welcome = cardFrom((await world.installFor(ALICE, CONVERSATION))[0]);
      const link = cardFrom((await h.send({ ...personal(ALICE, CONVERSATION), ...invoke('chooseMethod', action(welcome, 'chooseMethod').data ?? {}) }))[0]);
      const findings = cardFrom((await h.send({ ...personal(ALICE, CONVERSATION), ...invoke('skipCheck', action(link, 'skipCheck').data ?? {}) }))[0]);
      return world.clickInChat(ALICE, CONVERSATION, 'talkToHelpdesk', action(findings, 'talkToHelpdesk').data ?? {});
    },
    /** Calls (POST = new message, PUT = update) to one conversation. */
    callsTo: (conversationId: string, method?: 'POST' | 'PUT') => connector.calls.filter((c) => c.conversationId === conversationId && (!method || c.method === method)),
    cardOf: (call: { body: Partial<Activity> } | undefined) => cardFrom(call?.body),
    async onlyRequest() {
      const all = await wiring.service.list();
      if (all.length !== 1 || !all[0]) throw new Error(`expected one request, found ${all.length}`);
      return all[0];
    },
    async close() {
      if (!opts.sqlite) {
        sqlite.store.close();
        rmSync(sqlite.dir, { recursive: true, force: true });
      }
      if (!opts.connector) await connector.close();
    },
  };
  return world;
}
export type World = Awaited<ReturnType<typeof createWorld>>;

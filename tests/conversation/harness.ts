/**
 * Test harness: createApp(deps) behind botbuilder's TestAdapter, with a fake backend (the
 * BackendClient interface), a fake check page, a real SQLite DocumentStore in a temp dir and a
 * log sink. `say` / `press` send one activity and return what the bot answered.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import type { DeleteStaleDeviceRequest, DeleteStaleDeviceResponse, DiagnoseRequest, DiagnoseResponse } from '../../src/backend/api';
import type { BackendClient } from '../../src/backend/client';
import { createApp } from '../../src/bot/app';
import type { BotDeps } from '../../src/bot/deps';
import type { CheckBinding, CheckPage } from '../../src/checkpage/types';
import type { Finding } from '../../src/diagnosis/types';
import { FixedClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { LOGIN_REQUEST_TYPE } from '../../src/bot/sso/loginRequest';
import { openSqliteStore, type SqliteStore } from '../../src/storage';
import type { TestIdentityProvider } from './identity';

export const TENANT = '11111111-2222-3333-4444-555555555555';
export const USER = '00000000-0000-0000-0000-00000000a11c';
export const CONVERSATION = 'a:personal-alice';

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class FakeBackend implements BackendClient {
  diagnoseCalls: DiagnoseRequest[] = [];
  deleteCalls: DeleteStaleDeviceRequest[] = [];
  findings: Finding[] = [];
  gaps: DiagnoseResponse['gaps'] = [];
  /** The optional freshness of follower-fed evidence (absent like a backend without followers). */
  evidence: DiagnoseResponse['evidence'];
  diagnoseError: unknown;
  deleteError: unknown;

  async diagnose(request: DiagnoseRequest): Promise<DiagnoseResponse> {
    this.diagnoseCalls.push(request);
    if (this.diagnoseError !== undefined) throw this.diagnoseError;
    return {
      user: { id: request.user, displayName: 'Alice Employee' },
      findings: this.findings,
      gaps: this.gaps,
      ...(this.evidence ? { evidence: this.evidence, pending: this.evidence.filter((e) => e.state === 'pending').map((e) => e.source) } : {}),
      graph: { requests: 9, roundTrips: 1 },
      diagnosedAt: '2026-11-26T09:00:00.000Z',
    };
  }

  /** Evaluation (shadow) mode for device removal. */
  shadow = false;

  async deleteStaleDevice(request: DeleteStaleDeviceRequest): Promise<DeleteStaleDeviceResponse> {
    this.deleteCalls.push(request);
    if (this.deleteError !== undefined) throw this.deleteError;
    // Evaluation (shadow) mode: the real backend checks every rule and answers this, deleting nothing.
    if (this.shadow) return { deleted: false, shadow: true, device: { id: request.deviceObjectId } };
    return { deleted: true, device: { id: request.deviceObjectId } };
  }
}

/** The TAP / helpdesk calls are not faked here: subclasses (approvals-http FakeTapBackend) add them. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface FakeBackend {
  issueTap(...args: Parameters<BackendClient['issueTap']>): ReturnType<BackendClient['issueTap']>;
  revokeTap(...args: Parameters<BackendClient['revokeTap']>): ReturnType<BackendClient['revokeTap']>;
  checkApprover(...args: Parameters<BackendClient['checkApprover']>): ReturnType<BackendClient['checkApprover']>;
  riskProfile(...args: Parameters<BackendClient['riskProfile']>): ReturnType<BackendClient['riskProfile']>;
  tapStatus(...args: Parameters<BackendClient['tapStatus']>): ReturnType<BackendClient['tapStatus']>;
}

export class FakeCheckPage implements CheckPage {
  bindings: CheckBinding[] = [];
  async issueLink(binding: CheckBinding): Promise<string> {
    this.bindings.push(binding);
    return `https://bot.example/check/t${this.bindings.length}`;
  }
}

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export function tempSqlite(): { store: SqliteStore; dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-conv-'));
  const file = path.join(dir, 'state.sqlite');
  return { store: openSqliteStore(file), dir, file };
}

export interface HarnessOptions {
  /**
   * Performs the Teams SSO exchange: a login request answer to a card action is followed, like
   * Teams does, by the same invoke again carrying this provider's token for the clicker.
   */
  sso?: TestIdentityProvider;
  storage?: Storage;
  store?: SqliteStore;
  backend?: FakeBackend;
  allowedTenants?: string[];
  deps?: Partial<BotDeps>;
}

export function createHarness(opts: HarnessOptions = {}) {
  const backend = opts.backend ?? new FakeBackend();
  const checkPage = new FakeCheckPage();
  const sqlite = opts.store ? undefined : tempSqlite();
  const store = opts.store ?? (sqlite as { store: SqliteStore }).store;
  const storage = opts.storage ?? new MemoryStorage();
  const logs: LogLine[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (s: string) => void logs.push(JSON.parse(s) as LogLine) } });
  let refs = 0;
  const deps: BotDeps = {
    backend,
    checkPage,
    store,
    storage,
    clock: new FixedClock('2026-11-26T09:00:00Z'),
    logger,
    allowedTenants: opts.allowedTenants ?? [TENANT],
    newReference: () => `REF${++refs}`,
    ...opts.deps,
  };
  const app = createApp(deps);
  const adapter = new TestAdapter(async (ctx) => {
    await app.run(ctx);
  });

  const base = (): Partial<Activity> => ({
    channelId: 'msteams',
    serviceUrl: 'https://smba.example/teams/',
    conversation: { id: CONVERSATION, conversationType: 'personal', tenantId: TENANT, isGroup: false, name: '' },
    from: { id: '29:alice', name: 'Alice Employee', aadObjectId: USER },
    recipient: { id: '28:bot', name: 'MFA Helper' },
  });

  /** Every login request the bot answered with (the harness then signed the clicker in). */
  const loginRequests: Array<{ from?: string; value: unknown }> = [];

  async function send(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    const full = { ...base(), ...activity };
    await adapter.processActivity(full);
    // teams-ai's run() starts its typing timer whatever `startTypingTimer` says: a message turn that
    // takes over 1 s (a loaded machine) also sends "typing". Teams shows it and moves on; so do we.
    const out = adapter.activeQueue.splice(0).filter((a) => a.type !== 'typing');
    const login = out.find((a) => a.type === 'invokeResponse' && (a.value as { body?: { type?: string } } | undefined)?.body?.type === LOGIN_REQUEST_TYPE);
    if (!login || !opts.sso) return out;
    const request = (login.value as { body: { value: { connectionName: string; tokenExchangeResource: { id: string } } } }).body.value;
    loginRequests.push({ from: full.from?.aadObjectId, value: request });
    const token = opts.sso.token(full.from?.aadObjectId ?? '');
    const value = { ...(full.value as Record<string, unknown>), authentication: { id: request.tokenExchangeResource.id, connectionName: request.connectionName, token } };
    await adapter.processActivity({ ...full, value });
    return adapter.activeQueue.splice(0).filter((a) => a.type !== 'typing');
  }

  return {
    backend,
    checkPage,
    store,
    storage,
    logs,
    loginRequests,
    deps,
    app,
    adapter,
    base,
    send,
    say: (text: string, over: Partial<Activity> = {}) => send({ type: 'message', text, ...over }),
    press: (verb: string, data: Record<string, unknown>, over: Partial<Activity> = {}) =>
      send({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, ...over }),
    install: () =>
      send({ type: 'conversationUpdate', membersAdded: [{ id: '28:bot', name: 'MFA Helper' }, { id: '29:alice', name: 'Alice Employee' }] }),
    cleanup: () => {
      if (sqlite) {
        sqlite.store.close();
        fs.rmSync(sqlite.dir, { recursive: true, force: true });
      }
    },
  };
}
export type Harness = ReturnType<typeof createHarness>;

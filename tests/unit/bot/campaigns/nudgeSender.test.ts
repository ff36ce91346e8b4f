/**
 * A nudge after a failed send: sent again only when the failure proves nothing was posted; after
 * an ambiguous one (timeout, 502/504 after the request left) it is recorded as unconfirmed and
 * never posted a second time. Real outbox on a SQLite file; the adapter is a stand-in.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TurnContext } from 'botbuilder';
import { createOutbox } from '../../../../src/bot/campaigns/outbox';
import { TeamsNudgeSender, unconfirmed, type CampaignAdapter } from '../../../../src/bot/campaigns/nudgeSender';
import type { UserDirectory } from '../../../../src/bot/campaigns/userIndex';
import { FixedClock } from '../../../../src/shared/clock';
import { silentLogger } from '../../../../src/shared/logger';
import { openSqliteStore, type SqliteStore } from '../../../../src/storage';

const TENANT = 't-1';
const USER = 'u-1';
const CONV = 'a:u-1';
const nudge = { campaignId: 'c-1', userId: USER, round: 1, snoozesLeft: 2 };

/** Posts reach "the chat" (delivered[]) and then the answer fails as told. */
function connector(failures: Array<{ statusCode?: number; code?: string; message: string; posted: boolean } | undefined>) {
  const delivered: string[] = [];
  let call = 0;
  const adapter: CampaignAdapter = {
    async continueConversationAsync(_id, _ref, logic) {
      const failure = failures[call++];
      const ctx = {
        onSendActivities: () => ctx,
        sendActivity: async () => {
          if (!failure || failure.posted) delivered.push(`m${call}`);
          if (failure) throw Object.assign(new Error(failure.message), failure.statusCode ? { statusCode: failure.statusCode } : {}, failure.code ? { code: failure.code } : {});
          return { id: `m${call}` };
        },
      } as unknown as TurnContext;
      await logic(ctx);
    },
    createConversationAsync: async () => undefined,
  };
  return { adapter, delivered, calls: () => call };
}

describe('nudge sends after a failure', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nudge-sender-'));
    store = openSqliteStore(path.join(dir, 's.sqlite'));
  });
  afterEach(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function sender(adapter: CampaignAdapter): TeamsNudgeSender {
    const users = {
      find: async () => ({ reference: { conversation: { id: CONV } } }),
      tenant: async () => ({ serviceUrl: 'https://smba.example/teams/', botId: '28:bot' }),
    } as unknown as UserDirectory;
    return new TeamsNudgeSender({
      adapter,
      botAppId: 'bot',
      tenantId: TENANT,
      users,
      backend: { campaignInstall: async () => ({ outcome: 'already' }) } as never,
      outbox: createOutbox(store),
      render: () => ({ type: 'message', text: 'nudge' }),
      clock: new FixedClock('2026-11-26T09:00:00Z'),
      logger: silentLogger(),
    });
  }

  it.each([
    ['a 504 after the request left', { statusCode: 504, message: 'gateway timeout', posted: true }],
    ['a 502', { statusCode: 502, message: 'bad gateway', posted: true }],
    ['a timeout with no answer', { code: 'REQUEST_SEND_ERROR', message: 'The operation was aborted due to timeout', posted: true }],
  ])('when the send fails ambiguously (%s), the retry records the nudge as unconfirmed and posts nothing more', async (_name, failure) => {
    const c = connector([failure]);
    const s = sender(c.adapter);

    await expect(s.send(CONV, nudge, 'key-1')).rejects.toMatchObject({ name: 'SendError' });
    const retried = await s.send(CONV, nudge, 'key-1');

    expect(retried).toEqual({ activityId: unconfirmed('key-1') });
    expect(c.calls()).toBe(1);
    expect(c.delivered).toHaveLength(1);
    expect(await s.wasDelivered(CONV, 'key-1')).toEqual({ activityId: unconfirmed('key-1') });
  });

  it.each([
    ['503 (refused on arrival)', { statusCode: 503, message: 'unavailable', posted: false }],
    ['429 (throttled)', { statusCode: 429, message: 'too many requests', posted: false }],
    ['a refused connection', { code: 'REQUEST_SEND_ERROR', message: 'connect ECONNREFUSED 127.0.0.1:1', posted: false }],
  ])('when the failure proves nothing was posted (%s), the retry sends it, once', async (_name, failure) => {
    const c = connector([failure]);
    const s = sender(c.adapter);

    await expect(s.send(CONV, nudge, 'key-2')).rejects.toMatchObject({ name: 'SendError' });
    const retried = await s.send(CONV, nudge, 'key-2');

    expect(retried).toEqual({ activityId: 'm2' });
    expect(c.delivered).toEqual(['m2']);
  });
});

/**
 * The real bot HTTP endpoint (POST /api/messages, restify + TeamsAdapter in anonymous local mode)
 * in front of the real approval service on a SQLite file: concurrent approvals and a restart
 * between approval and delivery.
 */
import type { Activity } from 'botbuilder';
import { createBotServer, type BotServer } from '../../../src/bot/server';
import { runTapMaintenance } from '../../../src/bot/tap/maintenance';
import { silentLogger } from '../../../src/shared/logger';
import { openSqliteStore } from '../../../src/storage';
import { allText, cardFrom } from '../../conversation/cards';
import { CONVERSATION, TENANT } from '../../conversation/harness';
import { startConnector } from './support/connector';
import { CHANNEL, HANK, HILDA, VERIFIED, createWorld, type Someone, type World } from './support/world';

async function serve(w: World): Promise<{ server: BotServer; url: string }> {
  const server = createBotServer({ adapter: w.adapter, app: w.h.app, logger: silentLogger(), mode: 'local', host: '127.0.0.1', port: 0 });
  const { url } = await server.listen();
  return { server, url };
}

function approveActivity(w: World, who: Someone, requestId: string, n: number): Partial<Activity> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `click-${n}`,
    channelId: 'msteams',
    serviceUrl: w.connector.url,
    conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: TENANT, name: '' },
    from: { id: who.id, name: who.name, aadObjectId: who.aad },
    recipient: { id: '28:bot', name: 'MFA Helper' },
    replyToId: 'channel-post-1',
    // As Teams re-sends it after the SSO exchange: with the approver's own token.
    value: { action: { type: 'Action.Execute', verb: 'tapApprove', data: { requestId, ...VERIFIED } }, trigger: 'manual', authentication: { id: '28:bot', connectionName: 'TeamsSso', token: w.idp.token(who.aad) } },
  };
}

async function post(url: string, activity: Partial<Activity>): Promise<{ status: number; body: { statusCode?: number; type?: string; value?: unknown } }> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as { statusCode?: number; type?: string; value?: unknown }) : {} };
}

describe('approvals through POST /api/messages', () => {
  let w: World;
  let http: { server: BotServer; url: string };
  beforeEach(async () => {
    w = await createWorld();
    await w.chooseChannel(HANK);
    http = await serve(w);
  });
  afterEach(async () => {
    await http.server.close();
    await w.close();
  });

  it('50 simultaneous approve clicks for one request issue one pass, audit one issuance, and deliver once', async () => {
    await w.escalate();
    const r = await w.onlyRequest();
    const clickers = [HANK, HILDA];

    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => post(http.url, approveActivity(w, clickers[i % 2] ?? HANK, r.id, i))));
    const ms = Date.now() - started;

    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(answers.every((a) => a.body.type === 'application/vnd.microsoft.card.adaptive')).toBe(true);
    expect(w.backend.issueCalls).toHaveLength(1);
    expect(await w.sqlite.store.query({ action: 'tap.issued' })).toHaveLength(1);
    expect(await w.sqlite.store.query({ action: 'tap.delivered' })).toHaveLength(1);
    expect((await w.service.get(r.id))?.state).toBe('delivered');
    const toAlice = w.callsTo(CONVERSATION, 'POST').filter((c) => JSON.stringify(c.body).includes(w.backend.passes()[0] ?? 'none'));
    expect(toAlice).toHaveLength(1);
    // Everyone sees the decided card; the losers are told someone else decided first.
    const texts = answers.map((a) => allText(cardFrom({ type: 'invokeResponse', value: { body: a.body } })));
    expect(texts.every((t) => t.includes('Pass issued') || t.includes('Approved'))).toBe(true);
    expect(texts.filter((t) => t.includes('Someone else decided first')).length).toBeGreaterThan(0);
    expect(texts.some((t) => t.includes('Approve\n'))).toBe(false);
    console.log(`50 concurrent approvals over HTTP: ${ms} ms, 1 issuer call`);
  });

  it('a restart between approval and delivery (new instance, same SQLite file) delivers the pass once, nothing twice', async () => {
    await w.escalate();
    const r = await w.onlyRequest();
    w.connector.failSendsTo(/personal-alice/); // the 1:1 send fails: issued, not delivered

    const answer = await post(http.url, approveActivity(w, HANK, r.id, 1));

    expect(answer.status).toBe(200);
    expect((await w.service.get(r.id))?.state).toBe('issued');
    expect(w.callsTo(CONVERSATION, 'POST').filter((c) => JSON.stringify(c.body).includes('Your Temporary Access Pass'))).toHaveLength(0);
    await http.server.close();

    // "Restart": a second instance on the same file and vault key; the connector is back.
    w.connector.failSendsTo(undefined);
    const store = openSqliteStore(w.sqlite.file);
    const second = await createWorld({ sqlite: { store, dir: w.sqlite.dir, file: w.sqlite.file }, vaultKey: w.vaultKey, connector: w.connector });
    http = await serve(second);

    const first = await runTapMaintenance(second.wiring.kit);
    const again = await runTapMaintenance(second.wiring.kit);
    const old = await runTapMaintenance(w.wiring.kit);

    expect([first.delivered, again.delivered, old.delivered]).toEqual([1, 0, 0]);
    const passMessages = w.callsTo(CONVERSATION, 'POST').filter((c) => JSON.stringify(c.body).includes(w.backend.passes()[0] ?? 'none'));
    expect(passMessages).toHaveLength(1);
    expect((await second.service.get(r.id))?.state).toBe('delivered');
    expect(await store.query({ action: 'tap.delivered' })).toHaveLength(1);
    expect(w.backend.issueCalls.length + second.backend.issueCalls.length).toBe(1);
    await second.close();
    store.close();
  });
});

describe('a helpdesk world on a fresh connector', () => {
  it('the loopback connector answers ids (sanity of the test double)', async () => {
    const c = await startConnector();
    const res = await fetch(`${c.url}v3/conversations/x/activities`, { method: 'POST', body: '{}' });
    expect(((await res.json()) as { id: string }).id).toBe('act-1');
    await c.close();
  });
});

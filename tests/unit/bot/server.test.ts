/** The bot's HTTP server over real loopback HTTP, with the real (anonymous) TeamsAdapter. */
import * as fs from 'node:fs';
import { MemoryStorage } from 'botbuilder';
import { createTeamsAdapter } from '../../../src/bot/adapter';
import { createApp } from '../../../src/bot/app';
import { createBotServer, type BotServer } from '../../../src/bot/server';
import { FixedClock } from '../../../src/shared/clock';
import { silentLogger } from '../../../src/shared/logger';
import { FakeBackend, FakeCheckPage, TENANT, tempSqlite } from '../../conversation/harness';

const local = { mode: 'local' as const, bot: { appId: '', appPassword: '', appType: 'MultiTenant' as const, tenantId: '', host: '127.0.0.1' } };

describe('bot server', () => {
  let server: BotServer;
  let url: string;
  let sqlite: ReturnType<typeof tempSqlite>;

  beforeAll(async () => {
    sqlite = tempSqlite();
    const logger = silentLogger();
    const app = createApp({
      backend: new FakeBackend(),
      checkPage: new FakeCheckPage(),
      store: sqlite.store,
      storage: new MemoryStorage(),
      clock: new FixedClock('2026-11-26T09:00:00Z'),
      logger,
      allowedTenants: [TENANT],
    });
    server = createBotServer({
      adapter: createTeamsAdapter(local, logger),
      app,
      logger,
      mode: 'local',
      host: '127.0.0.1',
      port: 0,
      register: (s) => s.get('/check/ping', (_req, res, next) => {
        res.send(200, { pong: true });
        next();
      }),
    });
    url = (await server.listen()).url;
  });
  afterAll(async () => {
    await server.close();
    sqlite.store.close();
    fs.rmSync(sqlite.dir, { recursive: true, force: true });
  });

  const post = (body: string) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const activity = {
    type: 'message',
    text: 'hi',
    id: 'a1',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    conversation: { id: 'a:conv', conversationType: 'personal', tenantId: TENANT },
    from: { id: '29:alice', aadObjectId: 'aad-alice' },
    recipient: { id: '28:bot' },
  };

  it('GET /healthz answers ok', async () => {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('a valid activity is processed by the app (expectReplies returns the welcome card)', async () => {
    const res = await post(JSON.stringify(activity));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: Array<{ attachments?: Array<{ content: { body: Array<{ text?: string }> } }> }> };
    expect(body.activities[0]?.attachments?.[0]?.content.body[0]?.text).toBe('Trouble setting up MFA? I can help.');
  });

  it('when the body is not JSON, the answer is 400 with a JSON error', async () => {
    const res = await post('{"type": "message", ');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'bad_request', message: 'body is not valid JSON' } });
  });

  it.each(['type', 'conversation', 'from', 'recipient'])('when the activity has no %s, the answer is 400 naming it', async (field) => {
    const broken: Record<string, unknown> = { ...activity };
    delete broken[field];
    const res = await post(JSON.stringify(broken));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toContain(field);
  });

  it('when the body is JSON but not an object (or empty), the answer is 400', async () => {
    for (const body of ['[]', '"x"', 'null', '']) expect((await post(body)).status).toBe(400);
  });

  it('the server still serves after malformed requests, and registered routes are reachable', async () => {
    await post('garbage');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/check/ping`)).json()).toEqual({ pong: true });
  });

  it('in local mode it refuses to bind to a non-loopback host', () => {
    expect(() => createBotServer({ adapter: createTeamsAdapter(local, silentLogger()), app: { run: async () => true }, logger: silentLogger(), mode: 'local', host: '0.0.0.0', port: 0 })).toThrow(
      /loopback/,
    );
  });
});

describe('bot adapter', () => {
  it('without BOT_ID in production, it refuses to build an anonymous adapter', () => {
    expect(() => createTeamsAdapter({ ...local, mode: 'production' }, silentLogger())).toThrow(expect.objectContaining({ kind: 'config' }));
  });

  it('without BOT_ID in local mode on a non-loopback host, it refuses too', () => {
    expect(() => createTeamsAdapter({ ...local, bot: { ...local.bot, host: '0.0.0.0' } }, silentLogger())).toThrow(/BOT_ID/);
  });

  it('with BOT_ID it builds an authenticating adapter', () => {
    const adapter = createTeamsAdapter({ mode: 'production', bot: { ...local.bot, appId: 'app-id', appPassword: 'pw', host: '0.0.0.0' } }, silentLogger());
    expect(adapter.credentialsFactory).toBeDefined();
  });
});

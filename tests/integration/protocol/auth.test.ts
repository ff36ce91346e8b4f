/**
 * An authenticated bot (BOT_ID + password, production adapter): Bot Framework requests without a
 * valid token are answered 401 and never reach the app.
 */
import { createTeamsAdapter } from '../../../src/bot/adapter';
import { createBotServer, type BotServer } from '../../../src/bot/server';
import { silentLogger } from '../../../src/shared/logger';
import { startFakeConnector, type FakeConnector } from '../../../bench/support/fakeConnector';
import { personalActivity, postActivity } from './support/harness';

const production = {
  mode: 'production' as const,
  bot: { appId: '6a1f0c2e-5d3b-4b8e-9f47-0c1d2e3f4a5b', appPassword: 'not-a-real-secret', appType: 'MultiTenant' as const, tenantId: '', host: '127.0.0.1' },
};

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('authenticated bot (protocol)', () => {
  let server: BotServer;
  let url: string;
  let connector: FakeConnector;
  let turns = 0;

  beforeAll(async () => {
    // CloudAdapter reports every refused request with console.error; keep the test output readable.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    connector = await startFakeConnector();
    const logger = silentLogger();
    server = createBotServer({
      adapter: createTeamsAdapter(production, logger),
      app: {
        run: async () => {
          turns++;
          return true;
        },
      },
      logger,
      mode: 'production',
      host: '127.0.0.1',
      port: 0,
    });
    url = (await server.listen()).url;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await server?.close();
    await connector?.close();
  });

  it('when a request has no Authorization header, it is answered 401 and no turn runs', async () => {
    const res = await postActivity(url, personalActivity(connector.url, { text: 'hi' }));

    expect(res.status).toBe(401);
    expect(turns).toBe(0);
    expect(connector.calls).toEqual([]);
  });

  it('when a request carries a bogus bearer token, it is answered 401 and no turn runs', async () => {
    const bogus = await postActivity(url, personalActivity(connector.url, { text: 'hi' }), { authorization: 'Bearer not-a-jwt' });

    expect(bogus.status).toBe(401);
    expect(turns).toBe(0);
    expect(connector.calls).toEqual([]);
  });

  // botbuilder fetches the Bot Framework signing keys for a token that decodes: offline that fetch
  // fails (500); online the unknown key gives 401. Either way the request is refused before the app.
  it('when a request carries a well-formed but unsigned token for this bot, it is refused and no turn runs', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ iss: 'https://api.botframework.com', aud: production.bot.appId, iat: now, nbf: now, exp: now + 600, serviceurl: connector.url })}.`;

    const res = await postActivity(url, personalActivity(connector.url, { text: 'hi' }), { authorization: `Bearer ${unsigned}` });

    expect([401, 500]).toContain(res.status);
    expect(turns).toBe(0);
    expect(connector.calls).toEqual([]);
  });
});

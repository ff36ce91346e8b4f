/**
 * The check results handler continues the 1:1 chat through the real TeamsAdapter (anonymous,
 * local mode) against a fake Bot Connector on loopback.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { createTeamsAdapter } from '../../src/bot/adapter';
import { createCheckResultsHandler } from '../../src/bot/app';
import { silentLogger } from '../../src/shared/logger';
import { action, cardFrom, pressOn, rootTitle, texts } from './cards';
import { CA_BLOCK } from './fixtures';
import { CONVERSATION, TENANT, USER, createHarness, type Harness } from './harness';
import { outage } from './outages';

interface Posted {
  path: string;
  auth: string | undefined;
  body: Partial<Activity>;
}

async function startConnector(): Promise<{ url: string; posted: Posted[]; close: () => Promise<void> }> {
  const posted: Posted[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      posted.push({ path: decodeURIComponent(req.url ?? ''), auth: req.headers.authorization, body: JSON.parse(raw || '{}') as Partial<Activity> });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `m${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, posted, close: () => new Promise((r) => server.close(() => r())) };
}

describe('browser check results', () => {
  let h: Harness;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  const binding = { tenantId: TENANT, userAadObjectId: USER, conversationId: CONVERSATION };
  const facts = { webauthn: { available: false }, userAgent: 'Mozilla/5.0', cookiesEnabled: true };

  beforeEach(async () => {
    connector = await startConnector();
    h = createHarness();
    h.backend.findings = [CA_BLOCK];
  });
  afterEach(async () => {
    h.cleanup();
    await connector.close();
  });

  function handler() {
    const adapter = createTeamsAdapter({ mode: 'local', bot: { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', host: '127.0.0.1' } }, silentLogger());
    return createCheckResultsHandler({ ...h.deps, adapter, botAppId: '' });
  }

  it('when results arrive, the chat continues proactively with the findings, diagnosed with the browser facts', async () => {
    const link = cardFrom((await h.say('my yubikey does nothing', { serviceUrl: connector.url }))[0]);
    expect(texts(link)[0]).toBe('Quick check of your browser and network');

    await handler()(binding, facts);

    expect(h.backend.diagnoseCalls).toEqual([{ user: USER, client: { ...facts, attemptedMethod: 'fido2' } }]);
    expect(connector.posted).toHaveLength(2);
    for (const p of connector.posted) expect(p.path.startsWith(`/v3/conversations/${CONVERSATION}/activities`)).toBe(true);
    expect(connector.posted[0]?.auth).toBeUndefined(); // anonymous local mode sends no token
    expect(connector.posted[0]?.body.text).toBe('Thanks, I got the results of your browser check.');
    const card = cardFrom(connector.posted[1]?.body);
    expect(rootTitle(card)).toBe(CA_BLOCK.title);

    // The proactive turn saved the flow: the buttons of that card work in the next turn.
    const stale = cardFrom((await pressOn(h, link, 'skipCheck'))[0]);
    expect(texts(stale)[0]).toBe('This card is out of date');
    const thanks = cardFrom((await h.press('itWorked', action(card, 'itWorked').data ?? {}))[0]);
    expect(texts(thanks)[0]).toBe('Great, you are all set!');
  });

  it('when the backend is down during the proactive turn, the employee gets the "try again" card in the chat', async () => {
    await h.say('my yubikey does nothing', { serviceUrl: connector.url });
    h.backend.diagnoseError = outage.graphUnavailable();

    await handler()(binding, facts);

    expect(texts(cardFrom(connector.posted[1]?.body))[0]).toBe("I can't check right now");
  });

  it('when the results name another user than the stored conversation, nothing is sent', async () => {
    await h.say('my yubikey does nothing', { serviceUrl: connector.url });
    await expect(handler()({ ...binding, userAadObjectId: 'aad-mallory' }, facts)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(connector.posted).toHaveLength(0);
    expect(h.backend.diagnoseCalls).toHaveLength(0);
  });

  it('when there is no stored conversation, the handler reports not_found and nothing is sent', async () => {
    await expect(handler()(binding, facts)).rejects.toMatchObject({ kind: 'not_found' });
    expect(connector.posted).toHaveLength(0);
  });

  it('when the client facts are malformed, nothing is diagnosed', async () => {
    await h.say('my yubikey does nothing', { serviceUrl: connector.url });
    await expect(handler()(binding, { webauthn: 'yes' } as never)).rejects.toThrow();
    expect(h.backend.diagnoseCalls).toHaveLength(0);
  });
});

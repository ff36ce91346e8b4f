/**
 * The real self-check page in headless Chromium: the browser runs the inline script under the
 * strict CSP, probes one loopback host that answers and one closed port, and posts its results.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { BINDING, pathOf, type Harness } from '../../integration/checkpage/support/harness';
import { closeServer, listen, PNG_1x1, startCheckPage } from '../support/checkPageServer';
import { CHROMIUM_INSTALL_TIMEOUT_MS, launchChromium } from '../support/chromium';

const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');

describe('self-check page in headless Chromium', () => {
  let browser: Browser;
  let h: Harness;
  let base: string;
  let answering: Server;
  const probeHits: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  }, CHROMIUM_INSTALL_TIMEOUT_MS);
  afterAll(async () => browser?.close());

  beforeEach(async () => {
    answering = createServer((req, res) => {
      probeHits.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' });
      res.end(PNG_1x1);
    });
    ({ h, base } = await startCheckPage(await listen(answering), 4000));
  });
  afterEach(async () => {
    await h.close();
    await closeServer(answering);
  });

  it('when an employee opens the link, the page checks the browser and network, reports them once, and says to go back to Teams', async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));

    const response = await page.goto(`${base}${pathOf(await h.page.issueLink(BINDING))}`);
    expect(response?.status()).toBe(200);
    await page.waitForSelector('body[data-state="done"]', { timeout: 20000 });

    expect(await page.textContent('#done-title')).toBe('Done — go back to Teams');
    expect(await page.textContent('#c-network-state')).toBe('Blocked');
    expect(await page.textContent('#c-network-detail')).toContain('aadcdn.msftauth.net');
    expect(await page.textContent('#c-storage-state')).toBe('OK');
    expect(problems).toEqual([]);
    expect(probeHits.length).toBeGreaterThan(0);

    expect(h.calls).toHaveLength(1);
    const { binding, facts } = h.calls[0] ?? { binding: undefined, facts: undefined };
    expect(binding).toEqual(BINDING);
    expect(facts).toMatchObject({
      userAgent: expect.stringMatching(/Chrome\/\d+/),
      webauthn: { available: true, platformAuthenticator: expect.any(Boolean) },
      cookiesEnabled: true,
      ipFamily: 'ipv4',
      reachable: ['login.microsoftonline.com'],
      unreachable: ['aadcdn.msftauth.net'],
    });
    expect(Math.abs(facts?.clockSkewSeconds ?? 99)).toBeLessThanOrEqual(2);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'checkpage.png'), fullPage: true });
    await context.close();
  }, 60000);

  it('states its results in plain words: browser and version, passkey support with the browser\'s capabilities, IPv4 or IPv6, the endpoints that failed; the capabilities reach the bot', async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${base}${pathOf(await h.page.issueLink(BINDING))}`);
    await page.waitForSelector('body[data-state="done"]', { timeout: 20000 });
    const version = browser.version().split('.')[0] ?? '';
    const text = (id: string) => page.textContent(`#c-${id}-detail`).then((t) => t ?? '');

    // Browser: a name, the major version and the platform — not the user-agent string.
    expect(await text('browser')).toMatch(new RegExp(`^(Chromium|Google Chrome) ${version} on Linux$`));
    expect(await text('browser')).not.toContain('Mozilla/5.0');
    expect(await text('ip')).toBe('You reached us over IPv4.');
    expect(await text('network')).toBe('Your network could not reach 1 of 2 Microsoft sign-in addresses: aadcdn.msftauth.net. Try another network or ask IT to allow these addresses.');
    const passkeys = await text('webauthn');
    expect(passkeys).toMatch(/^(Passkeys work|Security keys work)/);

    // getClientCapabilities (Chromium 133+): reported as name → boolean, and said in words.
    const offered = await page.evaluate('typeof PublicKeyCredential.getClientCapabilities === "function"');
    const caps = h.calls[0]?.facts.webauthn?.capabilities;
    if (offered) {
      expect(caps).toEqual(expect.objectContaining({ hybridTransport: expect.any(Boolean), conditionalCreate: expect.any(Boolean), passkeyPlatformAuthenticator: expect.any(Boolean) }));
      expect(passkeys).toContain(caps?.hybridTransport ? 'passkey on your phone by scanning a QR code' : 'Using a passkey on your phone (QR code) is not available');
    } else {
      expect(caps).toBeUndefined();
    }
    await page.screenshot({ path: join(ARTIFACTS, 'checkpage-plain-words.png'), fullPage: true });
    await context.close();
  }, 60000);

  it('when the same link is opened again on a phone after the results were sent, a friendly "already used" page is shown', async () => {
    const link = `${base}${pathOf(await h.page.issueLink(BINDING))}`;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(link);
    await page.waitForSelector('body[data-state="done"]', { timeout: 20000 });
    await page.screenshot({ path: join(ARTIFACTS, 'checkpage-phone.png'), fullPage: true });
    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    expect(await page.textContent('h1')).toBe('This link was already used');
    expect(h.calls).toHaveLength(1);
    await context.close();
  }, 60000);
});

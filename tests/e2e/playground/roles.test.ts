/**
 * The demo as an evaluator plays it (docs/demo.md): `npm start`'s wiring (local stack + the
 * Playground seat + the demo page), the Playground switched between people through the demo page's
 * HTTP API, every click made in the Playground UI by the person it currently is.
 *   1. Johanna Lorenz (employee): "I lost my phone" → "Talk to the helpdesk" → request filed.
 *   2. Diego Siciliani (approver): the request card is in the IT Helpdesk channel; Refresh gives his
 *      approver view; he records the verification and approves. The pass cannot reach Johanna's chat
 *      while the Playground is Diego (the Playground refuses it), so it waits.
 *   3. Johanna again: the waiting pass is delivered to her chat; "signed in with the pass" on the
 *      demo page → the message is replaced by one that says the pass was used.
 *   4. Lynne Robbins (admin): "campaign preview" in the channel → the campaign preview card.
 * Screenshots: test-artifacts/e2e/roles-*.png.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../../src/config';
import { startDemo, type RunningDemo } from '../../../src/local/demo/start';
import { PLAYGROUND_IDS } from '../../../src/local/playground';
import { en } from '../../../src/i18n/en';
import { silentLogger } from '../../../src/shared/logger';
import { startLocalStack, type LocalStack } from '../../../src/startup/localStack';
import { CHROMIUM_INSTALL_TIMEOUT_MS, launchChromium } from '../support/chromium';
import { freePort, PlaygroundUi, postAs, PROJECT_ROOT, UI_TIMEOUT_MS } from '../support/playground';

/** "Helpdesk TAP Approvers" in tests/fixtures/tenants/demo.json (Diego Siciliani, Lynne Robbins). */
const DEMO_APPROVERS_GROUP = '830c8a9f-3ecc-4f31-8926-fa4a3436bf66';
const JOHANNA = 'johanna.lorenz@contoso.example';
/** Loading the Playground's bundle in headless Chromium takes seconds, and tens of seconds on a busy 2-core machine. */
const LOAD_TIMEOUT_MS = 60_000;

describe('the demo: employee, approver and admin through the demo page switch', () => {
  let browser: Browser | undefined;
  let stack: LocalStack | undefined;
  let demo: RunningDemo | undefined;
  let ui: PlaygroundUi | undefined;
  let dir = '';

  beforeAll(async () => {
    browser = await launchChromium();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-roles-'));
    const botPort = await freePort();
    const config = loadConfig({
      APP_MODE: 'local',
      PORT: String(botPort),
      BACKEND_PORT: '0',
      SQLITE_PATH: path.join(dir, 'assistant.sqlite'),
      SIMULATOR_NOW: '2026-11-26T09:00:00Z',
      APPROVERS_GROUP_ID: DEMO_APPROVERS_GROUP,
      HELPDESK_CHANNEL_ID: PLAYGROUND_IDS.helpdeskChannel,
      CAMPAIGN_QUIET_HOURS: 'off',
      LOG_LEVEL: 'silent',
    });
    stack = await startLocalStack(config, { logger: silentLogger(), projectRoot: PROJECT_ROOT, botPort });
    demo = await startDemo(stack, { projectRoot: PROJECT_ROOT, configPath: path.join(dir, 'playground.yml'), playground: true, port: await freePort(), env: process.env, initial: JOHANNA });
  }, CHROMIUM_INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    await ui?.close();
    await demo?.close();
    await stack?.close();
    await browser?.close().catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What the demo page's "Be …" and "… signed in with the pass" buttons send. */
  async function demoPage(action: 'persona' | 'use-pass', who: string): Promise<Record<string, unknown>> {
    if (!stack) throw new Error('no stack');
    const res = await fetch(`${stack.bot.url}/demo/api/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ who }) });
    const body = (await res.json()) as Record<string, unknown>;
    expect({ status: res.status, body }).toMatchObject({ status: 200 });
    return body;
  }

  /**
   * The evaluator's "Be …" click, then the Playground tab reloaded (one browser context for the
   * whole run: the Playground's bundle stays cached, which matters on a loaded machine).
   */
  async function become(who: string): Promise<PlaygroundUi> {
    if (!browser || !demo?.seat) throw new Error('the demo did not start');
    if (who !== demo.seat.current().userPrincipalName) await demoPage('persona', who);
    if (!ui) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
      // Offline machine: only loopback (the Playground asks a CDN for fonts).
      await context.route('**/*', (route) => (/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(route.request().url()) ? route.continue() : route.abort('internetdisconnected')));
      ui = new PlaygroundUi(context, await context.newPage(), 'roles');
      await ui.page.goto(demo.seat.url, { waitUntil: 'domcontentloaded', timeout: LOAD_TIMEOUT_MS });
    } else {
      await ui.page.reload({ waitUntil: 'domcontentloaded', timeout: LOAD_TIMEOUT_MS });
    }
    await ui.editor().waitFor({ state: 'visible', timeout: LOAD_TIMEOUT_MS });
    return ui;
  }

  it('Johanna asks for a pass, Diego approves it in the channel, Johanna gets it and uses it, Lynne previews a campaign', async () => {
    if (!stack || !demo?.seat) throw new Error('the demo did not start');
    const page = await fetch(`${stack.bot.url}/demo`).then((r) => r.text());
    expect(page).toContain('You are <strong>Johanna Lorenz</strong>');

    // 1. The employee.
    let me = await become(JOHANNA);
    await me.send('I lost my phone');
    const findings = await me.waitForCard(en.findings.title);
    // A pass is the remedy, so the card's helpdesk button asks for one.
    await me.clickCardButton(findings, en.advice.askForPass);
    await me.waitForCard(en.tap.requestedTitle);
    await me.shot('johanna-requested');

    // 2. The approver, in the channel, with his own buttons.
    me = await become('diego.siciliani@contoso.example');
    await me.openChat('helpdesk');
    // Posted again once the reloaded page has its chats (the Playground forgot the first post).
    const request = await me.waitForCard('Temporary Access Pass request: Johanna Lorenz', LOAD_TIMEOUT_MS);
    await me.clickCardButton(request, en.helpdesk.refresh);
    // The verification ladder: he called the directory number back (shown masked) and confirms it.
    const ladder = await me.waitForCard(en.tap.verification.title);
    await me.clickCardButton(ladder, 'I called ••• ••• 0188 and it was them');
    const mine = await me.waitForCard(en.tap.verification.callbackDone);
    await mine.getByRole('radio', { name: en.tap.verifyMethods.video_call_with_id ?? '' }).check();
    await mine.getByPlaceholder(en.tap.notePlaceholder).fill('video call, badge matches the HR photo');
    await me.shot('diego-approver-view', mine);
    await me.clickCardButton(mine, en.tap.approve);
    // Issued; "Sending it to the employee": her chat is not reachable while the Playground is Diego.
    const decided = await me.waitForCard(/Approved by Diego Siciliani .* Pass issued/, LOAD_TIMEOUT_MS);
    await me.shot('diego-approved', decided);
    // Not delivered to Diego's chat: the Playground is Diego, so Johanna's chat is unreachable for now.
    await me.openChat('personal');
    expect(await me.cards(en.tap.passTitle).count()).toBe(0);

    // 3. The employee again: the pass arrives, she "signs in with it", the message says it was used.
    me = await become(JOHANNA);
    const pass = await me.waitForCard(en.tap.passTitle, LOAD_TIMEOUT_MS);
    await me.shot('johanna-pass', pass);
    const used = await demoPage('use-pass', JOHANNA);
    expect(used).toMatchObject({ report: { redacted: 1 } });
    const removed = await me.waitForCard(en.tap.redactedTitle);
    expect(await removed.innerText()).toContain(en.tap.redactedText.used ?? 'The pass was used');
    await me.shot('johanna-pass-used', removed);

    // 4. The admin: a campaign preview in the channel (approvers-group members only).
    me = await become('lynne.robbins@contoso.example');
    await me.openChat('helpdesk');
    const lynne = demo.users.find((u) => u.userPrincipalName === 'lynne.robbins@contoso.example');
    if (!lynne) throw new Error('no Lynne');
    await postAs({ playgroundUrl: demo.seat.url }, { id: `user-${lynne.id}`, name: lynne.displayName, aadObjectId: lynne.id, upn: lynne.userPrincipalName }, PLAYGROUND_IDS.helpdeskChannel, 'campaign preview');
    const preview = await me.waitForCard(en.campaigns.previewTitle, UI_TIMEOUT_MS);
    await me.shot('lynne-campaign-preview', preview);
  }, 300_000);
});

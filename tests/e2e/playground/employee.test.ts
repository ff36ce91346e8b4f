/**
 * The employee's rescue in the real Teams client stand-in: the Microsoft 365 Agents Playground UI
 * in headless Chromium, talking to the local stack (`npm start` wiring, demo tenant). Adele Vance is
 * the current user; she is blocked by CA010 (register security info only from HQ's IPv4 range) while
 * her browser reaches Microsoft over IPv6 (tests/fixtures/tenants/README.md).
 * Screenshots: test-artifacts/e2e/employee-*.png; the best ones are copied to docs/images/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { englishStrings } from '../../../src/diagnosis';
import { en, fill } from '../../../src/i18n/en';
import { CHROMIUM_INSTALL_TIMEOUT_MS, launchChromium } from '../support/chromium';
import { eventText, openPlayground, PLAYGROUND_IDS, PlaygroundStream, PROJECT_ROOT, startE2eStack, UI_TIMEOUT_MS, type E2eStack, type PlaygroundUi } from '../support/playground';

const DOC_IMAGES = path.join(PROJECT_ROOT, 'docs', 'images');
// Adele's office reaches Microsoft over IPv6 and her trusted location lists only IPv4 ranges: an admin fix.
const ADELE_ROOT_CAUSE = englishStrings.CA_BLOCKS_REGISTRATION.title({ ipv6Only: true, locations: 'Contoso HQ (Seattle)' });

describe('employee rescue in the Microsoft 365 Agents Playground', () => {
  let browser: Browser | undefined;
  let e2e: E2eStack | undefined;
  let stream: PlaygroundStream | undefined;
  let ui: PlaygroundUi | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    e2e = await startE2eStack();
    stream = await PlaygroundStream.connect(e2e.playgroundUrl);
  }, CHROMIUM_INSTALL_TIMEOUT_MS);

  afterEach(async () => {
    await ui?.close();
    ui = undefined;
  });

  afterAll(async () => {
    await stream?.close().catch(() => undefined);
    await e2e?.close();
    await browser?.close().catch(() => undefined);
  });

  function need<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`${what} did not start`);
    return value;
  }

  it("when Adele says she can't set up MFA and runs the self-check, the chat shows her Conditional Access root cause first, its evidence, and the outcome buttons work", async () => {
    const stack = need(e2e, 'the e2e stack');
    const events = need(stream, 'the Playground stream');
    ui = await openPlayground(need(browser, 'Chromium'), stack, { prefix: 'employee', viewport: { width: 1280, height: 1400 } });
    expect(stack.currentUser.name).toBe('Adele Vance');

    // Install: the Playground sends conversationUpdate; the bot answers with its welcome card.
    await ui.waitForCard(en.welcome.title);
    await ui.shot('welcome');

    // Free text the keyword recognizer cannot place → the guided welcome.
    await ui.send("I can't set up MFA");
    const guided = await ui.waitForCard(en.welcome.guidedIntro);
    await ui.shot('guided');

    // Choose the Authenticator: the card is replaced in place by the self-check link card.
    await ui.clickCardButton(guided, en.welcome.authenticator);
    const linkCard = await ui.waitForCard(en.checkLink.title);
    await ui.shot('check-link');

    // The check runs in a new tab of the same browser; its probes go to the bot's loopback /_probe routes.
    const probes: string[] = [];
    ui.context.on('request', (r) => {
      if (r.url().includes('/_probe/')) probes.push(r.url());
    });
    const checkPage: Page = await ui.clickOpenUrl(linkCard, en.checkLink.open);
    expect(checkPage.url().startsWith(`${stack.botUrl}/check/`)).toBe(true);
    expect(ui.context.pages()).toContain(checkPage);
    await checkPage.waitForSelector('body[data-state="done"]', { timeout: UI_TIMEOUT_MS });
    expect(await checkPage.textContent('#done-title')).toBe('Done — go back to Teams');
    expect(await checkPage.textContent('#c-network-state')).toBe('OK');
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.every((u) => u.startsWith(`${stack.botUrl}/_probe/`))).toBe(true);
    const selfCheckShot = await ui.shot('self-check', checkPage);

    // Back in Teams: the bot continues the 1:1 chat proactively with the findings.
    await ui.page.bringToFront();
    await ui.waitForText(en.notices.checkReceived);
    const findings = await ui.waitForCard(en.findings.title);
    const rootCause = findings.locator('.ac-textBlock', { hasText: ADELE_ROOT_CAUSE }).first();
    await rootCause.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // Her root cause is the first thing under "Most likely cause" (the card's first finding).
    const blocks = await findings.locator('.ac-textBlock').allInnerTexts();
    const labelAt = blocks.findIndex((t) => t.trim() === en.findings.rootCause);
    expect(labelAt).toBeGreaterThanOrEqual(0);
    expect(blocks[labelAt + 1]?.trim()).toBe(ADELE_ROOT_CAUSE);
    const sent = await events.waitFor(
      (e) => e.action === 'createMessage' && e.actionConversationId === PLAYGROUND_IDS.personalChat && eventText(e).includes(en.findings.title),
      UI_TIMEOUT_MS,
      'the findings card on the stream',
    );
    expect(eventText(sent)).toContain(ADELE_ROOT_CAUSE);
    await ui.shot('findings');

    // Evidence is collapsed until she asks for it; it names the policy that blocks her.
    expect(await findings.getByText(en.findings.evidenceTitle).isVisible()).toBe(false);
    await ui.clickCardButton(findings, en.findings.evidence);
    const evidence = findings.getByText(en.findings.evidenceTitle);
    await evidence.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    expect(await findings.innerText()).toMatch(/CA010/);
    await findings.scrollIntoViewIfNeeded();
    const findingsShot = await ui.shot('findings-evidence', findings);

    // "Still stuck": Adele's only actionable finding is the root cause, so the helpdesk is offered.
    await ui.clickCardButton(findings, en.findings.stillStuck);
    const offer = await ui.waitForCard(en.escalationOffer.title);
    await ui.shot('still-stuck');

    // "Check again" re-runs the diagnosis in place; "It worked" closes the rescue with thanks.
    await ui.clickCardButton(offer, en.findings.tryAgain);
    const again = await ui.waitForCard(ADELE_ROOT_CAUSE);
    await ui.clickCardButton(again, en.findings.itWorked);
    await ui.waitForCard(en.notices.thanksTitle);
    await ui.shot('it-worked');

    fs.mkdirSync(DOC_IMAGES, { recursive: true });
    fs.copyFileSync(findingsShot, path.join(DOC_IMAGES, 'findings-card.png'));
    fs.copyFileSync(selfCheckShot, path.join(DOC_IMAGES, 'self-check.png'));
  }, 90000);

  it('when Adele pastes AADSTS53003, the bot explains the code and, after the account check, names the same root cause and the code she pasted', async () => {
    const stack = need(e2e, 'the e2e stack');
    ui = await openPlayground(need(browser, 'Chromium'), stack, { prefix: 'employee-code' });
    await ui.send('AADSTS53003');
    const explained = await ui.waitForCard(en.errorCode.title);
    expect(await explained.innerText()).toContain('AADSTS53003');
    await ui.shot('error-code');

    await ui.clickCardButton(explained, en.errorCode.checkAccount);
    const findings = await ui.waitForCard(fill(en.findings.pastedCode, { code: '53003' }));
    expect(await findings.innerText()).toContain(ADELE_ROOT_CAUSE);
    await ui.shot('findings');

    const thanksBefore = await ui.cards(en.notices.thanksTitle).count();
    await ui.clickCardButton(findings, en.findings.itWorked);
    await ui.waitForCardCount(en.notices.thanksTitle, thanksBefore + 1);
    await ui.shot('it-worked');
  }, 60000);
});

/**
 * The self-check page against WCAG 2.2 AA in headless Chromium, served by the real check-page
 * server on loopback: axe-core at each state an employee sees (before the script runs, while
 * checking, results with a blocked network, a save that failed, the "already used" page), in
 * light and dark colour schemes, plus what axe cannot judge: focus is visible, the status is
 * announced, and every check states its result in words.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { BINDING, pathOf, type Harness } from '../../integration/checkpage/support/harness';
import { closeServer, listen, PNG_1x1, startCheckPage } from '../support/checkPageServer';
import { CHROMIUM_INSTALL_TIMEOUT_MS, launchChromium } from '../support/chromium';
import { blocking, describeViolations, runAxe, writeViolationReport, type Violation } from './support/axe';
import { ROOT } from './support/locales';

const STATE_WORDS = ['Recorded', 'OK', 'Needs attention', 'Blocked', 'Checking', 'Not checked', 'Waiting'];

const found: Record<string, Violation[]> = {};

/** axe in the light and the dark colour scheme; returns "state scheme: rule ..." lines. */
async function axeBothSchemes(page: Page, state: string): Promise<string[]> {
  const out: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const where = `${state} (${colorScheme})`;
    found[where] = await runAxe(page);
    out.push(...describeViolations(where, blocking(found[where])));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return out;
}

describe('self-check page meets WCAG 2.2 AA', () => {
  let browser: Browser;
  let h: Harness;
  let base: string;
  let holding: Server;
  /** Probe requests held open until the test lets them answer: the page stays in "checking". */
  const held: ServerResponse[] = [];
  let hold = true;
  const release = () => held.splice(0).forEach((res) => res.end(PNG_1x1));

  beforeAll(async () => {
    browser = await launchChromium();
  }, CHROMIUM_INSTALL_TIMEOUT_MS);
  afterAll(async () => {
    writeViolationReport(ROOT, 'a11y-checkpage', found);
    await browser?.close();
  });

  beforeEach(async () => {
    holding = createServer((_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' });
      if (hold) held.push(res);
      else res.end(PNG_1x1);
    });
    ({ h, base } = await startCheckPage(await listen(holding), 30000));
  });
  afterEach(async () => {
    hold = true;
    release();
    await h.close();
    await closeServer(holding);
  });

  it('while checking and with results that include a blocked network, in light and dark mode, nothing serious or critical is found', async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}${pathOf(await h.page.issueLink(BINDING))}`);
    await page.waitForFunction('document.getElementById("c-network-state").textContent === "Checking" && document.getElementById("status").textContent.indexOf("Checking") === 0');
    const failures = await axeBothSchemes(page, 'checking');

    release();
    await page.waitForSelector('body[data-state="done"]');
    expect(await page.textContent('#c-network-state')).toBe('Blocked');
    failures.push(...(await axeBothSchemes(page, 'results')));
    expect(failures).toEqual([]);

    // Every check says its result in words; colour only repeats it.
    const states = await page.$$eval('.check .state', (els) => els.map((e) => (e.textContent ?? '').trim()));
    expect(states.length).toBe(6);
    for (const s of states) expect(STATE_WORDS).toContain(s);
    // The outcome is announced: a polite status region holds the summary.
    expect(await page.getAttribute('#status', 'role')).toBe('status');
    expect(await page.textContent('#status')).toBe('Check complete: Done — go back to Teams');
    await context.close();
  }, 60000);

  it('in Arabic (the browser asks for it) the page is right to left and its results have nothing serious or critical', async () => {
    hold = false;
    const context = await browser.newContext({ locale: 'ar' });
    const page = await context.newPage();
    await page.goto(`${base}${pathOf(await h.page.issueLink(BINDING))}`);
    await page.waitForSelector('body[data-state="done"]');
    expect(await page.evaluate('[document.documentElement.lang, document.documentElement.dir]')).toEqual(['ar', 'rtl']);
    expect(await axeBothSchemes(page, 'results, Arabic')).toEqual([]);
    await context.close();
  }, 60000);

  it('the one control is reachable by keyboard, shows where focus is, and is at least 24 by 24 pixels', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${base}${pathOf(await h.page.issueLink(BINDING))}`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(`(function () {
      var el = document.activeElement, cs = getComputedStyle(el), r = el.getBoundingClientRect();
      return { tag: el.tagName, outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth), w: r.width, h: r.height };
    })()`);
    expect(focused).toEqual({ tag: 'SUMMARY', outline: expect.not.stringMatching(/^none$/), width: expect.any(Number), w: expect.any(Number), h: expect.any(Number) });
    const f = focused as { width: number; w: number; h: number };
    expect(f.width).toBeGreaterThanOrEqual(2);
    expect(f.h).toBeGreaterThanOrEqual(24);
    expect(f.w).toBeGreaterThanOrEqual(24);
    await context.close();
  }, 60000);

  it('before the script runs, when saving fails, and on the "already used" page, nothing serious or critical is found', async () => {
    const link = `${base}${pathOf(await h.page.issueLink(BINDING))}`;
    const failures: string[] = [];

    hold = false;
    const context = await browser.newContext();
    const page = await context.newPage();
    // Before the script runs: the markup as served, scripts removed and <noscript> shown, as a
    // browser without JavaScript (or before the script starts) presents it.
    const served = await (await fetch(link)).text();
    await page.setContent(served.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '').replace(/<(\/?)noscript>/g, '<$1div>'));
    failures.push(...(await axeBothSchemes(page, 'initial')));

    await page.route('**/results', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{}' }));
    await page.goto(link);
    await page.waitForSelector('body[data-state="failed"]');
    expect(await page.textContent('#status')).toBe('Check not saved: We could not save the results');
    failures.push(...(await axeBothSchemes(page, 'not saved')));

    await page.unroute('**/results');
    await page.goto(link);
    await page.waitForSelector('body[data-state="done"]');
    const used = await page.goto(link);
    expect(used?.status()).toBe(410);
    failures.push(...(await axeBothSchemes(page, 'already used')));
    expect(failures).toEqual([]);
    await context.close();
  }, 60000);
});

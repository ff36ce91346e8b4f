/**
 * The insights dashboard in headless Chromium: a real restify server with the dashboard routes,
 * an audit trail in SQLite, a link token, Chart.js from node_modules under a strict CSP. The
 * screenshot is the one in docs/insights.md.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createDashboardToken } from '../../../src/insights/dashboard/link';
import { CHROMIUM_INSTALL_TIMEOUT_MS, launchChromium } from '../support/chromium';
import { APPROVER, SECRET, startDashboard, TENANT } from './seed';

const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');

describe('insights dashboard in headless Chromium', () => {
  let browser: Browser;
  let base: string;
  let close: () => void;
  let approver = true;

  beforeAll(async () => {
    browser = await launchChromium();
    ({ base, close } = await startDashboard({ isApprover: async (oid) => approver && oid === APPROVER }));
  }, CHROMIUM_INSTALL_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    close?.();
  });

  it('an approver with a valid link sees the numbers drawn and tabled, with nothing blocked by the CSP', async () => {
    approver = true;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('404')) violations.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) violations.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${base}/admin/insights#t=${createDashboardToken(SECRET, { oid: APPROVER, tid: TENANT }, new Date())}`);
    await page.getByRole('status').filter({ hasText: 'Loaded.' }).waitFor({ timeout: 15000 });

    expect(await page.locator('#k-rescues').textContent()).toBe('6');
    expect(await page.locator('#k-deflection').textContent()).toBe('50 %'); // 3 fixed of 6 ended (one abandoned)
    expect(await page.locator('#t-findings tr').nth(1).textContent()).toContain('CA_BLOCKS_REGISTRATION_LOCATION');
    expect(await page.locator('#t-passes').textContent()).toContain('Hank Helpdesk');
    // Chart.js drew into each canvas (not blank).
    const drawn = await page.evaluate(() => [...document.querySelectorAll('canvas')].map((c) => (c as HTMLCanvasElement).toDataURL().length));
    expect(drawn.every((n) => n > 2000)).toBe(true);
    expect(violations).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'insights-dashboard.png'), fullPage: true });
    if (process.env.UPDATE_DOC_IMAGES === '1') copyFileSync(join(ARTIFACTS, 'insights-dashboard.png'), join(__dirname, '..', '..', '..', 'docs', 'images', 'insights-dashboard.png'));
    await page.close();
  });

  it('an expired, forged or missing link, and someone no longer an approver, see why and no numbers', async () => {
    const json = (token?: string) => fetch(`${base}/admin/insights.json`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    expect((await json()).status).toBe(401);
    expect((await json(createDashboardToken(SECRET, { oid: APPROVER, tid: TENANT }, new Date(Date.now() - 3600_000)))).status).toBe(401);
    expect((await json(createDashboardToken('another-secret-another-secret-another', { oid: APPROVER, tid: TENANT }, new Date()))).status).toBe(401);
    approver = false;
    const refused = await json(createDashboardToken(SECRET, { oid: APPROVER, tid: TENANT }, new Date()));
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('CA_BLOCKS');

    const page = await browser.newPage();
    await page.goto(`${base}/admin/insights#t=${createDashboardToken(SECRET, { oid: APPROVER, tid: TENANT }, new Date())}`);
    await page.getByRole('status').filter({ hasText: 'Only helpdesk approvers' }).waitFor({ timeout: 15000 });
    expect(await page.locator('#main').isHidden()).toBe(true);
    await page.close();
    approver = true;
  });
});

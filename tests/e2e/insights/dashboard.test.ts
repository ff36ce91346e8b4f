/**
 * The insights dashboard in headless Chromium: a real restify server with the dashboard routes,
 * an audit trail in SQLite, a link token, Chart.js from node_modules under a strict CSP. The
 * screenshot is the one in docs/insights.md.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import restify from 'restify';
import { createDashboardToken } from '../../../src/insights/dashboard/link';
import { registerInsightsDashboard } from '../../../src/insights/dashboard/routes';
import { FixedClock, systemClock } from '../../../src/shared/clock';
import { createLogger } from '../../../src/shared/logger';
import { openSqliteStore, type SqliteStore } from '../../../src/storage';
import { CHROMIUM_INSTALL_TIMEOUT_MS, launchChromium } from '../support/chromium';

const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');
const SECRET = 'dashboard-test-secret-dashboard-test-secret';
const APPROVER = '31000000-0000-0000-0000-0000000000aa';
const TENANT = '11111111-2222-3333-4444-555555555555';
const data = new FixedClock('2026-11-30T18:00:00Z');

async function seed(store: SqliteStore): Promise<void> {
  const codes = ['CA_BLOCKS_REGISTRATION_LOCATION', 'DEVICE_QUOTA_REACHED', 'PHONE_ONLY_MFA', 'CA_BLOCKS_REGISTRATION_LOCATION', 'NO_USABLE_METHOD', 'PASSKEY_TYPE_NOT_ALLOWED'];
  const outcomes = ['fixed', 'fixed_after_cleanup', 'fixed', 'escalated', 'escalated', undefined];
  for (let i = 0; i < codes.length; i++) {
    const start = `2026-11-2${4 + (i % 5)}T09:0${i}:00Z`;
    const details = { flowId: `f${i}`, codes: [codes[i]], startedAt: start };
    await store.append({ at: start, action: 'flow.diagnosed', actor: `u${i}`, subject: `u${i}`, details });
    const outcome = outcomes[i];
    if (outcome) await store.append({ at: start.replace('T09:0', 'T09:2'), action: 'flow.outcome', actor: `u${i}`, subject: `u${i}`, details: { ...details, outcome } });
  }
  await store.append({ at: '2026-11-28T10:00:00Z', action: 'tap.issued', actor: 'Hank Helpdesk', subject: 'u3', details: { requestId: 'r1' } });
}

describe('insights dashboard in headless Chromium', () => {
  let browser: Browser;
  let server: restify.Server;
  let base: string;
  let dir: string;
  let store: SqliteStore;
  let approver = true;

  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'mfa-insights-'));
    store = openSqliteStore(join(dir, 's.sqlite'), { clock: data });
    await seed(store);
    server = restify.createServer({ handleUncaughtExceptions: false });
    registerInsightsDashboard(server, {
      secret: SECRET,
      clock: systemClock,
      dataClock: data,
      logger: createLogger({ level: 'silent' }),
      audit: store,
      isApprover: async (oid) => approver && oid === APPROVER,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, CHROMIUM_INSTALL_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    server?.close();
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
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

/**
 * The insights dashboard as the app's Teams personal tab, in headless Chromium: the page asks the
 * `microsoftTeams` global (TeamsJS v2 API, stood in for here as Teams would provide it) for the
 * person's SSO token, the server has it validated with jose against the tenant's keys (the
 * backend's verifier) and checks the approvers group; a forged or missing token gets 401, a
 * non-approver 403, an approver the charts. Outside Teams the tab falls back to the signed link.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { createViewerTokenVerifier } from '../../../src/backend/auth/userToken';
import { createDashboardToken } from '../../../src/insights/dashboard/link';
import { systemClock } from '../../../src/shared/clock';
import { createUserTokenIssuer, generateSigningKey, jwkOf, LOCAL_SSO_APP_ID } from '../../../src/simulator';
import { CHROMIUM_INSTALL_TIMEOUT_MS, launchChromium } from '../support/chromium';
import { APPROVER, SECRET, startDashboard, TENANT } from './seed';

const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');
const AUTHORITY = 'https://login.test.example';
const EMPLOYEE = '31000000-0000-0000-0000-0000000000bb';

describe('insights as the Teams personal tab (Teams SSO) in headless Chromium', () => {
  let browser: Browser;
  let base: string;
  let close: () => void;
  const key = generateSigningKey();
  const issue = createUserTokenIssuer({ tenantId: TENANT, issuer: () => `${AUTHORITY}/${TENANT}/v2.0`, key, clock: systemClock });
  const jwks = { keys: [jwkOf(key)] } as unknown as JSONWebKeySet;
  const verify = createViewerTokenVerifier({ keys: createLocalJWKSet(jwks), authorityHost: AUTHORITY, tenantId: TENANT, audiences: [LOCAL_SSO_APP_ID], maxAgeSeconds: 600, clock: systemClock });

  beforeAll(async () => {
    browser = await launchChromium();
    ({ base, close } = await startDashboard({
      isApprover: async (oid) => oid === APPROVER,
      // What the backend's POST /v1/insights/viewer does: validate the token, then the group.
      teamsViewer: async (token) => {
        const { oid } = await verify(token);
        return { oid, approver: oid === APPROVER };
      },
    }));
  }, CHROMIUM_INSTALL_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    close?.();
  });

  /** The tab as Teams shows it: TeamsJS's `microsoftTeams` global hands the page this token. */
  async function openInTeams(token: string | null): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    if (token !== null) {
      await page.addInitScript((t: string) => {
        (window as unknown as { microsoftTeams: unknown }).microsoftTeams = {
          app: { initialize: () => Promise.resolve() },
          authentication: { getAuthToken: () => Promise.resolve(t) },
        };
      }, token);
    }
    await page.goto(`${base}/admin/tab`);
    return page;
  }

  it('an approver opening the tab in Teams sees the charts, with stayed-fixed and evaluation-mode numbers', async () => {
    const page = await openInTeams(issue({ oid: APPROVER, audience: LOCAL_SSO_APP_ID }));
    const failures: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) failures.push(`${r.status()} ${r.url()}`);
    });
    await page.getByRole('status').filter({ hasText: 'Loaded.' }).waitFor({ timeout: 15000 });

    expect(await page.locator('#k-rescues').textContent()).toBe('6');
    expect(await page.locator('#k-stayed').textContent()).toBe('50 % of 2');
    expect(await page.locator('#t-shadow').textContent()).toContain('Passes issued1');
    const drawn = await page.evaluate(() => [...document.querySelectorAll('canvas')].map((c) => (c as HTMLCanvasElement).toDataURL().length));
    expect(drawn.every((n) => n > 2000)).toBe(true);
    expect(failures).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'insights-tab.png'), fullPage: true });
    if (process.env.UPDATE_DOC_IMAGES === '1') copyFileSync(join(ARTIFACTS, 'insights-tab.png'), join(__dirname, '..', '..', '..', 'docs', 'images', 'insights-tab.png'));
    await page.close();
  });

  it('a forged or missing token gets 401, a non-approver 403, and the tab says why and shows no numbers', async () => {
    const forgedKey = { ...generateSigningKey(), kid: key.kid };
    const forged = createUserTokenIssuer({ tenantId: TENANT, issuer: () => `${AUTHORITY}/${TENANT}/v2.0`, key: forgedKey, clock: systemClock })({ oid: APPROVER, audience: LOCAL_SSO_APP_ID });
    const json = (token?: string) => fetch(`${base}/admin/insights.json`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    expect((await json()).status).toBe(401);
    expect((await json(forged)).status).toBe(401);
    expect((await json(issue({ oid: APPROVER, audience: 'api://another-app' }))).status).toBe(401);
    const employee = await json(issue({ oid: EMPLOYEE, audience: LOCAL_SSO_APP_ID }));
    expect(employee.status).toBe(403);
    expect(await employee.text()).not.toContain('CA_BLOCKS');

    const forgedPage = await openInTeams(forged);
    await forgedPage.getByRole('status').filter({ hasText: 'Your Teams sign-in was not accepted' }).waitFor({ timeout: 15000 });
    expect(await forgedPage.locator('#main').isHidden()).toBe(true);
    await forgedPage.close();

    const employeePage = await openInTeams(issue({ oid: EMPLOYEE, audience: LOCAL_SSO_APP_ID }));
    await employeePage.getByRole('status').filter({ hasText: 'Only helpdesk approvers' }).waitFor({ timeout: 15000 });
    expect(await employeePage.locator('#main').isHidden()).toBe(true);
    await employeePage.close();
  });

  it('outside Teams the tab page says how to get in, and still accepts a signed link', async () => {
    const page = await openInTeams(null);
    await page.getByRole('status').filter({ hasText: 'ask the bot for a link' }).waitFor({ timeout: 15000 });
    await page.goto(`${base}/admin/tab#t=${createDashboardToken(SECRET, { oid: APPROVER, tid: TENANT }, new Date())}`);
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Loaded.' }).waitFor({ timeout: 15000 });
    await page.close();
  });
});

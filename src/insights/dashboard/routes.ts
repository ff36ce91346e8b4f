/**
 * GET /admin/insights (the page), /admin/assets/chart.umd.js (Chart.js from node_modules) and
 * /admin/insights.json (the numbers: a valid dashboard link AND the backend saying, now, that the
 * person is an approver). Every refusal is a JSON error; nothing about the tenant is in the page.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Clock } from '../../shared/clock';
import { describeError, isAppError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { AuditLog } from '../../storage/types';
import { computeInsights } from '../compute';
import { readAllRecords } from '../records';
import { verifyDashboardToken } from './link';
import { renderDashboardPage } from './page';

export interface DashboardDeps {
  secret: string;
  /** Wall-clock time for link expiry. */
  clock: Clock;
  /** The clock the audit records were written with (the tenant clock; default `clock`). */
  dataClock?: Clock;
  logger: Logger;
  audit: Pick<AuditLog, 'query'>;
  /** The backend's answer, at request time. */
  isApprover(aadObjectId: string): Promise<boolean>;
  /**
   * The Teams tab: the backend validates the Teams SSO token (signature, issuer, audience, tenant,
   * expiry) and says whom it names and whether they are an approver. Throws an expected AppError
   * (forbidden / unauthenticated / bad_request) for a token it does not accept.
   */
  teamsViewer?(ssoToken: string): Promise<{ oid: string; approver: boolean }>;
  /** TeamsJS (`@microsoft/teams-js`) to serve to the tab, when installed (default: resolved from node_modules). */
  teamsJsPath?: string | null;
  /** Default window (days) when the page does not ask for one. */
  defaultDays?: number;
}

const json = (res: Response, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
};


export function registerInsightsDashboard(server: Server, d: DashboardDeps): void {
  const log = d.logger.child({ component: 'insights-dashboard' });
  let chart: Buffer | undefined;

  const teamsJs = d.teamsJsPath === undefined ? findTeamsJs() : d.teamsJsPath;
  const page = (tab: boolean) => (_req: Request, res: Response, next: () => void) => {
    const nonce = randomBytes(16).toString('base64');
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; frame-ancestors https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft`,
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
    res.end(renderDashboardPage(nonce, { tab, teamsJs: tab && teamsJs !== null }));
    next();
  };
  server.get('/admin/insights', page(false));
  // The personal tab of the app (appPackage/manifest.json staticTabs): Teams SSO, else the link.
  server.get('/admin/tab', page(true));
  if (teamsJs !== null) {
    server.get('/admin/assets/teams.js', (_req: Request, res: Response, next) => {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' });
      res.end(readFileSync(teamsJs));
      next();
    });
  }

  server.get('/admin/assets/chart.umd.js', (_req: Request, res: Response, next) => {
    // The UMD build sits beside the CommonJS entry (chart.js exports no subpath for it).
    chart ??= readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.js'));
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' });
    res.end(chart);
    next();
  });

  server.get('/admin/insights.json', async (req: Request, res: Response) => {
    const token = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(req.headers.authorization ?? '')?.[1];
    const who = await viewerOf(d, token, log);
    if (!who.ok) return json(res, who.status, { error: who.error });
    const asOf = (d.dataClock ?? d.clock).now();
    const sinceText = new URL(req.url ?? '/', 'http://local').searchParams.get('since');
    const since = sinceText !== null && /^\d{4}-\d{2}-\d{2}$/.test(sinceText) ? new Date(`${sinceText}T00:00:00Z`) : new Date(asOf.getTime() - (d.defaultDays ?? 30) * 86400_000);
    try {
      const insights = computeInsights(await readAllRecords(d.audit), { now: asOf, since });
      log.info({ userId: who.oid }, 'insights shown');
      return json(res, 200, insights);
    } catch (e) {
      log.error({ err: describeError(e) }, 'insights failed');
      return json(res, 500, { error: { code: 'internal', message: 'The numbers could not be computed.' } });
    }
  });
}

type Viewer = { ok: true; oid: string } | { ok: false; status: number; error: { code: string; message: string } };

const UNAUTHORIZED = { code: 'unauthorized', message: 'This dashboard link or sign-in is missing, expired or not valid. Open the tab again, or ask the bot for a new link.' };
const FORBIDDEN = { code: 'forbidden', message: 'Only helpdesk approvers can see these numbers.' };
const UNAVAILABLE = { code: 'unavailable', message: 'The approver check is not available right now. Try again in a minute.' };

/**
 * Who asks, checked now: a signed dashboard link (two parts) and the backend's approver check, or a
 * Teams SSO token (a JWT: three parts) that the backend validates and checks in one call.
 */
async function viewerOf(d: DashboardDeps, token: string | undefined, log: Logger): Promise<Viewer> {
  if (!token) return { ok: false, status: 401, error: UNAUTHORIZED };
  let oid: string;
  let approver: boolean;
  const sso = token.split('.').length === 3;
  try {
    if (sso) {
      if (!d.teamsViewer) return { ok: false, status: 401, error: UNAUTHORIZED };
      ({ oid, approver } = await d.teamsViewer(token));
    } else {
      const v = verifyDashboardToken(d.secret, token, d.clock.now());
      if (!v.ok) {
        log.warn({ why: v.why }, 'insights refused: link');
        return { ok: false, status: 401, error: UNAUTHORIZED };
      }
      oid = v.grant.oid;
      approver = await d.isApprover(oid);
    }
  } catch (e) {
    // The backend refuses a Teams token it does not accept (UserProofError: forbidden, invalid_token).
    if (sso && isAppError(e) && (e.kind === 'forbidden' || e.kind === 'bad_request')) {
      log.warn({ err: describeError(e) }, 'insights refused: Teams sign-in not accepted');
      return { ok: false, status: 401, error: UNAUTHORIZED };
    }
    log.warn({ err: describeError(e) }, 'insights: approver check failed');
    return { ok: false, status: 503, error: UNAVAILABLE };
  }
  if (!approver) {
    log.warn({ userId: oid }, 'insights refused: not an approver');
    return { ok: false, status: 403, error: FORBIDDEN };
  }
  return { ok: true, oid };
}

/** TeamsJS's browser bundle when the package is installed, else null (the tab then offers the link). */
function findTeamsJs(): string | null {
  try {
    const file = join(dirname(require.resolve('@microsoft/teams-js')), 'MicrosoftTeams.min.js');
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * GET /admin/insights (the page), /admin/assets/chart.umd.js (Chart.js from node_modules) and
 * /admin/insights.json (the numbers: a valid dashboard link AND the backend saying, now, that the
 * person is an approver). Every refusal is a JSON error; nothing about the tenant is in the page.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Clock } from '../../shared/clock';
import { describeError } from '../../shared/errors';
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

  server.get('/admin/insights', (_req: Request, res: Response, next) => {
    const nonce = randomBytes(16).toString('base64');
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; frame-ancestors https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft`,
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
    res.end(renderDashboardPage(nonce));
    next();
  });

  server.get('/admin/assets/chart.umd.js', (_req: Request, res: Response, next) => {
    // The UMD build sits beside the CommonJS entry (chart.js exports no subpath for it).
    chart ??= readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.js'));
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' });
    res.end(chart);
    next();
  });

  server.get('/admin/insights.json', async (req: Request, res: Response) => {
    const auth = req.headers.authorization ?? '';
    const token = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(auth)?.[1];
    const now = d.clock.now();
    const v = token ? verifyDashboardToken(d.secret, token, now) : ({ ok: false, why: 'malformed' } as const);
    if (!v.ok) {
      log.warn({ why: v.why }, 'insights refused: link');
      return json(res, 401, { error: { code: 'unauthorized', message: 'This dashboard link is missing, expired or not valid. Ask the bot for a new one.' } });
    }
    let approver: boolean;
    try {
      approver = await d.isApprover(v.grant.oid);
    } catch (e) {
      log.warn({ err: describeError(e) }, 'insights: approver check failed');
      return json(res, 503, { error: { code: 'unavailable', message: 'The approver check is not available right now. Try again in a minute.' } });
    }
    if (!approver) {
      log.warn({ userId: v.grant.oid }, 'insights refused: not an approver');
      return json(res, 403, { error: { code: 'forbidden', message: 'Only helpdesk approvers can see these numbers.' } });
    }
    const asOf = (d.dataClock ?? d.clock).now();
    const sinceText = new URL(req.url ?? '/', 'http://local').searchParams.get('since');
    const since = sinceText !== null && /^\d{4}-\d{2}-\d{2}$/.test(sinceText) ? new Date(`${sinceText}T00:00:00Z`) : new Date(asOf.getTime() - (d.defaultDays ?? 30) * 86400_000);
    try {
      const insights = computeInsights(await readAllRecords(d.audit), { now: asOf, since });
      log.info({ userId: v.grant.oid }, 'insights shown');
      return json(res, 200, insights);
    } catch (e) {
      log.error({ err: describeError(e) }, 'insights failed');
      return json(res, 500, { error: { code: 'internal', message: 'The numbers could not be computed.' } });
    }
  });
}

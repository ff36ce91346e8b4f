/**
 * `npm run insights -- [--since <date>] [--json] [--store <sqlite path>]`
 *
 * Outcomes of rescues, deflection rate, time to fix, findings by frequency, passes per approver
 * and tier with anomalies, and campaigns, computed from the audit trail (src/insights/compute.ts;
 * the admin dashboard shows the same numbers). Reads the configured store like `npm run audit`.
 * Exit codes: 0 printed, 2 bad arguments or no store, 1 unexpected.
 */
import { parseFlags, runScript } from './process';
import { processEnvironment } from '../config';
import { computeInsights, type Insights } from '../insights/compute';
import { readAllRecords } from '../insights/records';
import { describeError } from '../shared/errors';
import { AuditSourceError, openConfiguredSource, type AuditSource } from './auditSource';

export const INSIGHTS_USAGE = 'usage: insights [--since <date>] [--json] [--store <sqlite path>]';

export interface InsightsIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  now?: () => Date;
}

class UsageError extends Error {}


const pct = (n: number | null) => (n === null ? 'n/a' : `${Math.round(n * 1000) / 10} %`);
const mins = (n: number | null) => (n === null ? 'n/a' : `${n} min`);

export function formatInsights(i: Insights): string {
  const lines = [
    `Rescues ${i.window.since ? `since ${i.window.since.slice(0, 10)}` : 'in the whole trail'}: ${i.rescues}`,
    `  fixed by the employee: ${i.outcomes.fixed}, after a device clean-up: ${i.outcomes.fixed_after_cleanup}, pass issued: ${i.outcomes.pass_issued}, escalated: ${i.outcomes.escalated}, abandoned: ${i.outcomes.abandoned}, still open: ${i.outcomes.open}`,
    `Deflection (fixed without the helpdesk): ${pct(i.deflectionRate)}`,
    `Time to fix: median ${mins(i.timeToFixMinutes.median)}, p90 ${mins(i.timeToFixMinutes.p90)} (${i.timeToFixMinutes.samples} rescues)`,
    `Stayed fixed: ${pct(i.stayedFixed.rate)} of ${i.stayedFixed.answered} answers (${i.stayedFixed.asked} asked; registration confirmed by Graph for ${i.stayedFixed.registrationConfirmed})`,
    'Root causes:',
    ...(i.findings.length === 0 ? ['  none'] : i.findings.slice(0, 10).map((f) => `  ${String(f.count).padStart(5)}  ${f.code}`)),
    `Passes issued: ${i.passes.issued} (${Object.entries(i.passes.perTier).map(([t, n]) => `${t} ${n}`).join(', ') || 'none'})`,
    ...i.passes.perApprover.map((a) => `  ${String(a.count).padStart(5)}  ${a.approver}`),
    ...i.passes.anomalies.map((a) =>
      a.kind === 'approver_volume'
        ? `  ANOMALY: approver ${a.approver ?? ''} issued ${a.count ?? 0} passes, over twice the typical approver`
        : `  ANOMALY: pass for ${a.subject ?? ''} (request ${a.requestId ?? ''}) whose account carried risk: ${(a.signals ?? []).join(', ')}`,
    ),
    `Campaigns: ${i.campaigns.length === 0 ? 'none' : i.campaigns.map((c) => `${c.name} (${c.status})`).join('; ')}`,
    ...(i.shadow.passesWouldIssue + i.shadow.devicesWouldDelete + i.shadow.campaignReports > 0
      ? [`Evaluation mode (would have): passes ${i.shadow.passesWouldIssue}, devices removed ${i.shadow.devicesWouldDelete}, campaign runs ${i.shadow.campaignReports} (report only)`, ...i.shadow.perApprover.map((a) => `  ${String(a.count).padStart(5)}  ${a.approver}`)]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

export async function main(argv: string[], io: InsightsIo): Promise<number> {
  let since: Date | undefined;
  let json: boolean;
  let source: AuditSource;
  try {
    const values = parseFlags(argv, { since: { type: 'string' }, json: { type: 'boolean' }, store: { type: 'string' } }, (m) => new UsageError(m));
    if (values.since !== undefined) {
      const text = values.since;
      since = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
      if (Number.isNaN(since.getTime())) throw new UsageError(`--since: expected a date (2026-11-01) or an ISO time, got "${text}"`);
    }
    json = values.json === true;
    source = openConfiguredSource(values.store, io.env);
  } catch (e) {
    io.stderr(`insights: ${e instanceof UsageError || e instanceof AuditSourceError || e instanceof Error ? e.message : describeError(e)}\n${INSIGHTS_USAGE}\n`);
    return 2;
  }
  try {
    const insights = computeInsights(await readAllRecords(source), { now: io.now?.() ?? new Date(), ...(since ? { since } : {}) });
    io.stdout(json ? `${JSON.stringify(insights, null, 2)}\n` : formatInsights(insights));
    return 0;
  } catch (e) {
    io.stderr(`insights: unexpected failure: ${describeError(e)}\n`);
    return 1;
  } finally {
    await source.close();
  }
}

if (require.main === module) runScript('insights', (io) => main(process.argv.slice(2), { ...io, env: processEnvironment() }));

/**
 * The numbers an IT department justifies the bot with, computed from the audit trail alone (pure:
 * records in, numbers out; the CLI, the dashboard and tests share it).
 *
 * - A rescue is a `flow.diagnosed` flow. Its outcome is its last `flow.outcome`; an escalated flow
 *   becomes `pass_issued` when a pass for that employee is issued after the escalation; a flow with
 *   no outcome `ABANDON_AFTER_MS` after its last event is `abandoned` (younger ones are `open`).
 * - Deflection rate: rescues fixed by the employee (alone or after a device clean-up) among the
 *   rescues that ended. Time to fix: flow start → "It worked".
 * - Passes per approver (`tap.issued` actor) and per tier (`details.tier`, `standard` when absent);
 *   anomalies: an approver issuing over twice the median of approvers (and at least 3), and passes
 *   issued for accounts that carried a risk signal when the request was made.
 */
import type { AuditRecord } from '../storage/types';
import type { Outcome } from './outcomes';
import { createShadowTally, type ShadowCounts } from './shadow';
import { createFollowUpTally, type StayedFixed } from './stayedFixed';

export const ABANDON_AFTER_MS = 24 * 3600 * 1000;
/** Signals on a request that say nothing about the account's risk (the anomaly ignores them). */
const NOT_ACCOUNT_RISK = new Set(['existing_tap', 'no_manager']);

export interface Insights {
  window: { since?: string; until: string };
  rescues: number;
  outcomes: Record<Outcome | 'open', number>;
  deflectionRate: number | null;
  timeToFixMinutes: { median: number | null; p90: number | null; samples: number };
  findings: Array<{ code: string; count: number }>;
  findingsByDay: Array<{ day: string; counts: Record<string, number> }>;
  passes: {
    issued: number;
    perApprover: Array<{ approver: string; count: number }>;
    perTier: Record<string, number>;
    anomalies: Array<{ kind: 'approver_volume' | 'risky_account'; approver?: string; subject?: string; count?: number; requestId?: string; signals?: string[] }>;
  };
  campaigns: Array<{ campaignId: string; name: string; status: string; createdAt: string }>;
  /** "Did it stay fixed?" follow-ups (`flow.follow_up`) of rescues in the window. */
  stayedFixed: StayedFixed;
  /** Evaluation (shadow) mode: what would have happened, never counted as done above. */
  shadow: ShadowCounts;
}

interface Flow {
  flowId: string;
  user: string;
  codes: string[];
  startedAt: number;
  lastAt: number;
  outcome?: Outcome;
  outcomeAt?: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

function median(values: number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5) ?? 0;
}

export function computeInsights(records: Iterable<AuditRecord>, opts: { now: Date; since?: Date }): Insights {
  const since = opts.since?.getTime() ?? -Infinity;
  const now = opts.now.getTime();
  const flows = new Map<string, Flow>();
  const issued: Array<{ approver: string; subject: string; at: number; tier: string; requestId?: string }> = [];
  const riskyRequests = new Map<string, string[]>();
  const campaigns = new Map<string, Insights['campaigns'][number]>();
  const shadow = createShadowTally();
  const followUps = createFollowUpTally();

  for (const r of records) {
    const at = Date.parse(r.at);
    const d = r.details ?? {};
    if (shadow.add(r, at >= since) || followUps.add(r)) continue;
    if (r.action === 'flow.diagnosed' || r.action === 'flow.outcome') {
      const flowId = str(d.flowId);
      if (!flowId || !r.subject) continue;
      const startedAt = Date.parse(str(d.startedAt) ?? r.at);
      const f = flows.get(flowId) ?? { flowId, user: r.subject, codes: [], startedAt, lastAt: at };
      f.lastAt = Math.max(f.lastAt, at);
      const codes = strings(d.codes);
      if (codes.length > 0) f.codes = codes;
      if (r.action === 'flow.outcome') {
        const o = str(d.outcome) as Outcome | undefined;
        if (o) {
          f.outcome = o;
          f.outcomeAt = at;
        }
      }
      flows.set(flowId, f);
    } else if (r.action === 'tap.requested') {
      const signals = strings(d.riskSignals).filter((x) => !NOT_ACCOUNT_RISK.has(x));
      const id = str(d.requestId);
      if (id && signals.length > 0) riskyRequests.set(id, signals);
    } else if (r.action === 'tap.issued' && r.subject) {
      const requestId = str(d.requestId);
      issued.push({ approver: r.actor, subject: r.subject, at, tier: str(d.tier) ?? 'standard', ...(requestId ? { requestId } : {}) });
    } else if (r.action === 'campaign.created') {
      const id = str(d.campaignId) ?? r.subject ?? '';
      campaigns.set(id, { campaignId: id, name: str(d.name) ?? id, status: 'draft', createdAt: r.at });
    } else if (r.action.startsWith('campaign.')) {
      const c = campaigns.get(str(d.campaignId) ?? r.subject ?? '');
      const status = str(d.status);
      if (c && status) c.status = status;
    }
  }

  // An escalated flow whose employee then got a pass ended with the pass (passes indexed by employee).
  const passTimes = new Map<string, number[]>();
  for (const p of issued) passTimes.set(p.subject, [...(passTimes.get(p.subject) ?? []), p.at]);
  for (const f of flows.values()) {
    if (f.outcome !== 'escalated' || f.outcomeAt === undefined) continue;
    const at = f.outcomeAt;
    if ((passTimes.get(f.user) ?? []).some((t) => t >= at && t - at <= 7 * ABANDON_AFTER_MS)) f.outcome = 'pass_issued';
  }

  const inWindow = [...flows.values()].filter((f) => f.startedAt >= since && f.startedAt <= now);
  const outcomes: Insights['outcomes'] = { fixed: 0, fixed_after_cleanup: 0, escalated: 0, pass_issued: 0, abandoned: 0, open: 0 };
  const fixMinutes: number[] = [];
  const findingCounts = new Map<string, number>();
  const byDay = new Map<string, Record<string, number>>();
  for (const f of inWindow) {
    const outcome: Outcome | 'open' = f.outcome ?? (now - f.lastAt >= ABANDON_AFTER_MS ? 'abandoned' : 'open');
    outcomes[outcome]++;
    if ((outcome === 'fixed' || outcome === 'fixed_after_cleanup') && f.outcomeAt !== undefined) fixMinutes.push((f.outcomeAt - f.startedAt) / 60000);
    const root = f.codes[0];
    if (root) {
      findingCounts.set(root, (findingCounts.get(root) ?? 0) + 1);
      const day = new Date(f.startedAt).toISOString().slice(0, 10);
      const counts = byDay.get(day) ?? {};
      counts[root] = (counts[root] ?? 0) + 1;
      byDay.set(day, counts);
    }
  }
  const ended = outcomes.fixed + outcomes.fixed_after_cleanup + outcomes.escalated + outcomes.pass_issued + outcomes.abandoned;
  fixMinutes.sort((a, b) => a - b);

  const passes = issued.filter((p) => p.at >= since && p.at <= now);
  const perApprover = new Map<string, number>();
  const perTier: Record<string, number> = {};
  for (const p of passes) {
    perApprover.set(p.approver, (perApprover.get(p.approver) ?? 0) + 1);
    perTier[p.tier] = (perTier[p.tier] ?? 0) + 1;
  }
  const anomalies: Insights['passes']['anomalies'] = [];
  const typical = median([...perApprover.values()]);
  for (const [approver, count] of perApprover) if (count >= 3 && count > 2 * typical) anomalies.push({ kind: 'approver_volume', approver, count });
  for (const p of passes) {
    const signals = p.requestId ? riskyRequests.get(p.requestId) : undefined;
    if (signals) anomalies.push({ kind: 'risky_account', approver: p.approver, subject: p.subject, ...(p.requestId ? { requestId: p.requestId } : {}), signals });
  }

  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  return {
    window: { ...(opts.since ? { since: opts.since.toISOString() } : {}), until: opts.now.toISOString() },
    rescues: inWindow.length,
    outcomes,
    deflectionRate: ended === 0 ? null : Math.round(((outcomes.fixed + outcomes.fixed_after_cleanup) / ended) * 1000) / 1000,
    timeToFixMinutes: { median: round(quantile(fixMinutes, 0.5)), p90: round(quantile(fixMinutes, 0.9)), samples: fixMinutes.length },
    findings: [...findingCounts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    findingsByDay: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, counts]) => ({ day, counts })),
    passes: {
      issued: passes.length,
      perApprover: [...perApprover].map(([approver, count]) => ({ approver, count })).sort((a, b) => b.count - a.count || a.approver.localeCompare(b.approver)),
      perTier,
      anomalies,
    },
    campaigns: [...campaigns.values()].filter((c) => Date.parse(c.createdAt) >= since),
    stayedFixed: followUps.result(new Set(inWindow.map((f) => f.flowId))),
    shadow: shadow.result(),
  };
}

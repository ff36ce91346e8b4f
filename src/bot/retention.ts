/**
 * Bounded retention for the bot's working records (issue 9): nothing the bot keeps to answer
 * re-sent invokes, to remember "you already asked" or to retry a helpdesk post grows forever.
 *
 * - `invoke-work`: a finished record is only needed while Teams may re-send the press
 *   (`resendWindowMs`); a running one whose lease ran out belongs to a stopped instance. Both go
 *   an hour after that.
 * - `escalation-requests`, `escalations-filed`: they hold the diagnosis the employee saw and make
 *   a second press say "you already asked"; kept `recordDays` (default 30), then deleted.
 * - `helpdesk-pending-posts`: retried with backoff; one still failing after `recordDays` is
 *   given up, logged as an error and audited (the request it was for expired long before).
 *
 * Every delete is conditional on the ETag read, so a record changed meanwhile (by another
 * instance) stays. Each run deletes at most `maxPerRun` records; the next run continues.
 */
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { DocumentStore } from '../storage/types';
import { INVOKE_WORK, type InvokeWork } from './deferred/ledger';
import { ESCALATION_COLLECTION, type EscalationRequest } from './escalation';
import { FILED_COLLECTION } from './helpdesk/escalate';
import { PENDING_POSTS, type PendingPost } from './helpdesk/postRetry';

export interface RetentionPolicy {
  recordDays: number;
  /** How long a re-sent invoke may still get a late answer (the ledger's window). */
  resendWindowMs: number;
  maxPerRun?: number;
}

export interface RetentionReport {
  deleted: Record<string, number>;
  abandonedPosts: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Rule {
  collection: string;
  /** When the record may go (ms since epoch), or undefined to keep it. */
  expiresAt(value: unknown): number | undefined;
}

const time = (s: string | undefined): number | undefined => {
  const t = s === undefined ? NaN : Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
};

function rules(p: RetentionPolicy): Rule[] {
  const keep = p.recordDays * DAY;
  return [
    {
      collection: INVOKE_WORK,
      expiresAt: (v) => {
        const w = v as Partial<InvokeWork>;
        const end = w.state === 'running' ? time(w.leaseUntil) : Math.max(time(w.finishedAt) ?? 0, (time(w.startedAt) ?? 0) + p.resendWindowMs);
        return end === undefined ? undefined : end + HOUR;
      },
    },
    { collection: ESCALATION_COLLECTION, expiresAt: (v) => plus(time((v as Partial<EscalationRequest>).requestedAt), keep) },
    { collection: FILED_COLLECTION, expiresAt: (v) => plus(time((v as { at?: string }).at), keep) },
    { collection: PENDING_POSTS, expiresAt: (v) => plus(time((v as Partial<PendingPost>).firstFailedAt), keep) },
  ];
}

const plus = (t: number | undefined, ms: number) => (t === undefined ? undefined : t + ms);

export async function sweepRetention(
  deps: { store: DocumentStore; clock: Clock; log: Logger; audit?: (r: { action: string; actor: string; details: Record<string, unknown> }) => Promise<void> },
  policy: RetentionPolicy,
): Promise<RetentionReport> {
  const now = deps.clock.now().getTime();
  const budget = { left: policy.maxPerRun ?? 500 };
  const report: RetentionReport = { deleted: {}, abandonedPosts: 0 };
  for (const rule of rules(policy)) {
    let after: string | undefined;
    let deleted = 0;
    while (budget.left > 0) {
      const page = await deps.store.list<unknown>(rule.collection, { limit: 200, ...(after ? { after } : {}) });
      for (const item of page) {
        const at = rule.expiresAt(item.value);
        if (at === undefined || at > now || budget.left <= 0) continue;
        if (!(await deps.store.delete(rule.collection, item.key, { ifMatch: item.etag }).catch(() => false))) continue;
        budget.left--;
        deleted++;
        if (rule.collection === PENDING_POSTS) {
          const p = item.value as Partial<PendingPost>;
          report.abandonedPosts++;
          deps.log.error({ kind: p.kind, id: p.id, attempts: p.attempts, firstFailedAt: p.firstFailedAt }, 'helpdesk post still failing after the retention period; given up');
          await deps.audit?.({ action: 'helpdesk.post_abandoned', actor: 'system', details: { kind: p.kind, id: p.id, attempts: p.attempts, firstFailedAt: p.firstFailedAt } });
        }
      }
      if (page.length < 200) break;
      after = page[page.length - 1]?.key;
    }
    if (deleted > 0) report.deleted[rule.collection] = deleted;
  }
  return report;
}

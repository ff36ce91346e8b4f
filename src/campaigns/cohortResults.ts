/**
 * Results of a passkey campaign per phone cohort: of the employees targeted in a cohort, who moved
 * away from the phone (e.g. phone-only → has a passkey) within N days of their first nudge,
 * against those of the campaign who were not nudged. Computed in ONE paged walk of the
 * registration snapshot (no per-user calls); the campaign's own records are read once first.
 * "When" is the snapshot row's `lastUpdatedDateTime` (the report is refreshed periodically, so it
 * can lag by up to a day: docs/campaigns.md).
 */
import { movedOffPhone, PHONE_COHORTS, type Cohort, type PhoneCohort } from './cohorts';
import type { RecipientRepo } from './recipients';

export interface SnapshotRow {
  id: string;
  cohort: Cohort;
  lastUpdatedDateTime?: string;
}

export interface CohortSnapshotSource {
  /** One page of the snapshot; `cursor` is the previous page's `next` (undefined = first). */
  page(cursor: string | undefined): Promise<{ rows: SnapshotRow[]; next?: string }>;
}

export interface CohortResult {
  cohort: PhoneCohort;
  nudged: number;
  movedWithinDays: number;
  /** Moved, but the snapshot row was updated later than N days after the first nudge. */
  movedLater: number;
  /** Moved, with no usable `lastUpdatedDateTime`. */
  movedTimingUnknown: number;
  notNudged: number;
  notNudgedMoved: number;
  /** Targeted but no longer in the report (deleted accounts). */
  notInSnapshot: number;
}

export interface CohortResults {
  campaignId: string;
  days: number;
  cohorts: CohortResult[];
  snapshotPages: number;
  snapshotRows: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function empty(cohort: PhoneCohort): CohortResult {
  return { cohort, nudged: 0, movedWithinDays: 0, movedLater: 0, movedTimingUnknown: 0, notNudged: 0, notNudgedMoved: 0, notInSnapshot: 0 };
}

export async function cohortResults(repo: RecipientRepo, campaignId: string, days: number, snapshot: CohortSnapshotSource): Promise<CohortResults> {
  const targeted = new Map<string, { cohort: PhoneCohort; firstSentAt?: string }>();
  for await (const r of repo.scan(campaignId)) if (r.cohort) targeted.set(r.userId, { cohort: r.cohort, ...(r.firstSentAt ? { firstSentAt: r.firstSentAt } : {}) });
  const byCohort = new Map<PhoneCohort, CohortResult>(PHONE_COHORTS.map((c) => [c, empty(c)]));
  const seen = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  let rows = 0;
  do {
    const page = await snapshot.page(cursor);
    pages += 1;
    rows += page.rows.length;
    for (const row of page.rows) {
      const t = targeted.get(row.id);
      if (!t) continue;
      seen.add(row.id);
      const out = byCohort.get(t.cohort) ?? empty(t.cohort);
      const moved = movedOffPhone(t.cohort, row.cohort);
      if (t.firstSentAt === undefined) {
        out.notNudged += 1;
        if (moved) out.notNudgedMoved += 1;
        continue;
      }
      out.nudged += 1;
      if (!moved) continue;
      const at = Date.parse(row.lastUpdatedDateTime ?? '');
      if (!Number.isFinite(at)) out.movedTimingUnknown += 1;
      else if (at - Date.parse(t.firstSentAt) <= days * DAY_MS) out.movedWithinDays += 1;
      else out.movedLater += 1;
    }
    cursor = page.next;
  } while (cursor !== undefined);
  for (const [id, t] of targeted) if (!seen.has(id)) (byCohort.get(t.cohort) ?? empty(t.cohort)).notInSnapshot += 1;
  return { campaignId, days, cohorts: [...byCohort.values()], snapshotPages: pages, snapshotRows: rows };
}

/**
 * The admin side of passkey campaigns: the snapshot source over the backend, "campaign cohorts"
 * (one walk of the registration report, counts per cohort) and per-cohort results as text.
 */
import type { BackendClient } from '../../backend/client';
import { COHORTS, type Cohort } from '../../campaigns/cohorts';
import { cohortResults, type CohortResults, type CohortSnapshotSource } from '../../campaigns/cohortResults';
import { RecipientRepo } from '../../campaigns/recipients';
import { fill, type Strings } from '../../i18n/en';
import type { DocumentStore } from '../../storage/types';

export interface PasskeyCampaignTools {
  snapshot: CohortSnapshotSource;
  results(campaignId: string, days: number): Promise<CohortResults>;
}

const SNAPSHOT_PAGE = 999;

export function createPasskeyCampaignTools(store: DocumentStore, backend: BackendClient): PasskeyCampaignTools | undefined {
  const call = backend.campaignCohortSnapshot;
  if (!call) return undefined;
  const snapshot: CohortSnapshotSource = {
    async page(cursor) {
      const r = await call.call(backend, { pageSize: SNAPSHOT_PAGE, ...(cursor !== undefined ? { cursor } : {}) });
      return r.nextCursor === undefined ? { rows: r.rows } : { rows: r.rows, next: r.nextCursor };
    },
  };
  return { snapshot, results: (id, days) => cohortResults(new RecipientRepo(store), id, days, snapshot) };
}

/** Counts per cohort in the whole report (one paged walk). */
export async function cohortCountsText(strings: Strings, snapshot: CohortSnapshotSource): Promise<string> {
  const s = strings.passkeys.campaign;
  const counts = new Map<Cohort, number>(COHORTS.map((c) => [c, 0]));
  let cursor: string | undefined;
  let rows = 0;
  do {
    const page = await snapshot.page(cursor);
    for (const r of page.rows) counts.set(r.cohort, (counts.get(r.cohort) ?? 0) + 1);
    rows += page.rows.length;
    cursor = page.next;
  } while (cursor !== undefined);
  const lines = COHORTS.map((c) => fill(s.cohortLine, { cohort: s.cohortNames[c] ?? c, count: counts.get(c) ?? 0 }));
  return [fill(s.cohortsTitle, { rows }), ...lines].join('\n');
}

export function cohortResultsText(strings: Strings, r: CohortResults): string {
  const s = strings.passkeys.campaign;
  const lines = r.cohorts
    .filter((c) => c.nudged + c.notNudged + c.notInSnapshot > 0)
    .map((c) =>
      fill(s.resultsLine, {
        cohort: s.cohortNames[c.cohort] ?? c.cohort,
        moved: c.movedWithinDays,
        nudged: c.nudged,
        days: r.days,
        later: c.movedLater,
        unknown: c.movedTimingUnknown,
        notNudgedMoved: c.notNudgedMoved,
        notNudged: c.notNudged,
        missing: c.notInSnapshot,
      }),
    );
  if (lines.length === 0) return s.noResults;
  return [fill(s.resultsTitle, { days: r.days }), ...lines, fill(s.resultsNote, { rows: r.snapshotRows, pages: r.snapshotPages })].join('\n');
}

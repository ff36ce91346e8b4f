/**
 * Honest freshness on the employee's card: evidence the backend's tenant-wide followers have not
 * read yet (pending: the diagnosis said nothing from it) is listed with the gaps, so the card never
 * presents a partial picture as the whole one. Stale evidence (used, but older than expected) is
 * not shown to the employee yet: it is in the response's `evidence` for the helpdesk and logs.
 */
import type { EvidenceAge } from '../backend/api';
import type { Strings } from '../i18n/en';

export function freshnessGaps(result: { evidence?: EvidenceAge[] | undefined }, strings: Strings): Array<{ source: string; reason: string }> {
  const f = strings.freshness;
  return (result.evidence ?? [])
    .filter((e) => e.state === 'pending')
    .map((e) => ({ source: e.source, reason: f.pending }));
}

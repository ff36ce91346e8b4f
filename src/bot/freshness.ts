/**
 * Honest freshness on the employee's card: evidence the backend's tenant-wide followers have not
 * read yet (pending: the diagnosis said nothing from it) is listed with the gaps, so the card never
 * presents a partial picture as the whole one; evidence that was used but is older than its
 * follower promises (stale) is named with its age, so the employee knows what "as of" means.
 */
import type { EvidenceAge } from '../backend/api';
import { fill, type Strings } from '../i18n/en';

export function freshnessGaps(result: { evidence?: EvidenceAge[] | undefined }, strings: Strings): Array<{ source: string; reason: string }> {
  const f = strings.freshness;
  return (result.evidence ?? [])
    .filter((e) => e.state === 'pending')
    .map((e) => ({ source: e.source, reason: f.pending }));
}

export interface StaleSource {
  source: string;
  ageSeconds: number;
}

/** The sources that were used although older than promised (kept in the flow state, worded per reader). */
export function staleSources(result: { evidence?: EvidenceAge[] | undefined }): StaleSource[] {
  return (result.evidence ?? []).flatMap((e) => (e.state === 'stale' && e.ageSeconds !== null ? [{ source: e.source, ageSeconds: e.ageSeconds }] : []));
}

/** "Sign-in logs: as of 14 minutes ago…", one line per stale source, for the findings card. */
export function staleLines(stale: StaleSource[], strings: Strings): string[] {
  return stale.map((e) => fill(strings.freshness.stale, { source: strings.gapSources[e.source] ?? e.source, age: humanAge(e.ageSeconds, strings) }));
}

function humanAge(seconds: number, strings: Strings): string {
  const a = strings.freshness.age;
  if (seconds < 90) return a.minute;
  if (seconds < 90 * 60) return fill(a.minutes, { n: Math.round(seconds / 60) });
  if (seconds < 36 * 3600) return fill(a.hours, { n: Math.round(seconds / 3600) });
  return fill(a.days, { n: Math.round(seconds / 86400) });
}

/**
 * A report-only run (evaluation mode): walks the audience exactly as a run would, counts who would
 * be nudged and who is skipped and why, how many are in their quiet hours right now, and how long
 * sending would take at the campaign's pace. Sends nothing, installs nothing, writes no recipient.
 */
import { classifyTarget, countVerdict, emptyPreview } from './audience';
import type { Campaign, PreviewCounts } from './model';
import type { TargetSource } from './ports';
import { LocalHours } from './quietHours';

export interface ReportOnlyResult {
  campaignId: string;
  /** Employees who would be nudged, and everyone skipped by reason. */
  counts: PreviewCounts;
  /** Of those, in their quiet hours at `at` (their nudge would be deferred). */
  quietNow: number;
  /** Messages per second a run would use (the campaign's rate with its headroom). */
  ratePerSecond: number;
  /** Sending time at that pace, not counting quiet-hour deferrals. */
  estimatedMinutes: number;
  /** The first few who would be nudged (user principal names), for a spot check. */
  sample: string[];
  at: string;
}

export const REPORT_SAMPLE = 20;

export async function reportOnly(source: TargetSource, campaign: Campaign, at: Date): Promise<ReportOnlyResult> {
  const counts = emptyPreview();
  const hours = new LocalHours();
  const sample: string[] = [];
  let quietNow = 0;
  let cursor: string | undefined;
  const query = { tenantId: campaign.tenantId, audience: campaign.audience, excludeGroupId: campaign.excludeGroupId, pageSize: campaign.settings.pageSize };
  do {
    const page = await source.page(query, cursor);
    for (const user of page.users) {
      const verdict = classifyTarget(user);
      countVerdict(counts, verdict);
      if (verdict !== 'target') continue;
      if (campaign.settings.quietHours && hours.isQuiet(campaign.settings.quietHours, user.timeZone, at)) quietNow += 1;
      if (sample.length < REPORT_SAMPLE) sample.push(user.userPrincipalName ?? user.id);
    }
    cursor = page.next;
  } while (cursor !== undefined);
  const ratePerSecond = Math.round(campaign.settings.ratePerSecond * campaign.settings.headroom * 100) / 100;
  return {
    campaignId: campaign.id,
    counts,
    quietNow,
    ratePerSecond,
    estimatedMinutes: Math.ceil((counts.targets / ratePerSecond / 60) * 10) / 10,
    sample,
    at: at.toISOString(),
  };
}

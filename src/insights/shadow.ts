/**
 * Evaluation (shadow) mode in the insights: the "would have" records the backend and the campaign
 * service write (`tap.would_issue`, `device.would_delete`, `campaign.report_only`), counted apart
 * from what really happened, so a pilot shows what the product would have done.
 */
import type { AuditRecord } from '../storage/types';

export const SHADOW_ACTIONS = ['tap.would_issue', 'device.would_delete', 'campaign.report_only'] as const;

export interface ShadowCounts {
  passesWouldIssue: number;
  perApprover: Array<{ approver: string; count: number }>;
  devicesWouldDelete: number;
  campaignReports: number;
}

export function createShadowTally() {
  const perApprover = new Map<string, number>();
  const counts = { passesWouldIssue: 0, devicesWouldDelete: 0, campaignReports: 0 };
  return {
    /** True when the record is a shadow record (counted when `inWindow`). */
    add(r: AuditRecord, inWindow: boolean): boolean {
      if (!(SHADOW_ACTIONS as readonly string[]).includes(r.action)) return false;
      if (!inWindow) return true;
      if (r.action === 'tap.would_issue') {
        counts.passesWouldIssue++;
        perApprover.set(r.actor, (perApprover.get(r.actor) ?? 0) + 1);
      } else if (r.action === 'device.would_delete') counts.devicesWouldDelete++;
      else counts.campaignReports++;
      return true;
    },
    result(): ShadowCounts {
      return { ...counts, perApprover: [...perApprover].map(([approver, count]) => ({ approver, count })).sort((a, b) => b.count - a.count || a.approver.localeCompare(b.approver)) };
    },
  };
}

/** Who of the audience is nudged: guests, disabled accounts, the excluded group, registered users and those Microsoft's campaign nudges are left out. */
import type { PreviewCounts } from './model';
import type { TargetUser } from './ports';

export type Verdict = 'target' | 'guest' | 'disabled' | 'excluded' | 'registered' | 'microsoftCampaign';

export function classifyTarget(user: TargetUser): Verdict {
  if ((user.userType ?? 'member').toLowerCase() === 'guest') return 'guest';
  if (user.accountEnabled === false) return 'disabled';
  if (user.inExcludedGroup === true) return 'excluded';
  // No double nudging: Microsoft's registration campaign already prompts them after each MFA (docs/campaigns.md).
  if (user.microsoftNudge !== undefined) return 'microsoftCampaign';
  if (user.isMfaRegistered === true) return 'registered';
  return 'target';
}

export function emptyPreview(): PreviewCounts {
  return { targets: 0, skipped: { guest: 0, disabled: 0, excluded: 0, registered: 0, microsoftCampaign: 0 } };
}

export function countVerdict(counts: PreviewCounts, verdict: Verdict): void {
  if (verdict === 'target') counts.targets += 1;
  else counts.skipped[verdict] += 1;
}

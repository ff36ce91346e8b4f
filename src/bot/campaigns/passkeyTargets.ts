/**
 * The passkey audience's pages (`POST /v1/campaigns/passkey-targets`) as engine targets. The phone
 * cohorts are registered for MFA by definition, so `isMfaRegistered` is not passed on (the engine
 * would leave them out as "registered"); Microsoft's own nudge is (they are left out for it instead).
 */
import type { Audience } from '../../campaigns/model';
import type { TargetPage, TargetQuery, TargetUser } from '../../campaigns/ports';
import { AppError } from '../../shared/errors';
import type { CampaignBackend } from './targetSource';
import type { UserDirectory } from './userIndex';

type PasskeyAudience = Extract<Audience, { kind: 'passkey' }>;

export async function passkeyPage(
  backend: CampaignBackend,
  a: PasskeyAudience,
  query: TargetQuery,
  cursor: string | undefined,
  users?: Pick<UserDirectory, 'timeZones'>,
): Promise<TargetPage> {
  if (!backend.campaignPasskeyTargets) throw new AppError('config', 'the backend client has no passkey campaign methods');
  const page = await backend.campaignPasskeyTargets({
    cohorts: a.cohorts,
    readiness: a.readiness,
    ...(a.groupId ? { group: a.groupId } : {}),
    ...(query.excludeGroupId ? { excludeGroup: query.excludeGroupId } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
    pageSize: query.pageSize,
  });
  const zones = users ? await users.timeZones(query.tenantId, page.targets.map((t) => t.id)) : new Map<string, string>();
  const out: TargetUser[] = page.targets.map((t) => {
    const zone = zones.get(t.id);
    return {
      id: t.id,
      ...(t.upn ? { userPrincipalName: t.upn } : {}),
      ...(t.displayName ? { displayName: t.displayName } : {}),
      ...(t.userType ? { userType: t.userType } : {}),
      ...(t.accountEnabled !== undefined ? { accountEnabled: t.accountEnabled } : {}),
      ...(t.inExcludedGroup !== undefined ? { inExcludedGroup: t.inExcludedGroup } : {}),
      cohort: t.cohort,
      ...(t.microsoftNudge ? { microsoftNudge: t.microsoftNudge } : {}),
      ...(zone ? { timeZone: zone } : {}),
    };
  });
  return page.nextCursor === undefined ? { users: out } : { users: out, next: page.nextCursor };
}

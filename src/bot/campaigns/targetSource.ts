/**
 * The campaign engine's TargetSource over the backend: pages the audience lazily
 * (`POST /v1/campaigns/targets`, cursor = the Graph nextLink the backend handed out) and reads
 * registration state for results (`POST /v1/campaigns/registration`).
 */
import type { BackendClient } from '../../backend/client';
import type { RegistrationStatus, TargetPage, TargetQuery, TargetSource, TargetUser } from '../../campaigns/ports';
import { AppError } from '../../shared/errors';
import type { UserDirectory } from './userIndex';
import { passkeyPage } from './passkeyTargets';

export type CampaignBackend = Required<Pick<BackendClient, 'campaignTargets' | 'campaignInstall' | 'campaignRegistration'>> &
  Pick<BackendClient, 'campaignPasskeyTargets' | 'campaignCohortSnapshot'>;

/** The backend's campaign methods, or a config error naming what is missing. */
export function campaignBackend(backend: BackendClient): CampaignBackend {
  const { campaignTargets, campaignInstall, campaignRegistration, campaignPasskeyTargets, campaignCohortSnapshot } = backend;
  if (!campaignTargets || !campaignInstall || !campaignRegistration) throw new AppError('config', 'the backend client has no campaign methods');
  return {
    campaignTargets: (r) => campaignTargets.call(backend, r),
    campaignInstall: (r) => campaignInstall.call(backend, r),
    campaignRegistration: (r) => campaignRegistration.call(backend, r),
    ...(campaignPasskeyTargets ? { campaignPasskeyTargets: (r) => campaignPasskeyTargets.call(backend, r) } : {}),
    ...(campaignCohortSnapshot ? { campaignCohortSnapshot: (r) => campaignCohortSnapshot.call(backend, r) } : {}),
  };
}

export class BackendTargetSource implements TargetSource {
  constructor(
    private readonly backend: CampaignBackend,
    /** Time zones the bot has seen in each employee's Teams activities (quiet hours). */
    private readonly users?: Pick<UserDirectory, 'timeZones'>,
  ) {}

  async page(query: TargetQuery, cursor: string | undefined): Promise<TargetPage> {
    const a = query.audience;
    if (a.kind === 'passkey') return passkeyPage(this.backend, a, query, cursor, this.users);
    const page = await this.backend.campaignTargets({
      filter: a.kind === 'group' ? 'all' : 'notRegistered',
      ...(a.kind === 'group' ? { group: a.groupId } : {}),
      ...(query.excludeGroupId ? { excludeGroup: query.excludeGroupId } : {}),
      ...(cursor !== undefined ? { cursor } : {}),
      pageSize: query.pageSize,
    });
    const zones = this.users ? await this.users.timeZones(query.tenantId, page.targets.map((t) => t.id)) : new Map<string, string>();
    const users: TargetUser[] = page.targets.map((t) => {
      const zone = zones.get(t.id);
      return {
        id: t.id,
        ...(t.upn ? { userPrincipalName: t.upn } : {}),
        ...(t.displayName ? { displayName: t.displayName } : {}),
        ...(t.userType ? { userType: t.userType } : {}),
        ...(t.accountEnabled !== undefined ? { accountEnabled: t.accountEnabled } : {}),
        ...(t.isMfaRegistered !== undefined ? { isMfaRegistered: t.isMfaRegistered } : {}),
        ...(t.inExcludedGroup !== undefined ? { inExcludedGroup: t.inExcludedGroup } : {}),
        ...(zone ? { timeZone: zone } : {}),
      };
    });
    return page.nextCursor === undefined ? { users } : { users, next: page.nextCursor };
  }

  async registration(_tenantId: string, userIds: string[]): Promise<RegistrationStatus[]> {
    if (userIds.length === 0) return [];
    const { users } = await this.backend.campaignRegistration({ userIds });
    return users.map((u) => ({ id: u.id, isMfaRegistered: u.isMfaRegistered, ...(u.registeredAt ? { registeredAt: u.registeredAt } : {}) }));
  }
}

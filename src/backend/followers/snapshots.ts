/**
 * Snapshot followers: the registration report and the risky-users list, each read in one paged
 * walk and replaced as a whole (rows of the previous walk are dropped only after a complete one).
 */
import type { SnapshotKind } from '../../storage/followerTypes';
import type { Follower, FollowerDeps, FollowerName } from './types';
import { recorded, walk } from './walk';

const REGISTRATION_SELECT = 'id,userPrincipalName,userDisplayName,userType,isAdmin,isMfaRegistered,isMfaCapable,methodsRegistered,lastUpdatedDateTime';

function snapshotFollower(deps: FollowerDeps, name: FollowerName & SnapshotKind, url: string, intervalMs: number): Follower {
  return {
    name,
    intervalMs,
    run: () =>
      recorded(deps, name, async () => {
        const generation = deps.clock.now().getTime();
        let asOf = 0;
        await walk(deps, url, async (items) => {
          const rows = items.flatMap((r) => {
            if (typeof r.id !== 'string') return [];
            const updated = typeof r.lastUpdatedDateTime === 'string' ? Date.parse(r.lastUpdatedDateTime) : Number.NaN;
            if (Number.isFinite(updated)) asOf = Math.max(asOf, updated);
            return [{ userId: r.id, record: r }];
          });
          await deps.store.putRows(name, generation, rows);
        });
        await deps.store.finishSnapshot(name, generation);
        return asOf > 0 ? { dataAsOf: new Date(asOf).toISOString() } : {};
      }),
  };
}

export const registrationFollower = (deps: FollowerDeps, intervalMs: number): Follower =>
  snapshotFollower(deps, 'registration', `/reports/authenticationMethods/userRegistrationDetails?$select=${REGISTRATION_SELECT}&$top=1000`, intervalMs);

export const riskyUsersFollower = (deps: FollowerDeps, intervalMs: number): Follower =>
  snapshotFollower(deps, 'riskyUsers', '/identityProtection/riskyUsers?$top=500', intervalMs);

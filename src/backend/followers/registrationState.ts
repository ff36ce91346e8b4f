/**
 * Campaign results from the registration snapshot (one paged walk of the report by the follower),
 * never a Graph request per recipient: isMfaRegistered from the snapshot row, the registration
 * time from the first "User registered security info" audit event the follower kept.
 */
import type { FollowerStore } from '../../storage/followerTypes';
import type { RegistrationState } from '../graph/campaigns';

export async function registrationFromSnapshot(store: FollowerStore, userIds: string[]): Promise<RegistrationState[]> {
  return Promise.all(
    userIds.map(async (id): Promise<RegistrationState> => {
      const row = await store.rowOf('registration', id);
      if (row?.isMfaRegistered !== true) return { id, isMfaRegistered: false };
      const events = await store.eventsOf('securityInfo', id, 0);
      const times = events
        .filter((e) => e.activityDisplayName === 'User registered security info' && e.result === 'success')
        .map((e) => (typeof e.activityDateTime === 'string' ? e.activityDateTime : ''))
        .filter((t) => Number.isFinite(Date.parse(t)))
        .sort((a, b) => Date.parse(a) - Date.parse(b));
      return times[0] === undefined ? { id, isMfaRegistered: true } : { id, isMfaRegistered: true, registeredAt: new Date(Date.parse(times[0])).toISOString() };
    }),
  );
}

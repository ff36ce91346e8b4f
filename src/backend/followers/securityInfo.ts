/**
 * Security-info changes of the whole tenant from the directory audit log (loggedByService
 * "Authentication Methods"), followed incrementally like sign-ins. They tell when an employee
 * registered a method (campaign results) and when the registration snapshot is behind a change.
 */
import { odataDate } from '../graph/requests';
import type { Follower, FollowerDeps } from './types';
import { recorded, walk } from './walk';

export function securityInfoFollower(deps: FollowerDeps, opts: { intervalMs: number; retentionDays: number; overlapMs?: number }): Follower {
  const overlap = opts.overlapMs ?? 5 * 60_000;
  return {
    name: 'securityInfo',
    intervalMs: opts.intervalMs,
    run: () =>
      recorded(deps, 'securityInfo', async () => {
        const now = deps.clock.now().getTime();
        const floor = now - opts.retentionDays * 24 * 3600_000;
        const mark = Date.parse((await deps.store.progress('securityInfo'))?.watermark ?? '');
        const from = Number.isFinite(mark) ? Math.max(floor, mark - overlap) : floor;
        let newest = Number.isFinite(mark) ? mark : from;
        const filter = `loggedByService eq 'Authentication Methods' and activityDateTime ge ${odataDate(new Date(from))}`;
        await walk(deps, `/auditLogs/directoryAudits?$filter=${encodeURIComponent(filter)}&$top=1000`, async (items) => {
          const records = items.flatMap((r) => {
            const at = typeof r.activityDateTime === 'string' ? Date.parse(r.activityDateTime) : Number.NaN;
            const targets = Array.isArray(r.targetResources) ? (r.targetResources as Array<Record<string, unknown>>) : [];
            const userId = targets.find((t) => typeof t.id === 'string')?.id;
            if (typeof r.id !== 'string' || typeof userId !== 'string' || !Number.isFinite(at)) return [];
            newest = Math.max(newest, at);
            return [{ id: r.id, userId, atMs: at, record: r }];
          });
          await deps.store.putEvents('securityInfo', records);
        });
        await deps.store.pruneEvents('securityInfo', floor);
        return { watermark: new Date(Math.min(newest, now)).toISOString() };
      }),
  };
}

/**
 * Failed sign-ins of the whole tenant, followed incrementally: one request per interval (more only
 * when a burst fills a page of 1,000), from a watermark on createdDateTime. Sign-in logs arrive
 * late (minutes), so each read starts `overlapMs` before the watermark and records are kept by id.
 */
import { odataDate } from '../graph/requests';
import type { Follower, FollowerDeps, FollowerIntervals } from './types';
import { recorded, walk } from './walk';

export interface SignInFollowerOptions {
  intervalMs: FollowerIntervals['signIns'];
  /** How far back the first read goes, and how long records are kept (the diagnosis windows). */
  retentionHours: number;
  overlapMs?: number;
}

export function signInFollower(deps: FollowerDeps, opts: SignInFollowerOptions): Follower {
  const overlap = opts.overlapMs ?? 2 * 60_000;
  return {
    name: 'signIns',
    intervalMs: opts.intervalMs,
    run: () =>
      recorded(deps, 'signIns', async () => {
        const now = deps.clock.now().getTime();
        const progress = await deps.store.progress('signIns');
        const floor = now - opts.retentionHours * 3600_000;
        const mark = progress?.watermark !== undefined ? Date.parse(progress.watermark) : Number.NaN;
        const from = Number.isFinite(mark) ? Math.max(floor, mark - overlap) : floor;
        const filter = `createdDateTime ge ${odataDate(new Date(from))} and status/errorCode ne 0`;
        let newest = Number.isFinite(mark) ? mark : from;
        await walk(deps, `/auditLogs/signIns?$filter=${encodeURIComponent(filter)}&$top=1000`, async (items) => {
          const records = items.flatMap((r) => {
            const at = typeof r.createdDateTime === 'string' ? Date.parse(r.createdDateTime) : Number.NaN;
            if (typeof r.id !== 'string' || typeof r.userId !== 'string' || !Number.isFinite(at)) return [];
            newest = Math.max(newest, at);
            return [{ id: r.id, userId: r.userId, atMs: at, record: r }];
          });
          await deps.store.putEvents('signIns', records);
        });
        await deps.store.pruneEvents('signIns', floor);
        return { watermark: new Date(Math.min(newest, now)).toISOString() };
      }),
  };
}

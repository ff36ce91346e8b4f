/**
 * Runs each follower on its interval with an injected timer (tests drive it; production uses
 * setTimeout, unref'd). A run never overlaps the same follower's previous run.
 */
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { FollowerLease } from './lease';
import type { Follower, FollowerName } from './types';

export interface Timer {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimer: Timer = {
  set: (fn, ms) => {
    const h = setTimeout(fn, ms);
    h.unref();
    return h;
  },
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface RunningFollowers {
  /** Runs one follower now (or joins its run in progress). */
  runNow(name: FollowerName): Promise<void>;
  stop(): Promise<void>;
}

export interface SchedulerDeps {
  timer: Timer;
  clock: Clock;
  logger: Logger;
  /** Several instances on one store: only the lease holder runs a leased follower (lease.ts). */
  lease?: FollowerLease;
  /** Followers that write the shared store (the others keep their data in this instance). */
  leased?: readonly FollowerName[];
}

export function startFollowers(followers: Follower[], deps: SchedulerDeps): RunningFollowers {
  let stopped = false;
  const handles = new Map<FollowerName, unknown>();
  const running = new Map<FollowerName, Promise<void>>();

  const mayRun = async (f: Follower): Promise<boolean> =>
    !deps.lease || !deps.leased?.includes(f.name) || deps.lease.claim(f.name, Math.max(30_000, 3 * f.intervalMs));

  const runOnce = (f: Follower): Promise<void> => {
    const existing = running.get(f.name);
    if (existing) return existing;
    const p = mayRun(f)
      .then((mine) => (mine ? f.run() : deps.logger.debug({ follower: f.name }, 'another instance holds this follower\'s lease')))
      .catch((e: unknown) => deps.logger.warn({ follower: f.name, err: e instanceof Error ? e.message : String(e) }, 'follower read did not complete'))
      .finally(() => running.delete(f.name));
    running.set(f.name, p);
    return p;
  };

  const loop = (f: Follower) => {
    if (stopped) return;
    const started = deps.clock.now().getTime();
    void runOnce(f).then(() => {
      if (stopped) return;
      const wait = Math.max(0, f.intervalMs - (deps.clock.now().getTime() - started));
      handles.set(f.name, deps.timer.set(() => loop(f), wait));
    });
  };

  for (const f of followers) loop(f);

  return {
    runNow: async (name) => {
      const f = followers.find((x) => x.name === name);
      if (f) await runOnce(f);
    },
    async stop() {
      stopped = true;
      for (const h of handles.values()) deps.timer.clear(h);
      await Promise.all([...running.values()]);
    },
  };
}

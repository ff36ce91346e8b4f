/** The shape every tenant-wide follower shares, and what followers need. */
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { FollowerStore } from '../../storage/followerTypes';
import type { GraphExecutor } from '../graph/retry';

export type FollowerName = 'signIns' | 'riskyUsers' | 'securityInfo' | 'registration' | 'policies';

export interface Follower {
  name: FollowerName;
  /** Time between the start of one read and the next. */
  intervalMs: number;
  /** One complete read; throws when it could not complete (progress keeps the reason). */
  run(): Promise<void>;
}

export interface FollowerDeps {
  executor: GraphExecutor;
  store: FollowerStore;
  clock: Clock;
  logger: Logger;
  /** Graph root without /v1.0 (to make nextLinks relative). */
  baseUrl: string;
}

/** Intervals (ms). Reports budget: sign-ins 1 per 3 s + audits 1 per 30 s + the snapshot ≈ 3.7 of 5 per 10 s. */
export interface FollowerIntervals {
  signIns: number;
  riskyUsers: number;
  securityInfo: number;
  registration: number;
  policies: number;
}

export const DEFAULT_INTERVALS: FollowerIntervals = {
  signIns: 3_000,
  riskyUsers: 60_000,
  securityInfo: 30_000,
  registration: 10 * 60_000,
  policies: 5 * 60_000,
};

/** Evidence older than this many intervals is called stale. */
export const STALE_AFTER_INTERVALS = 3;

export class FollowerError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'FollowerError';
  }
}

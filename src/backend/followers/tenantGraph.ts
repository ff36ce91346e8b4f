/**
 * The backend's Graph for one tenant (issue 9): the budgeted gateway, the tenant-wide followers
 * that feed the store, and a diagnosis that reads them. Composed by startBackendService.
 */
import type { Config } from '../../config';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { FollowerStore } from '../../storage/followerTypes';
import type { BudgetKeeper } from '../budget/keeper';
import { createDirectoryGateway, graphTransports, realSleep } from '../graph/directoryGateway';
import { graphClientSettings } from '../graph/createGraphClient';
import { gatherFromFollowers } from '../graph/followerFacts';
import type { DirectoryGateway } from '../graph/gateway';
import { GraphExecutor } from '../graph/retry';
import { policyFollower } from './policies';
import { registrationFromSnapshot } from './registrationState';
import type { FollowerLease } from './lease';
import { startFollowers, type RunningFollowers, type Timer } from './scheduler';
import { securityInfoFollower } from './securityInfo';
import { signInFollower } from './signIns';
import { registrationFollower, riskyUsersFollower } from './snapshots';
import { DEFAULT_INTERVALS, STALE_AFTER_INTERVALS, type FollowerIntervals, type FollowerName } from './types';

export interface TenantGraphOptions {
  clock: Clock;
  logger: Logger;
  store: FollowerStore;
  timer: Timer;
  budget?: BudgetKeeper;
  sleep?: (ms: number) => Promise<void>;
  intervals?: Partial<FollowerIntervals>;
  /** Several backend instances on one shared store: one runs each store-writing follower. */
  lease?: FollowerLease;
}

export interface TenantGraph {
  gateway: DirectoryGateway;
  budget: BudgetKeeper;
  followers: RunningFollowers;
  stop(): Promise<void>;
}

export function startTenantGraph(config: Pick<Config, 'graph' | 'diagnosis'> & Partial<Pick<Config, 'campaigns'>>, opts: TenantGraphOptions): TenantGraph {
  const { read, tap, budget } = graphTransports(config, opts);
  const sleep = opts.sleep ?? realSleep;
  const base = createDirectoryGateway({
    graph: config.graph,
    diagnosis: config.diagnosis,
    read,
    tap,
    clock: opts.clock,
    logger: opts.logger,
    sleep,
    ...(config.campaigns ? { campaigns: { teamsAppId: config.campaigns.teamsAppCatalogId, excludedGroupId: config.campaigns.excludedGroupId } } : {}),
  });
  const executor = new GraphExecutor(read, { maxRetries: config.graph.maxRetries, sleep, random: Math.random, clock: opts.clock });
  const baseUrl = graphClientSettings(config.graph).baseUrl;
  const deps = { executor, store: opts.store, clock: opts.clock, logger: opts.logger, baseUrl };
  const intervals: FollowerIntervals = { ...DEFAULT_INTERVALS, ...opts.intervals, policies: opts.intervals?.policies ?? config.graph.policyCacheSeconds * 1000 };
  const signInHours = Math.max(config.diagnosis.recentHours, config.diagnosis.lockoutHours);
  const policies = policyFollower(deps, intervals.policies);
  const list = [
    signInFollower(deps, { intervalMs: intervals.signIns, retentionHours: signInHours }),
    securityInfoFollower(deps, { intervalMs: intervals.securityInfo, retentionDays: 30 }),
    registrationFollower(deps, intervals.registration),
    riskyUsersFollower(deps, intervals.riskyUsers),
    policies,
  ];
  const followers = startFollowers(list, {
    timer: opts.timer,
    clock: opts.clock,
    logger: opts.logger,
    // The policy follower keeps policies in this instance's memory: every instance runs it (on the shared budget).
    ...(opts.lease ? { lease: opts.lease, leased: ['signIns', 'securityInfo', 'registration', 'riskyUsers'] as const } : {}),
  });
  const staleAfterMs = Object.fromEntries(list.map((f) => [f.name, Math.max(10_000, STALE_AFTER_INTERVALS * f.intervalMs)])) as Record<FollowerName, number>;

  /** Evidence not read yet (first start): the diagnosis waits for that follower's first read. */
  const ensureFirstReads = async () => {
    const names: FollowerName[] = ['signIns', 'riskyUsers', 'registration', 'securityInfo'];
    await Promise.all(names.map(async (n) => ((await opts.store.progress(n))?.lastSuccessAt === undefined ? followers.runNow(n) : undefined)));
  };
  const gateway: DirectoryGateway = {
    ...base,
    async gatherFacts(userRef, o) {
      await ensureFirstReads();
      return gatherFromFollowers(
        { executor, store: opts.store, policies: () => policies.get(), clock: opts.clock, baseUrl, signInHours, staleAfterMs },
        userRef,
        o?.now ?? opts.clock.now(),
      );
    },
    ...(base.campaigns
      ? {
          campaigns: {
            ...base.campaigns,
            async registration(userIds) {
              if ((await opts.store.progress('registration'))?.lastSuccessAt === undefined) await followers.runNow('registration');
              return registrationFromSnapshot(opts.store, userIds);
            },
          },
        }
      : {}),
  };
  return { gateway, budget, followers, stop: () => followers.stop() };
}

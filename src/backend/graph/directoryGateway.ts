/**
 * The real DirectoryGateway: two Graph identities (read = diagnostic, tap = TAP-issuing), each
 * behind a retrying executor, plus the tenant-policy cache.
 */
import type { Config } from '../../config';
import { budgetedTransport } from '../budget/budgetedTransport';
import { BudgetKeeper } from '../budget/keeper';
import { MemoryBucketStore } from '../budget/stateStore';
import { budgetSpecs } from '../budget/workloads';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { limitConcurrency } from './concurrency';
import { createCampaignGraph, type CampaignGraphOptions } from './campaigns';
import { createContainmentGraph } from './containment';
import { createGraphClient, graphClientSettings } from './createGraphClient';
import { GraphRequestError } from './errors';
import type { DirectoryGateway } from './gateway';
import { gatherFacts } from './gatherFacts';
import type { TenantPolicies } from './policies';
import { SingleFlightCache } from './policyCache';
import { GraphExecutor } from './retry';
import { createClientTransport, type GraphTransport } from './transport';
import { getManager, getUser, listAuthenticationMethods, revokeSignInSessions } from './userOps';
import { checkMemberGroups, createTap, deleteDevice, deleteTap, getUserDevices, listTaps } from './writes';

export interface DirectoryGatewayDeps {
  graph: Config['graph'];
  diagnosis: Pick<Config['diagnosis'], 'recentHours'>;
  /** The read (diagnostic) identity's transport. */
  read: GraphTransport;
  /** The TAP-issuing identity's transport (UserAuthMethod-TAP.ReadWrite.All + User.RevokeSessions.All). */
  tap: GraphTransport;
  /** The containment identity's transport (per-method delete permissions, optionally User.EnableDisableAccount.All). */
  contain?: GraphTransport;
  /** The device-removal identity's transport (Device.ReadWrite.All only). */
  devices?: GraphTransport;
  /** The app-installation identity's transport (TeamsAppInstallation.ReadWriteForUser.All only). */
  apps?: GraphTransport;
  clock: Clock;
  logger: Logger;
  /** Injected so tests never wait; default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Defaults true. The naive benchmark baseline turns both off. */
  batching?: boolean;
  policyCache?: boolean;
  /** Registration-nudge campaigns: the Teams app catalog id and the always-excluded group. */
  campaigns?: Omit<CampaignGraphOptions, 'baseUrl'>;
}

/**
 * Builds the client on first use, so a process that never issues a TAP needs no TAP credentials,
 * and a credential that cannot be constructed (e.g. missing client id) is a typed config error.
 */
function lazyTransport(name: string, create: () => GraphTransport): GraphTransport {
  let transport: GraphTransport | undefined;
  const get = (): GraphTransport => {
    if (!transport) {
      try {
        transport = create();
      } catch (e) {
        throw new GraphRequestError(`the ${name} Graph identity is not configured (${e instanceof Error ? e.message.split('.')[0] : 'invalid'})`, 0, 'credential_invalid');
      }
    }
    return transport;
  };
  return { send: (call) => get().send(call), batch: (calls) => get().batch(calls) };
}

/** A transport for an identity the deployment did not configure: every call is a typed config error. */
function unconfigured(name: string): GraphTransport {
  const refuse = (): never => {
    throw new GraphRequestError(`the ${name} Graph identity is not configured`, 0, 'credential_invalid');
  };
  return { send: async () => refuse(), batch: async () => refuse() };
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createDirectoryGateway(deps: DirectoryGatewayDeps): DirectoryGateway {
  const retry = { maxRetries: deps.graph.maxRetries, sleep: deps.sleep ?? realSleep, random: deps.random ?? Math.random, clock: deps.clock };
  const read = new GraphExecutor(deps.read, retry);
  const tap = new GraphExecutor(deps.tap, retry);
  const contain = new GraphExecutor(deps.contain ?? unconfigured('containment'), retry);
  const devices = new GraphExecutor(deps.devices ?? unconfigured('device-removal'), retry);
  const apps = new GraphExecutor(deps.apps ?? unconfigured('app-installation'), retry);
  const cache = deps.policyCache === false ? undefined : new SingleFlightCache<TenantPolicies>(deps.graph.policyCacheSeconds * 1000, deps.clock);
  const gatherDeps = {
    executor: read,
    cache,
    batching: deps.batching !== false,
    baseUrl: graphClientSettings(deps.graph).baseUrl,
    recentHours: deps.diagnosis.recentHours,
    logger: deps.logger,
  };
  return {
    gatherFacts: (userRef, opts) => gatherFacts(gatherDeps, userRef, opts?.now ?? deps.clock.now()),
    getUserDevices: (userRef) => getUserDevices(read, userRef),
    // Writes never run as the diagnostic identity: each has its own narrowly scoped one (docs/permissions.md).
    deleteDevice: (objectId) => deleteDevice(devices, objectId),
    checkMemberGroups: (userId, groupIds) => checkMemberGroups(read, userId, groupIds),
    createTemporaryAccessPass: (userId, request) => createTap(tap, userId, request),
    listTemporaryAccessPasses: (userId) => listTaps(tap, userId),
    deleteTemporaryAccessPass: (userId, tapId) => deleteTap(tap, userId, tapId),
    getUser: (userRef) => getUser(read, userRef),
    getManager: (userRef) => getManager(read, userRef),
    listAuthenticationMethods: (userRef) => listAuthenticationMethods(read, userRef),
    // Session revocation is a write on the user: it belongs to the TAP-issuing identity (docs/permissions.md).
    revokeSignInSessions: (userRef) => revokeSignInSessions(tap, userRef),
    containment: createContainmentGraph(read, contain),
    // Report paging runs as the read identity, app installs as the app-installation identity (docs/campaigns.md).
    campaigns: createCampaignGraph(read, { ...deps.campaigns, installer: apps, baseUrl: `${graphClientSettings(deps.graph).baseUrl}/v1.0` }),
  };
}

/** The tenant's budget keeper when the caller brings none: in memory, for this process only. */
export function localBudgetKeeper(tenantId: string, clock: Clock, sleep: (ms: number) => Promise<void> = realSleep): BudgetKeeper {
  return new BudgetKeeper({ tenantId, specs: budgetSpecs(), store: new MemoryBucketStore(), clock, sleep });
}

export interface GraphGatewayOptions {
  clock: Clock;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  batching?: boolean;
  policyCache?: boolean;
  /** The tenant's budgets; every request of both identities takes its tokens here (default: a local keeper). */
  budget?: BudgetKeeper;
}

/** Both identities' transports, built from config, each request taking its tokens from the tenant's keeper. */
export function graphTransports(
  config: Pick<Config, 'graph'>,
  opts: Pick<GraphGatewayOptions, 'clock' | 'sleep' | 'budget'>,
): { read: GraphTransport; tap: GraphTransport; contain?: GraphTransport; devices?: GraphTransport; apps?: GraphTransport; budget: BudgetKeeper } {
  const budget = opts.budget ?? localBudgetKeeper(config.graph.tenantId, opts.clock, opts.sleep);
  const transport = (identity: Config['graph']['read'], name: string) =>
    budgetedTransport(
      limitConcurrency(lazyTransport(name, () => createClientTransport(createGraphClient(identity, config.graph), { timeoutMs: config.graph.timeoutMs }))),
      budget,
      { appId: identity.clientId || name },
    );
  const { contain, devices, apps } = config.graph;
  return {
    read: transport(config.graph.read, 'diagnostic'),
    tap: transport(config.graph.tap, 'TAP-issuing'),
    ...(contain ? { contain: transport(contain, 'containment') } : {}),
    ...(devices ? { devices: transport(devices, 'device-removal') } : {}),
    ...(apps ? { apps: transport(apps, 'app-installation') } : {}),
    budget,
  };
}

/** The production wiring: real Graph clients for both identities, built from config, behind the budget keeper. */
export function createGraphGateway(config: Pick<Config, 'graph' | 'diagnosis'> & Partial<Pick<Config, 'campaigns'>>, opts: GraphGatewayOptions): DirectoryGateway {
  const { read, tap, contain, devices, apps } = graphTransports(config, opts);
  return createDirectoryGateway({
    graph: config.graph,
    diagnosis: config.diagnosis,
    read,
    tap,
    ...(contain ? { contain } : {}),
    ...(devices ? { devices } : {}),
    ...(apps ? { apps } : {}),
    clock: opts.clock,
    logger: opts.logger,
    sleep: opts.sleep,
    batching: opts.batching,
    policyCache: opts.policyCache,
    ...(config.campaigns ? { campaigns: { teamsAppId: config.campaigns.teamsAppCatalogId, excludedGroupId: config.campaigns.excludedGroupId } } : {}),
  });
}

/**
 * gatherFacts: everything Graph knows about one employee, in at most two sequential round trips
 * (`POST /$batch`, ≤ 20 requests each). Round 1 uses the user reference as given (UPN or id);
 * round 2 holds only what needs the object id. When the reference is already an object id,
 * everything fits in round 1. Tenant-wide policies come from the single-flight cache.
 */
import { z } from 'zod';
import { AuthMethodSchema, DeviceSchema, GraphUserSchema, MembershipSchema, RegistrationDetailsSchema, SignInSchema, type DirectoryFacts, type FactGap, type SignIn } from '../../diagnosis/facts';
import type { Logger } from '../../shared/logger';
import { Collector } from './collect';
import { GraphRequestError, GraphUnavailableError, UserNotFoundError } from './errors';
import { gapFrom, graphErrorCode, invalidGap, isOk, parseEntity } from './parse';
import { assemblePolicies, policyCalls, type TenantPolicies } from './policies';
import { rolesOfUser } from './roleInstances';
import type { SingleFlightCache } from './policyCache';
import { isObjectId, relativeNextLink, urls } from './requests';
import { newMeter, type GraphExecutor, type GraphMeter } from './retry';
import type { GraphCall, GraphReply } from './transport';

export interface GatherDeps {
  executor: GraphExecutor;
  /** Absent: policies are fetched on every diagnosis (the naive baseline). */
  cache?: SingleFlightCache<TenantPolicies>;
  /** false: one request at a time, no $batch (the naive baseline). */
  batching: boolean;
  baseUrl: string;
  recentHours: number;
  logger: Logger;
}

export interface GatherResult {
  facts: DirectoryFacts;
  stats: { requests: number; roundTrips: number };
}

const RiskyUserSchema = z.object({ id: z.string().optional(), riskLevel: z.string().nullable().optional() }).passthrough();
const TRANSIENT = (s: number) => s === 429 || s >= 500;

async function run(deps: GatherDeps, calls: GraphCall[], meter: GraphMeter): Promise<Map<string, GraphReply>> {
  if (deps.batching) return deps.executor.batch(calls, meter);
  const out = new Map<string, GraphReply>();
  for (const call of calls) out.set(call.id, await deps.executor.send(call, meter));
  return out;
}

export function requireUser(ref: string, reply: GraphReply | undefined) {
  if (!reply) throw new GraphUnavailableError('Graph gave no answer for the user');
  if (reply.status === 404) throw new UserNotFoundError(ref);
  if (TRANSIENT(reply.status)) throw new GraphUnavailableError(`Graph kept failing (${reply.status}) reading the user`, { status: reply.status });
  if (!isOk(reply)) throw new GraphRequestError(`Graph refused to read the user (${reply.status} ${graphErrorCode(reply)})`, reply.status, graphErrorCode(reply));
  const parsed = parseEntity(GraphUserSchema, reply);
  if (!parsed.ok) throw new GraphRequestError(`Graph returned an unexpected user shape (${parsed.problem})`, reply.status, 'invalid_response');
  return parsed.value;
}

/** The per-person reads both diagnosis paths make (the rest comes from Graph or from the followers). */
export function personCollectors() {
  return {
    methods: new Collector(AuthMethodSchema),
    registeredDevices: new Collector(DeviceSchema),
    ownedDevices: new Collector(DeviceSchema),
    memberships: new Collector(MembershipSchema),
  };
}

export function personCalls(userRef: string): GraphCall[] {
  return [
    { id: 'user', method: 'GET', url: urls.user(userRef) },
    { id: 'methods', method: 'GET', url: urls.methods(userRef) },
    { id: 'registeredDevices', method: 'GET', url: urls.registeredDevices(userRef) },
    { id: 'ownedDevices', method: 'GET', url: urls.ownedDevices(userRef) },
    { id: 'memberships', method: 'GET', url: urls.memberships(userRef) },
  ];
}

export async function gatherFacts(deps: GatherDeps, userRef: string, now: Date): Promise<GatherResult> {
  const meter = newMeter();
  const since = new Date(now.getTime() - deps.recentHours * 3600_000);
  const byId = isObjectId(userRef);
  const collections = { ...personCollectors(), signIns: new Collector(SignInSchema) };
  type CollectionId = keyof typeof collections;

  const round1: GraphCall[] = [
    ...personCalls(userRef),
    { id: 'signIns', method: 'GET', url: urls.signIns(byId ? { userId: userRef } : { userPrincipalName: userRef }, since) },
  ];
  if (byId) {
    round1.push({ id: 'riskyUser', method: 'GET', url: urls.riskyUser(userRef) });
    round1.push({ id: 'registrationDetails', method: 'GET', url: urls.registrationDetails(userRef) });
  }
  const lookup = deps.cache?.lookup();
  if (!lookup || lookup.kind === 'miss') round1.push(...policyCalls());

  let policies: TenantPolicies | undefined;
  let replies1: Map<string, GraphReply>;
  try {
    replies1 = await run(deps, round1, meter);
    if (!lookup || lookup.kind === 'miss') {
      const assembled = assemblePolicies(replies1);
      policies = assembled.policies;
      if (lookup) lookup.fill(assembled.cacheable ? assembled.policies : undefined);
    }
  } finally {
    if (lookup?.kind === 'miss') lookup.fill(undefined); // no-op when already filled
  }
  if (lookup?.kind === 'hit') policies = lookup.value;

  const user = requireUser(userRef, replies1.get('user'));
  for (const id of Object.keys(collections) as CollectionId[]) collections[id].absorb(replies1.get(id));

  if (lookup?.kind === 'pending') policies = await lookup.promise;

  // Round 2: what needs the object id, policies whose shared fetch failed, and next pages.
  const round2: GraphCall[] = [];
  if (!byId) {
    round2.push({ id: 'riskyUser', method: 'GET', url: urls.riskyUser(user.id) });
    round2.push({ id: 'registrationDetails', method: 'GET', url: urls.registrationDetails(user.id) });
  }
  const signInFailure = collections.signIns.failure;
  if (!byId && signInFailure && signInFailure.status === 400) {
    // Round 1 could not filter by the UPN as given: filter by the object id instead.
    collections.signIns = new Collector(SignInSchema);
    round2.push({ id: 'signIns', method: 'GET', url: urls.signIns({ userId: user.id }, since) });
  }
  if (!policies) round2.push(...policyCalls());

  let replies2 = new Map<string, GraphReply>();
  for (let round = 0; round < 6; round++) {
    const pages: GraphCall[] = [];
    for (const id of Object.keys(collections) as CollectionId[]) {
      const next = collections[id].nextLink;
      const url = next && id !== 'signIns' ? relativeNextLink(next, deps.baseUrl) : undefined;
      if (url) pages.push({ id, method: 'GET', url });
    }
    const calls = round === 0 ? [...round2, ...pages] : pages;
    if (calls.length === 0) break;
    const replies = await run(deps, calls, meter);
    if (round === 0) replies2 = replies;
    for (const id of Object.keys(collections) as CollectionId[]) {
      if (replies.has(id)) collections[id].absorb(replies.get(id));
      else collections[id].nextLink = undefined;
    }
  }
  if (!policies) policies = assemblePolicies(replies2).policies;

  const gaps: FactGap[] = [...policies.gaps];
  const facts: DirectoryFacts = {
    user,
    methods: methodsOf(collections.methods),
    devices: devicesOf(collections.registeredDevices, collections.ownedDevices, gaps),
    memberships: listOrGap('memberships', collections.memberships, gaps),
    signIns: signInsOf(collections.signIns, user.id, gaps),
    riskLevel: riskLevelOf(replies1.get('riskyUser') ?? replies2.get('riskyUser'), gaps),
    registrationDetails: registrationOf(replies1.get('registrationDetails') ?? replies2.get('registrationDetails'), gaps),
    authenticationMethodsPolicy: policies.authenticationMethodsPolicy,
    deviceRegistrationPolicy: policies.deviceRegistrationPolicy,
    conditionalAccessPolicies: policies.conditionalAccessPolicies,
    namedLocations: policies.namedLocations,
    ...rolesOfUser(policies, user.id, collections.memberships.ok ? collections.memberships.items : []),
    gaps,
  };
  deps.logger.debug({ userId: user.id, requests: meter.requests, roundTrips: meter.roundTrips, retries: meter.retries, gaps: gaps.map((g) => g.source) }, 'graph facts gathered');
  return { facts, stats: { requests: meter.requests, roundTrips: meter.roundTrips } };
}

export function methodsOf(c: Collector<typeof AuthMethodSchema>) {
  const f = c.failure;
  if (f) {
    if (TRANSIENT(f.status)) throw new GraphUnavailableError(`Graph kept failing (${f.status}) reading authentication methods`, { status: f.status });
    throw new GraphRequestError(`Graph refused to read authentication methods (${f.status} ${graphErrorCode(f)}): the diagnostic identity needs UserAuthenticationMethod.Read.All`, f.status, graphErrorCode(f));
  }
  return c.items;
}

export function listOrGap<S extends z.ZodTypeAny>(source: FactGap['source'], c: Collector<S>, gaps: FactGap[]): Array<z.infer<S>> | null {
  if (c.failure) {
    gaps.push(gapFrom(source, c.failure));
    return null;
  }
  if (c.invalid > 0) gaps.push(invalidGap(source, c.invalid));
  return c.items;
}

export function devicesOf(registered: Collector<typeof DeviceSchema>, owned: Collector<typeof DeviceSchema>, gaps: FactGap[]) {
  const list = listOrGap('devices', registered, gaps);
  if (list === null) return null;
  if (owned.failure) gaps.push(gapFrom('devices', owned.failure));
  const byId = new Map(list.map((d) => [d.id, d]));
  for (const d of owned.items) if (!byId.has(d.id)) byId.set(d.id, d);
  return [...byId.values()];
}

function signInsOf(c: Collector<typeof SignInSchema>, userId: string, gaps: FactGap[]): SignIn[] | null {
  const list = listOrGap('signIns', c, gaps);
  if (list === null) return null;
  // Only the employee's own sign-ins count, newest first.
  return list.filter((s) => !s.userId || s.userId === userId).sort((a, b) => Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime));
}

function riskLevelOf(reply: GraphReply | undefined, gaps: FactGap[]): string | null {
  if (!reply) return null;
  if (!isOk(reply)) {
    gaps.push(gapFrom('riskyUser', reply));
    return null;
  }
  const parsed = parseEntity(RiskyUserSchema, reply);
  return parsed.ok ? (parsed.value.riskLevel ?? null) : null;
}

function registrationOf(reply: GraphReply | undefined, gaps: FactGap[]) {
  if (!reply) return null;
  if (!isOk(reply)) {
    gaps.push(gapFrom('registrationDetails', reply));
    return null;
  }
  const parsed = parseEntity(RegistrationDetailsSchema, reply);
  if (parsed.ok) return parsed.value;
  gaps.push({ source: 'registrationDetails', status: reply.status, code: 'invalid_response', reason: `unexpected shape (${parsed.problem})` });
  return null;
}

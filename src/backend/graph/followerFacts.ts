/**
 * gatherFacts from the tenant-wide followers (issue 9): Graph is called per employee only for what
 * has no tenant-wide form (user, methods, devices, memberships: one $batch on the directory
 * budget); sign-ins, risk, the registration row and security-info events come from the store, the
 * policies from the policy follower. Every source says how old it is.
 */
import { RegistrationDetailsSchema, SignInSchema, type DirectoryFacts, type FactGap, type SignIn } from '../../diagnosis/facts';
import type { Clock } from '../../shared/clock';
import type { FollowerProgress, FollowerStore } from '../../storage/followerTypes';
import type { EvidenceAge } from '../api/freshness';
import type { PolicyView } from '../followers/policies';
import type { FollowerName } from '../followers/types';
import { devicesOf, listOrGap, methodsOf, personCalls, personCollectors, requireUser } from './gatherFacts';
import { relativeNextLink } from './requests';
import { newMeter, type GraphExecutor } from './retry';
import type { GraphCall } from './transport';

export interface FollowerFactsDeps {
  executor: GraphExecutor;
  store: FollowerStore;
  policies: () => Promise<PolicyView>;
  clock: Clock;
  baseUrl: string;
  /** The sign-in window of the diagnosis (max of recent and lockout hours). */
  signInHours: number;
  /** Per follower: evidence older than this is stale. */
  staleAfterMs: Record<FollowerName, number>;
}

function age(deps: FollowerFactsDeps, source: EvidenceAge['source'], name: FollowerName, p: FollowerProgress | undefined, now: number): EvidenceAge {
  const at = p?.lastSuccessAt;
  if (at === undefined) return { source, state: 'pending', asOf: null, ageSeconds: null, reason: p?.lastError ?? 'not read yet' };
  const ageMs = Math.max(0, now - Date.parse(at));
  const stale = ageMs > deps.staleAfterMs[name];
  return {
    source,
    state: stale ? 'stale' : 'fresh',
    asOf: at,
    ageSeconds: Math.round(ageMs / 1000),
    ...(stale ? { reason: p?.lastError ?? 'the follower is behind' } : {}),
  };
}

export async function gatherFromFollowers(deps: FollowerFactsDeps, userRef: string, now: Date) {
  const meter = newMeter();
  const collections = personCollectors();
  type Id = keyof typeof collections;
  const calls: GraphCall[] = personCalls(userRef);
  const policiesPromise = deps.policies();
  policiesPromise.catch(() => undefined);
  const first = await deps.executor.batch(calls, meter);
  const user = requireUser(userRef, first.get('user'));
  for (const id of Object.keys(collections) as Id[]) collections[id].absorb(first.get(id));
  for (let round = 0; round < 4; round++) {
    const pages: GraphCall[] = [];
    for (const id of Object.keys(collections) as Id[]) {
      const next = collections[id].nextLink;
      const url = next ? relativeNextLink(next, deps.baseUrl) : undefined;
      if (url) pages.push({ id, method: 'GET', url });
    }
    if (pages.length === 0) break;
    const replies = await deps.executor.batch(pages, meter);
    for (const id of Object.keys(collections) as Id[]) {
      if (replies.has(id)) collections[id].absorb(replies.get(id));
      else collections[id].nextLink = undefined;
    }
  }

  const at = now.getTime();
  const wall = deps.clock.now().getTime();
  const [signInRows, riskRow, registrationRow, securityInfo, progress, policyView] = await Promise.all([
    deps.store.eventsOf('signIns', user.id, at - deps.signInHours * 3600_000),
    deps.store.rowOf('riskyUsers', user.id),
    deps.store.rowOf('registration', user.id),
    deps.store.eventsOf('securityInfo', user.id, at - 30 * 24 * 3600_000),
    Promise.all((['signIns', 'riskyUsers', 'registration', 'securityInfo'] as const).map(async (n) => [n, await deps.store.progress(n)] as const)),
    policiesPromise,
  ]);
  const p = Object.fromEntries(progress) as Record<'signIns' | 'riskyUsers' | 'registration' | 'securityInfo', FollowerProgress | undefined>;

  const gaps: FactGap[] = [...policyView.policies.gaps];
  const evidence: EvidenceAge[] = [
    { source: 'directory', state: 'live', asOf: new Date(wall).toISOString(), ageSeconds: 0 },
    age(deps, 'signIns', 'signIns', p.signIns, wall),
    age(deps, 'riskyUser', 'riskyUsers', p.riskyUsers, wall),
    age(deps, 'registrationDetails', 'registration', p.registration, wall),
    age(deps, 'securityInfo', 'securityInfo', p.securityInfo, wall),
    { source: 'policies', state: 'fresh', asOf: policyView.asOf, ageSeconds: Math.round(Math.max(0, wall - Date.parse(policyView.asOf)) / 1000) },
  ];
  const state = (s: EvidenceAge['source']) => evidence.find((e) => e.source === s)?.state;

  const signIns: SignIn[] | null =
    state('signIns') === 'pending'
      ? null
      : signInRows.flatMap((r) => {
          const parsed = SignInSchema.safeParse(r);
          return parsed.success ? [parsed.data] : [];
        });
  // A row is missing when the employee is newer than the snapshot: say so, do not guess.
  const registration = registrationRow ? RegistrationDetailsSchema.safeParse(registrationRow) : undefined;
  const reg = evidence.find((e) => e.source === 'registrationDetails');
  if (reg && reg.state !== 'pending' && !registrationRow) Object.assign(reg, { state: 'pending', reason: 'the employee is not in the last registration snapshot' });
  const lastChange = securityInfo[0]?.activityDateTime;
  const rowUpdated = registrationRow?.lastUpdatedDateTime;
  if (reg && typeof lastChange === 'string' && typeof rowUpdated === 'string' && Date.parse(lastChange) > Date.parse(rowUpdated)) {
    Object.assign(reg, { state: 'stale', reason: `security info changed at ${lastChange}, after the report row (${rowUpdated})` });
  }
  const risk = state('riskyUser') === 'pending' ? null : typeof riskRow?.riskLevel === 'string' ? riskRow.riskLevel : 'none';

  const facts: DirectoryFacts = {
    user,
    methods: methodsOf(collections.methods),
    devices: devicesOf(collections.registeredDevices, collections.ownedDevices, gaps),
    memberships: listOrGap('memberships', collections.memberships, gaps),
    signIns: signIns === null ? null : signIns.sort((a, b) => Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime)),
    riskLevel: risk,
    registrationDetails: registration?.success ? registration.data : null,
    authenticationMethodsPolicy: policyView.policies.authenticationMethodsPolicy,
    deviceRegistrationPolicy: policyView.policies.deviceRegistrationPolicy,
    conditionalAccessPolicies: policyView.policies.conditionalAccessPolicies,
    namedLocations: policyView.policies.namedLocations,
    gaps,
  };
  return { facts, stats: { requests: meter.requests, roundTrips: meter.roundTrips }, evidence };
}

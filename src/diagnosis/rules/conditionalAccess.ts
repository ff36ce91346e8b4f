/**
 * Conditional Access on "register security information": blocks (53003 / 53010, or addresses outside
 * the trusted locations the policy excludes — an IPv6 address against IPv4-only locations counts),
 * requires MFA while the user has no usable method, or requires a compliant / joined device.
 */
import type { Draft } from '../catalog';
import { hasUsableMfaMethod, signInEvidence, type DiagnosisContext, type SignInFact } from '../context';
import {
  appliesAt, compileLocations, excludedTrustedLocations, grantsOf, isRegistrationPolicy, locationEvidence, usersApply,
  type LocationInfo, type Where,
} from '../caPolicy';
import type { ConditionalAccessPolicy } from '../facts';
import { fedSignIns, signInList } from './common';

const where = (s: SignInFact): Where => ({ ...(s.ip ? { ip: s.ip } : {}), ...(s.raw.location ? { country: s.raw.location.countryOrRegion ?? null } : {}) });
const policyRef = (p: ConditionalAccessPolicy): Record<string, unknown> => ({ id: p.id, displayName: p.displayName ?? null, state: p.state });
const failedPolicies = (s: SignInFact) => (s.raw.appliedConditionalAccessPolicies ?? []).filter((p) => (p.result ?? '').toLowerCase() === 'failure');
/** Trusted locations exist and every one of their ranges is IPv4. */
const onlyIpv4 = (locs: LocationInfo[]): boolean => locs.length > 0 && locs.every((l) => l.ranges.length > 0 && l.ranges.every((r) => r.family === 4));
const familyOf = (s: SignInFact): string | null => (s.ip ? (s.ip.family === 4 ? 'IPv4' : 'IPv6') : null);

/** The newest recent sign-in with an address, plus the others of its session window. */
function latestSession(ctx: DiagnosisContext): SignInFact[] {
  const withIp = ctx.recent.filter((s) => s.ip);
  const newest = withIp[0];
  if (!newest) return [];
  const windowMs = ctx.settings.sessionWindowMinutes * 60_000;
  return withIp.filter((s) => newest.at - s.at <= windowMs);
}

function blocksRegistration(ctx: DiagnosisContext, policies: ConditionalAccessPolicy[], locations: Map<string, LocationInfo>, caKnown: boolean): Draft | undefined {
  const blockers = policies.filter((p) => grantsOf(p).blocks);
  const trusted = (p: ConditionalAccessPolicy) => excludedTrustedLocations(p, locations).map(locationEvidence);

  // 1. A recent 53003 / 53010 whose record names a registration policy as failed (or hides the details).
  for (const s of fedSignIns(ctx, 'CA_BLOCKS_REGISTRATION')) {
    const failed = failedPolicies(s);
    const named = failed.find((f) => policies.some((p) => p.id.toLowerCase() === f.id.toLowerCase()));
    const usable = named !== undefined || !caKnown || (failed.length === 0 && blockers.length > 0);
    if (!usable) continue;
    const policy = named ? policies.find((p) => p.id.toLowerCase() === named.id.toLowerCase()) : blockers[0];
    const trustedLocs = policy ? excludedTrustedLocations(policy, locations) : [];
    const ipv6Only = s.ip?.family === 6 && onlyIpv4(trustedLocs);
    return {
      code: 'CA_BLOCKS_REGISTRATION',
      directness: 1,
      at: s.at,
      evidence: {
        policy: policy ? policyRef(policy) : named ? { id: named.id, displayName: named.displayName ?? null } : null,
        ...(caKnown ? {} : { policySource: 'signIn', failedPolicies: failed.map((f) => ({ id: f.id, displayName: f.displayName ?? null })) }),
        signIn: signInEvidence(s),
        ipFamily: familyOf(s),
        trustedLocations: policy ? trusted(policy) : [],
        ...(ipv6Only ? { ipv6AgainstIpv4OnlyLocations: true } : {}),
      },
      vars: {
        locations: trustedLocs.map((l) => l.displayName ?? l.id).join(', '),
        ...(policy?.displayName ? { policy: policy.displayName } : named?.displayName ? { policy: named.displayName } : {}),
        ...(ipv6Only ? { ipv6Only: true } : {}),
      },
    };
  }

  // 2. No error code: the newest sign-ins come from addresses where a blocking policy applies.
  const session = latestSession(ctx);
  for (const p of blockers) {
    const outside = session.filter((s) => appliesAt(p, where(s), locations) === true);
    const trustedLocs = excludedTrustedLocations(p, locations);
    const ipv4Only = onlyIpv4(trustedLocs);
    const policyName = p.displayName ? { policy: p.displayName } : {};
    const locationsText = trustedLocs.map((l) => l.displayName ?? l.id).join(', ');
    if (session.length > 0 && outside.length === session.length) {
      return {
        code: 'CA_BLOCKS_REGISTRATION',
        directness: 2,
        ...(session[0] ? { at: session[0].at } : {}),
        evidence: {
          policy: policyRef(p),
          signIns: outside.slice(0, 5).map((s) => ({ ...signInEvidence(s), ipFamily: familyOf(s) })),
          trustedLocations: trustedLocs.map(locationEvidence),
          ipv6AgainstIpv4OnlyLocations: ipv4Only && outside.some((s) => s.ip?.family === 6),
        },
        vars: { locations: locationsText, ...policyName, ...(ipv4Only && session[0]?.ip?.family === 6 ? { ipv6Only: true } : {}) },
      };
    }
    if (session.length === 0 && ctx.client?.ipFamily === 'ipv6' && ipv4Only) {
      return {
        code: 'CA_BLOCKS_REGISTRATION',
        directness: 2,
        evidence: { policy: policyRef(p), clientIpFamily: 'ipv6', trustedLocations: trustedLocs.map(locationEvidence), ipv6AgainstIpv4OnlyLocations: true },
        vars: { locations: locationsText, ...policyName, ipv6Only: true },
      };
    }
    if (session.length === 0 && !p.conditions.locations) {
      return { code: 'CA_BLOCKS_REGISTRATION', directness: 3, evidence: { policy: policyRef(p), unconditional: true, trustedLocations: [] } };
    }
  }
  return undefined;
}

function requiresMfa(ctx: DiagnosisContext, policies: ConditionalAccessPolicy[], locations: Map<string, LocationInfo>): Draft | undefined {
  if (hasUsableMfaMethod(ctx)) return undefined;
  const session = latestSession(ctx);
  const newest = session[0];
  for (const p of policies) {
    const g = grantsOf(p);
    if (g.blocks || !g.requiresMfa) continue;
    const here = newest ? appliesAt(p, where(newest), locations) : undefined;
    if (here === false) continue;
    return {
      code: 'CA_REQUIRES_MFA_TO_REGISTER',
      directness: here === true ? 2 : 3,
      ...(here === true && newest ? { at: newest.at } : {}),
      evidence: {
        policy: policyRef(p),
        grantControls: g.controls,
        authenticationStrength: p.grantControls?.authenticationStrength?.id ?? null,
        usableMfaMethods: 0,
        registeredMethods: ctx.directory.methods.map((m) => m['@odata.type']),
        ...(newest && here === true ? { signIn: signInEvidence(newest) } : {}),
      },
    };
  }
  return undefined;
}

function requiresDevice(ctx: DiagnosisContext, policies: ConditionalAccessPolicy[], caKnown: boolean): Draft | undefined {
  const devicePolicies = policies.filter((p) => grantsOf(p).requiresDevice && !grantsOf(p).blocks);
  const coded = fedSignIns(ctx, 'CA_REQUIRES_COMPLIANT_DEVICE');
  const newestCoded = coded[0];
  if (newestCoded) {
    const failed = failedPolicies(newestCoded);
    const policy = devicePolicies.find((p) => failed.some((f) => f.id.toLowerCase() === p.id.toLowerCase())) ?? devicePolicies[0];
    return {
      code: 'CA_REQUIRES_COMPLIANT_DEVICE',
      directness: 1,
      at: newestCoded.at,
      evidence: {
        policy: policy ? policyRef(policy) : null,
        ...(caKnown ? {} : { policySource: 'signIn' }),
        failedPolicies: failed.map((f) => ({ id: f.id, displayName: f.displayName ?? null })),
        signIns: signInList(coded),
        deviceDetail: newestCoded.raw.deviceDetail ?? null,
      },
    };
  }
  const newest = ctx.recent[0];
  const detail = newest?.raw.deviceDetail;
  if (!newest || !detail) return undefined;
  for (const p of devicePolicies) {
    const controls = grantsOf(p).controls;
    const trust = (detail.trustType ?? '').toLowerCase();
    const checks: boolean[] = [];
    if (controls.includes('compliantdevice')) checks.push(detail.isCompliant === true);
    if (controls.includes('domainjoineddevice')) checks.push(trust === 'azuread' || trust === 'serverad');
    const and = (p.grantControls?.operator ?? 'OR').toUpperCase() === 'AND';
    const failing = and ? checks.some((c) => !c) : checks.every((c) => !c);
    if (failing) {
      return {
        code: 'CA_REQUIRES_COMPLIANT_DEVICE',
        directness: 2,
        at: newest.at,
        evidence: { policy: policyRef(p), grantControls: controls, signIn: signInEvidence(newest), deviceDetail: detail },
      };
    }
  }
  return undefined;
}

export function conditionalAccessRules(ctx: DiagnosisContext): Draft[] {
  const all = ctx.directory.conditionalAccessPolicies;
  const caKnown = all !== null;
  const policies = (all ?? []).filter((p) => isRegistrationPolicy(p) && usersApply(p, ctx.subject));
  const locations = compileLocations(ctx.directory.namedLocations);
  return [blocksRegistration(ctx, policies, locations, caKnown), requiresMfa(ctx, policies, locations), requiresDevice(ctx, policies, caKnown)].filter(
    (d): d is Draft => d !== undefined,
  );
}

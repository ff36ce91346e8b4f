/**
 * Conditional Access evaluation for one user (entra-graph.md §7): which enabled policies target the
 * "register security information" user action and include (not exclude) the user, and whether a
 * policy's location condition applies at a given address (IPv4 + IPv6 CIDR, country locations).
 * Report-only (`enabledForReportingButNotEnforced`) and `disabled` policies never count.
 */
import type { ConditionalAccessPolicy, NamedLocation } from './facts';
import { cidrContains, parseCidr, type CidrRange, type IpAddress } from './ip';
import type { Subject } from './subject';

export const REGISTER_SECURITY_INFO = 'urn:user:registersecurityinfo';

export interface LocationInfo {
  id: string;
  displayName: string | null;
  trusted: boolean;
  kind: 'ip' | 'country';
  ranges: CidrRange[];
  countries: string[];
  includeUnknown: boolean;
}

export interface Where {
  ip?: IpAddress;
  country?: string | null;
}

const lower = (s: string | null | undefined): string => (s ?? '').toLowerCase();
const list = (v: string[] | null | undefined): string[] => (v ?? []).map(lower);

export function compileLocations(locations: NamedLocation[] | null): Map<string, LocationInfo> {
  const out = new Map<string, LocationInfo>();
  for (const l of locations ?? []) {
    const isCountry = lower(l['@odata.type']).includes('country');
    const ranges = (l.ipRanges ?? []).map((r) => parseCidr(r.cidrAddress)).filter((r): r is CidrRange => r !== undefined);
    const includeUnknown = l['includeUnknownCountriesAndRegions'] === true;
    out.set(lower(l.id), {
      id: l.id,
      displayName: l.displayName ?? null,
      trusted: !isCountry && l.isTrusted === true,
      kind: isCountry ? 'country' : 'ip',
      ranges,
      countries: (l.countriesAndRegions ?? []).map((c) => c.toUpperCase()),
      includeUnknown,
    });
  }
  return out;
}

export function usersApply(policy: ConditionalAccessPolicy, subject: Subject): boolean {
  const u = policy.conditions.users;
  if (!u) return false;
  const guestHit = (key: 'includeGuestsOrExternalUsers' | 'excludeGuestsOrExternalUsers', users: string[]): boolean =>
    subject.isGuest && (users.includes('guestsorexternalusers') || (u[key] !== null && u[key] !== undefined));
  const includeUsers = list(u.includeUsers);
  const excludeUsers = list(u.excludeUsers);
  const included =
    includeUsers.includes('all') ||
    includeUsers.includes(subject.userId) ||
    guestHit('includeGuestsOrExternalUsers', includeUsers) ||
    list(u.includeGroups).some((g) => subject.groupIds.has(g)) ||
    list(u.includeRoles).some((r) => subject.roleIds.has(r));
  if (!included) return false;
  const excluded =
    excludeUsers.includes(subject.userId) ||
    guestHit('excludeGuestsOrExternalUsers', excludeUsers) ||
    list(u.excludeGroups).some((g) => subject.groupIds.has(g)) ||
    list(u.excludeRoles).some((r) => subject.roleIds.has(r));
  return !excluded;
}

export function isRegistrationPolicy(policy: ConditionalAccessPolicy): boolean {
  return lower(policy.state) === 'enabled' && list(policy.conditions.applications?.includeUserActions).includes(REGISTER_SECURITY_INFO);
}

export function grantsOf(policy: ConditionalAccessPolicy): { controls: string[]; requiresMfa: boolean; blocks: boolean; requiresDevice: boolean } {
  const controls = list(policy.grantControls?.builtInControls);
  const strength = policy.grantControls?.authenticationStrength ?? null;
  return {
    controls,
    blocks: controls.includes('block'),
    requiresMfa: controls.includes('mfa') || (strength !== null && strength !== undefined),
    requiresDevice: controls.includes('compliantdevice') || controls.includes('domainjoineddevice'),
  };
}

function inLocation(ref: string, where: Where, locations: Map<string, LocationInfo>): boolean | undefined {
  if (ref === 'all') return true;
  if (ref === 'alltrusted') {
    if (!where.ip) return undefined;
    const ip = where.ip;
    return [...locations.values()].some((l) => l.trusted && l.ranges.some((r) => cidrContains(r, ip)));
  }
  const loc = locations.get(ref);
  if (!loc) return false;
  if (loc.kind === 'country') {
    if (where.country === undefined) return undefined;
    return where.country ? loc.countries.includes(where.country.toUpperCase()) : loc.includeUnknown;
  }
  if (!where.ip) return undefined;
  const ip = where.ip;
  return loc.ranges.some((r) => cidrContains(r, ip));
}

/** Does the policy's location condition apply here? `undefined` when the address is unknown. */
export function appliesAt(policy: ConditionalAccessPolicy, where: Where, locations: Map<string, LocationInfo>): boolean | undefined {
  const cond = policy.conditions.locations;
  if (!cond) return true;
  const include = list(cond.includeLocations);
  const exclude = list(cond.excludeLocations);
  const inc = include.length === 0 ? true : anyOf(include.map((r) => inLocation(r, where, locations)));
  if (inc === false) return false;
  const exc = anyOf(exclude.map((r) => inLocation(r, where, locations)));
  if (exc === true) return false;
  if (inc === undefined || exc === undefined) return undefined;
  return true;
}

function anyOf(values: Array<boolean | undefined>): boolean | undefined {
  if (values.includes(true)) return true;
  return values.includes(undefined) ? undefined : false;
}

/** The trusted named locations a policy excludes (directly or through `AllTrusted`), for evidence. */
export function excludedTrustedLocations(policy: ConditionalAccessPolicy, locations: Map<string, LocationInfo>): LocationInfo[] {
  const exclude = list(policy.conditions.locations?.excludeLocations);
  if (exclude.includes('alltrusted')) return [...locations.values()].filter((l) => l.trusted);
  return exclude.map((id) => locations.get(id)).filter((l): l is LocationInfo => l !== undefined && l.kind === 'ip');
}

export function locationEvidence(l: LocationInfo): Record<string, unknown> {
  return { id: l.id, displayName: l.displayName, isTrusted: l.trusted, ipRanges: l.ranges.map((r) => r.text), ...(l.kind === 'country' ? { countriesAndRegions: l.countries } : {}) };
}

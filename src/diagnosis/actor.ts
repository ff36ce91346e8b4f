/**
 * Who must act on a finding, from its fix owner and its evidence. The catalogue's owner is the
 * contract's (findings.md); the evidence can only move a finding *up* to the admin: an IPv6
 * connection against trusted locations that list only IPv4 ranges is a tenant setting nobody but
 * IT can change, whatever the employee does with their network.
 */
import type { Evidence, FixOwner } from './types';

export type Actor = 'employee' | 'helpdesk' | 'admin';

export interface ActorInput {
  code: string;
  fix?: FixOwner | string;
  evidence?: Evidence;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The trusted locations the evidence names, with their ranges as text. */
function trustedRanges(evidence: Evidence): string[][] {
  const list = evidence.trustedLocations;
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((l) => (Array.isArray(l.ipRanges) ? l.ipRanges.filter((r): r is string => typeof r === 'string') : []));
}

/** The connection's IP family as the evidence states it (`IPv4` / `IPv6`), newest first. */
export function connectionFamily(evidence: Evidence): 'IPv4' | 'IPv6' | undefined {
  const fam = (v: unknown) => (typeof v === 'string' ? (/6/.test(v) ? 'IPv6' : /4/.test(v) ? 'IPv4' : undefined) : undefined);
  const direct = fam(evidence.ipFamily) ?? fam(evidence.clientIpFamily);
  if (direct) return direct;
  const first = Array.isArray(evidence.signIns) ? evidence.signIns.find(isObject) : undefined;
  return first ? fam(first.ipFamily) : undefined;
}

/** The address the evidence names (the failing sign-in's, or the newest of the session). */
export function connectionAddress(evidence: Evidence): string | undefined {
  const one = isObject(evidence.signIn) ? evidence.signIn.ipAddress : undefined;
  if (typeof one === 'string') return one;
  const first = Array.isArray(evidence.signIns) ? evidence.signIns.find(isObject) : undefined;
  return typeof first?.ipAddress === 'string' ? first.ipAddress : undefined;
}

/** An IPv6 connection judged against trusted locations whose ranges are all IPv4. */
export function ipv6AgainstIpv4Only(evidence: Evidence | undefined): boolean {
  if (!evidence) return false;
  if (evidence.ipv6AgainstIpv4OnlyLocations === true) return true;
  const ranges = trustedRanges(evidence);
  const allV4 = ranges.length > 0 && ranges.every((r) => r.length > 0 && r.every((x) => !x.includes(':')));
  return allV4 && connectionFamily(evidence) === 'IPv6';
}

export function actorOf(f: ActorInput): Actor {
  if (f.code === 'CA_BLOCKS_REGISTRATION' && ipv6AgainstIpv4Only(f.evidence)) return 'admin';
  if (f.fix === 'admin') return 'admin';
  if (f.fix === 'helpdesk') return 'helpdesk';
  return 'employee';
}

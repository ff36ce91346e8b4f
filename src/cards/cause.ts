/**
 * The cause a helpdesk agent needs to verify, in visible words (the policy's name, IPv6 against
 * IPv4-only trusted locations, the address): shown on the employee's card and on agent cards, so
 * nobody has to open the collapsed details to know what to check.
 */
import { actorOf, connectionAddress, connectionFamily, ipv6AgainstIpv4Only, type ActorInput } from '../diagnosis/actor';
import { fill, type Strings } from '../i18n/en';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function policyName(evidence: Record<string, unknown>): string | undefined {
  const p = evidence.policy;
  if (isObject(p)) return typeof p.displayName === 'string' ? p.displayName : typeof p.id === 'string' ? p.id : undefined;
  if (typeof evidence.policyName === 'string') return evidence.policyName;
  const failed = Array.isArray(evidence.failedPolicies) ? evidence.failedPolicies.find(isObject) : undefined;
  return typeof failed?.displayName === 'string' ? failed.displayName : undefined;
}

export function locationNames(evidence: Record<string, unknown>): string | undefined {
  const list = Array.isArray(evidence.trustedLocations) ? evidence.trustedLocations.filter(isObject) : [];
  const names = list.map((l) => (typeof l.displayName === 'string' ? l.displayName : typeof l.id === 'string' ? l.id : '')).filter(Boolean);
  return names.length > 0 ? names.map((n) => `“${n}”`).join(', ') : undefined;
}

/** One sentence, or undefined when the finding has no cause worth stating beyond its title. */
export function causeLine(s: Strings, f: ActorInput, formatTime: (iso: string) => string): string | undefined {
  const e = f.evidence ?? {};
  const c = s.advice.cause;
  if (f.code === 'ACCOUNT_LOCKED' && typeof e.lastLockoutAt === 'string') return fill(c.lockout, { at: formatTime(e.lastLockoutAt) });
  const policy = policyName(e);
  if (f.code === 'CA_BLOCKS_REGISTRATION') {
    const ip = connectionAddress(e);
    const family = connectionFamily(e);
    const vars = { policy: policy ?? c.unnamedPolicy, locations: locationNames(e) ?? c.unnamedLocations };
    if (ipv6AgainstIpv4Only(e)) return fill(c.ipv6, { ...vars, ip: ip ? ` (${ip})` : '' });
    if (ip || family) return fill(c.outside, { ...vars, ip: ` ${[ip, family ? `(${family})` : ''].filter(Boolean).join(' ')}` });
  }
  if (policy && f.code.startsWith('CA_')) return fill(c.policy, { policy });
  return undefined;
}

/** What an agent must do about an admin fix (the IPv6 case), or undefined. */
export function agentFixLine(s: Strings, f: ActorInput): string | undefined {
  if (f.code === 'CA_BLOCKS_REGISTRATION' && actorOf(f) === 'admin') {
    return fill(s.advice.agentFix.ipv6, { locations: locationNames(f.evidence ?? {}) ?? s.advice.cause.unnamedLocations });
  }
  return undefined;
}

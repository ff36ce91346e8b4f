/**
 * The authentication methods policy as it applies to one user (entra-graph.md §4.3): a configuration
 * applies when its state is `enabled`, the user is included (`all_users`, their id, a group they are
 * in) and not excluded (exclude wins). A configuration absent from a present policy is disabled; a
 * tenant with no policy object uses NEW_TENANT_METHOD_DEFAULTS.
 */
import type { AuthenticationMethodsPolicy, DirectoryFacts, MethodConfiguration } from './facts';
import { NEW_TENANT_METHOD_DEFAULTS } from './knowledge/methodDefaults';
import { buildSubject, targetMatches, targetUnknown, type Subject } from './subject';
import type { MethodAvailability, MethodConfigStatus, TapPolicySummary } from './types';

const KNOWN_CONFIG_IDS = ['MicrosoftAuthenticator', 'Sms', 'Voice', 'Fido2', 'SoftwareOath', 'HardwareOath', 'Email', 'TemporaryAccessPass', 'X509Certificate', 'QRCodePin'];

/** `temporaryAccessPass` and `TemporaryAccessPass` both appear in Microsoft's samples: use one spelling. */
export function canonicalConfigId(id: string): string {
  const lowerId = id.toLowerCase();
  return KNOWN_CONFIG_IDS.find((k) => k.toLowerCase() === lowerId) ?? id;
}

export function configurationsOf(policy: AuthenticationMethodsPolicy | null): { configs: readonly MethodConfiguration[]; source: 'policy' | 'default' } {
  if (policy === null) return { configs: NEW_TENANT_METHOD_DEFAULTS, source: 'default' };
  return { configs: policy.authenticationMethodConfigurations ?? [], source: 'policy' };
}

export function evaluateConfiguration(config: MethodConfiguration, subject: Subject, source: 'policy' | 'default'): MethodConfigStatus {
  const base = { configId: config.id, source, state: config.state };
  if (config.state.toLowerCase() !== 'enabled') return { ...base, enabled: false, reason: 'disabled' };
  const includes = config.includeTargets ?? [];
  const excludes = config.excludeTargets ?? [];
  const excludedBy = excludes.filter((t) => targetMatches(t, subject)).map((t) => t.id);
  if (excludedBy.length > 0) return { ...base, enabled: false, reason: 'excluded', targets: excludedBy };
  const unknown = excludes.some((t) => targetUnknown(t, subject)) || (!includes.some((t) => targetMatches(t, subject)) && includes.some((t) => targetUnknown(t, subject)));
  if (!includes.some((t) => targetMatches(t, subject))) {
    return { ...base, enabled: false, reason: 'notIncluded', targets: includes.map((t) => t.id), ...(unknown ? { membershipUnknown: true } : {}) };
  }
  return { ...base, enabled: true, ...(unknown ? { membershipUnknown: true } : {}) };
}

/** Evaluate every configuration for an already-built subject (used by diagnose(); no re-parsing). */
export function evaluateMethodPolicyFor(policy: AuthenticationMethodsPolicy | null, subject: Subject): MethodAvailability {
  const { configs, source } = configurationsOf(policy);
  const out: MethodAvailability = {};
  for (const c of configs) {
    const id = canonicalConfigId(c.id);
    out[id] = { ...evaluateConfiguration(c, subject, source), configId: id };
  }
  for (const id of KNOWN_CONFIG_IDS) {
    if (!out[id]) out[id] = { configId: id, enabled: false, source, state: null, reason: 'absent' };
  }
  return out;
}

/** Per method configuration id: is it enabled for this user, and if not, why. */
export function evaluateMethodPolicy(directory: DirectoryFacts): MethodAvailability {
  return evaluateMethodPolicyFor(directory.authenticationMethodsPolicy, buildSubject(directory));
}

export function tapPolicySummary(policy: AuthenticationMethodsPolicy | null): TapPolicySummary {
  const tap = configurationsOf(policy).configs.find((c) => c.id.toLowerCase() === 'temporaryaccesspass');
  const min = tap?.minimumLifetimeInMinutes ?? 60;
  const max = tap?.maximumLifetimeInMinutes ?? 480;
  return { min, max, default: tap?.defaultLifetimeInMinutes ?? Math.min(Math.max(60, min), max), isUsableOnce: tap?.isUsableOnce ?? false };
}

function isExternalGuest(directory: DirectoryFacts): boolean {
  const u = directory.user;
  if ((u.userType ?? '').toLowerCase() !== 'guest') return false;
  const creationType = typeof u['creationType'] === 'string' ? u['creationType'] : '';
  return (u.userPrincipalName ?? '').toUpperCase().includes('#EXT#') || creationType === 'Invitation';
}

/** May a TAP be created for this user? (policy state + targets; external guests never, entra-graph.md §3.4). */
export function isTapAllowedForUser(directory: DirectoryFacts): { allowed: boolean; reason?: string; policy: TapPolicySummary } {
  const policy = tapPolicySummary(directory.authenticationMethodsPolicy);
  if (isExternalGuest(directory)) return { allowed: false, reason: 'externalGuest', policy };
  const status = evaluateMethodPolicy(directory)['TemporaryAccessPass'];
  if (!status || !status.enabled) return { allowed: false, reason: status?.reason ?? 'absent', policy };
  return { allowed: true, policy };
}

/**
 * userRegistrationDetails rows, derived from a user's methods + the methods policy when the
 * fixture does not give one (a fixture row overrides the derived properties it names). Rows are
 * cached per user and recomputed only after that user or the tenant changes (revision).
 *
 * Like Microsoft's report (entra-graph.md §8.1) the rows served are a snapshot: taken for the whole
 * tenant at the first request of each refresh interval (`simulation.registrationRefreshMinutes`,
 * default 60, aligned on the tenant clock), so a change shows up only after the next refresh.
 * A row's `lastUpdatedDateTime` is the refresh at which it last changed. Users created after the
 * snapshot are not in it. `simulation.workloadLimits: false` serves live rows instead.
 */
import type { Clock } from '../../shared/clock';
import type { JsonObject, SimTenant, SimUser } from '../types';
import { methodConfiguration, type Membership } from './membership';

/** aaGuids of Microsoft Authenticator passkeys (iOS, Android). */
const AUTHENTICATOR_AAGUIDS = new Set(['90a3ccdf-635c-4729-a248-9b709135078f', 'de1e552d-db1d-4423-a619-566b625cdc84']);

type Kind = 'mobilePhone' | 'alternateMobilePhone' | 'officePhone' | 'email' | 'microsoftAuthenticatorPush' | 'softwareOneTimePasscode' | 'fido2' | 'passKeyDeviceBoundAuthenticator' | 'passKeySynced' | 'windowsHelloForBusiness' | 'macOsSecureEnclaveKey';

export function methodKind(m: JsonObject): Kind | undefined {
  const type = String(m['@odata.type'] ?? '').replace('#microsoft.graph.', '');
  switch (type) {
    case 'phoneAuthenticationMethod':
      return m.phoneType === 'alternateMobile' ? 'alternateMobilePhone' : m.phoneType === 'office' ? 'officePhone' : 'mobilePhone';
    case 'emailAuthenticationMethod': return 'email';
    case 'microsoftAuthenticatorAuthenticationMethod': return 'microsoftAuthenticatorPush';
    case 'softwareOathAuthenticationMethod': return 'softwareOneTimePasscode';
    case 'fido2AuthenticationMethod':
      // entra-graph-2026.md §16.4: synced passkeys are reported as passKeySynced.
      if (m.passkeyType === 'synced') return 'passKeySynced';
      return AUTHENTICATOR_AAGUIDS.has(String(m.aaGuid ?? '').toLowerCase()) ? 'passKeyDeviceBoundAuthenticator' : 'fido2';
    case 'windowsHelloForBusinessAuthenticationMethod': return 'windowsHelloForBusiness';
    case 'platformCredentialAuthenticationMethod': return 'macOsSecureEnclaveKey';
    default: return undefined;
  }
}

const STRONG: ReadonlySet<Kind> = new Set<Kind>(['mobilePhone', 'alternateMobilePhone', 'officePhone', 'microsoftAuthenticatorPush', 'softwareOneTimePasscode', 'fido2', 'passKeyDeviceBoundAuthenticator', 'passKeySynced', 'windowsHelloForBusiness', 'macOsSecureEnclaveKey']);
const PASSWORDLESS: ReadonlySet<Kind> = new Set<Kind>(['fido2', 'passKeyDeviceBoundAuthenticator', 'passKeySynced', 'windowsHelloForBusiness', 'macOsSecureEnclaveKey']);
const SSPR: ReadonlySet<Kind> = new Set<Kind>(['email', 'mobilePhone', 'alternateMobilePhone', 'microsoftAuthenticatorPush', 'softwareOneTimePasscode']);

const DEFAULT_REFRESH_MS = 60 * 60_000;

function sameRow(a: JsonObject, b: JsonObject): boolean {
  const strip = (r: JsonObject) => JSON.stringify({ ...r, lastUpdatedDateTime: null });
  return strip(a) === strip(b);
}

export function createRegistrationDetails(tenant: SimTenant, membership: Membership, clock: Clock) {
  const cache = new WeakMap<SimUser, { key: string; row: JsonObject }>();

  function allowed(user: SimUser, kind: Kind): boolean {
    const ok = (id: string) => membership.isAllowed(user, methodConfiguration(tenant, id));
    switch (kind) {
      case 'mobilePhone':
      case 'alternateMobilePhone': return ok('Sms') || ok('Voice');
      case 'officePhone': return ok('Voice');
      case 'email': return ok('Email');
      case 'microsoftAuthenticatorPush': return ok('MicrosoftAuthenticator');
      case 'softwareOneTimePasscode':
        return ok('SoftwareOath') || (ok('MicrosoftAuthenticator') && methodConfiguration(tenant, 'MicrosoftAuthenticator')?.isSoftwareOathEnabled === true);
      case 'fido2':
      case 'passKeyDeviceBoundAuthenticator':
      case 'passKeySynced': return ok('Fido2');
      case 'windowsHelloForBusiness':
      case 'macOsSecureEnclaveKey': return true;
    }
  }

  function derive(user: SimUser): JsonObject {
    const kinds = [...new Set(user.methods.map(methodKind).filter((k): k is Kind => k !== undefined))];
    const usable = kinds.filter((k) => allowed(user, k));
    const has = (k: Kind) => kinds.includes(k);
    const member = String(user.props.userType ?? 'Member').toLowerCase() !== 'guest';
    const ssprRegistered = kinds.some((k) => SSPR.has(k));
    const preferred = has('microsoftAuthenticatorPush') ? 'push' : has('softwareOneTimePasscode') ? 'oath' : has('mobilePhone') ? 'sms'
      : has('alternateMobilePhone') ? 'voiceAlternateMobile' : has('officePhone') ? 'voiceOffice' : 'none';
    const systemPreferred = usable.some((k) => k === 'fido2' || k === 'passKeyDeviceBoundAuthenticator' || k === 'passKeySynced') ? ['Fido2']
      : usable.includes('microsoftAuthenticatorPush') ? ['PhoneAppNotification']
      : usable.includes('softwareOneTimePasscode') ? ['SoftwareOath']
      : usable.includes('mobilePhone') ? ['Sms'] : [];
    const row: JsonObject = {
      id: user.id,
      isAdmin: membership.rolesOf(user).length > 0,
      isMfaCapable: usable.some((k) => STRONG.has(k)),
      isMfaRegistered: kinds.some((k) => STRONG.has(k)),
      isPasswordlessCapable: usable.some((k) => PASSWORDLESS.has(k)),
      isSsprCapable: member && ssprRegistered && user.props.accountEnabled !== false,
      isSsprEnabled: member,
      isSsprRegistered: ssprRegistered,
      isSystemPreferredAuthenticationMethodEnabled: true,
      lastUpdatedDateTime: clock.now().toISOString(),
      methodsRegistered: kinds,
      systemPreferredAuthenticationMethods: systemPreferred,
      userDisplayName: user.props.displayName ?? null,
      userPreferredMethodForSecondaryAuthentication: preferred,
      userPrincipalName: user.upn,
      userType: member ? 'member' : 'guest',
    };
    return user.registrationDetails ? { ...row, ...user.registrationDetails, id: user.id } : row;
  }

  function liveRow(user: SimUser): JsonObject {
    const key = `${user.revision}:${tenant.revision}`;
    const hit = cache.get(user);
    if (hit && hit.key === key) return hit.row;
    const row = derive(user);
    cache.set(user, { key, row });
    return row;
  }

  let snapshot: { tick: number; rows: WeakMap<SimUser, JsonObject> } | undefined;

  function refreshMs(): number {
    const minutes = tenant.simulation.registrationRefreshMinutes;
    return typeof minutes === 'number' && minutes > 0 ? minutes * 60_000 : DEFAULT_REFRESH_MS;
  }

  function snapshotRows(): WeakMap<SimUser, JsonObject> {
    const interval = refreshMs();
    const tick = Math.floor(clock.now().getTime() / interval) * interval;
    if (snapshot && snapshot.tick === tick) return snapshot.rows;
    const previous = snapshot?.rows;
    const rows = new WeakMap<SimUser, JsonObject>();
    const at = new Date(tick).toISOString();
    for (const user of tenant.users) {
      const row = liveRow(user);
      const before = previous?.get(user);
      const stamp = user.registrationDetails?.lastUpdatedDateTime ?? (before !== undefined && sameRow(before, row) ? before.lastUpdatedDateTime : at);
      rows.set(user, { ...row, lastUpdatedDateTime: stamp ?? at });
    }
    snapshot = { tick, rows };
    return rows;
  }

  return {
    /** The row the report serves for this user, or undefined when the user is not in the snapshot yet. */
    rowOf(user: SimUser): JsonObject | undefined {
      if (!tenant.simulation.workloadLimits) return liveRow(user);
      return snapshotRows().get(user);
    },
  };
}

export type RegistrationDetails = ReturnType<typeof createRegistrationDetails>;

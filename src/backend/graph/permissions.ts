/**
 * The one table of Graph application permissions (issue 9): every Graph endpoint the backend calls
 * → the identity that calls it → the permission(s) it needs. docs/permissions.md, the grant steps of
 * docs/deploy.md and the simulator's local app registrations are checked against it by
 * tests/unit/backend/permissions.test.ts, which also holds each row against the simulator's
 * permission map (so the docs can grant neither less than the code needs nor more than it uses).
 */
import { urls } from './requests';

export type GraphIdentity = 'diagnostic' | 'tap' | 'containment' | 'devices' | 'apps';

/** Where each identity runs and how it is configured (docs/permissions.md, docs/deploy.md, infra/azure.bicep). */
export const IDENTITIES: Readonly<Record<GraphIdentity, { service: 'backend' | 'issuer'; configPrefix: string; name: string }>> = {
  diagnostic: { service: 'backend', configPrefix: 'GRAPH', name: 'diagnostic (read-only)' },
  devices: { service: 'backend', configPrefix: 'DEVICE_GRAPH', name: 'device removal' },
  apps: { service: 'backend', configPrefix: 'APPS_GRAPH', name: 'app installation' },
  tap: { service: 'issuer', configPrefix: 'TAP_GRAPH', name: 'TAP issuer' },
  containment: { service: 'issuer', configPrefix: 'CONTAIN_GRAPH', name: 'containment' },
};

/** Why a feature needs the permission; optional features only need it when enabled. */
export type Feature = 'diagnosis' | 'approvals' | 'deviceRemoval' | 'campaigns' | 'tapIssuance' | 'sessionRevocation' | 'containment' | 'signInBlock';

export interface PermissionRow {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A request exactly as the backend builds it (relative to /v1.0). */
  sample: string;
  identity: GraphIdentity;
  /** Application permissions this identity holds for the call (all of them are used by it). */
  permissions: string[];
  /**
   * Permissions that widen what the call returns rather than allow it (e.g. directory-role
   * properties in transitiveMemberOf, entra-graph-2026.md §18.6).
   */
  properties?: string[];
  feature: Feature;
}

const U = '30000000-0000-0000-0000-000000000001';

/** Typed method collections the containment identity may delete from, each with its narrowest permission. */
export const CONTAINMENT_DELETES: ReadonlyArray<readonly [string, string]> = [
  ['phoneMethods', 'UserAuthMethod-Phone.ReadWrite.All'],
  ['emailMethods', 'UserAuthMethod-Email.ReadWrite.All'],
  ['microsoftAuthenticatorMethods', 'UserAuthMethod-MicrosoftAuthApp.ReadWrite.All'],
  ['softwareOathMethods', 'UserAuthMethod-SoftwareOATH.ReadWrite.All'],
  ['fido2Methods', 'UserAuthMethod-Passkey.ReadWrite.All'],
  ['windowsHelloForBusinessMethods', 'UserAuthMethod-WindowsHello.ReadWrite.All'],
  ['platformCredentialMethods', 'UserAuthMethod-PlatformCred.ReadWrite.All'],
];
const REPORT = '/reports/authenticationMethods/userRegistrationDetails';

export const GRAPH_PERMISSION_TABLE: readonly PermissionRow[] = [
  { method: 'GET', sample: urls.user(U), identity: 'diagnostic', permissions: ['User.Read.All'], feature: 'diagnosis' },
  { method: 'GET', sample: urls.manager(U), identity: 'diagnostic', permissions: ['User.Read.All'], feature: 'approvals' },
  { method: 'GET', sample: urls.methods(U), identity: 'diagnostic', permissions: ['UserAuthenticationMethod.Read.All'], feature: 'diagnosis' },
  { method: 'GET', sample: urls.registeredDevices(U), identity: 'diagnostic', permissions: ['User.Read.All', 'Device.Read.All'], feature: 'diagnosis' },
  { method: 'GET', sample: urls.ownedDevices(U), identity: 'diagnostic', permissions: ['User.Read.All', 'Device.Read.All'], feature: 'diagnosis' },
  {
    method: 'GET', sample: urls.memberships(U), identity: 'diagnostic', permissions: ['User.Read.All', 'GroupMember.Read.All'],
    properties: ['RoleManagement.Read.Directory'], feature: 'diagnosis',
  },
  { method: 'GET', sample: urls.signIns({ userId: U }, new Date('2026-11-26T00:00:00Z')), identity: 'diagnostic', permissions: ['AuditLog.Read.All'], feature: 'diagnosis' },
  { method: 'GET', sample: urls.registrationDetails(U), identity: 'diagnostic', permissions: ['AuditLog.Read.All'], feature: 'diagnosis' },
  { method: 'GET', sample: urls.riskyUser(U), identity: 'diagnostic', permissions: ['IdentityRiskyUser.Read.All'], feature: 'diagnosis' },
  { method: 'GET', sample: urls.authenticationMethodsPolicy(), identity: 'diagnostic', permissions: ['Policy.Read.All'], feature: 'diagnosis' },
  { method: 'GET', sample: urls.deviceRegistrationPolicy(), identity: 'diagnostic', permissions: ['Policy.Read.All'], feature: 'diagnosis' },
  { method: 'GET', sample: urls.conditionalAccess(), identity: 'diagnostic', permissions: ['Policy.Read.All'], feature: 'diagnosis' },
  { method: 'GET', sample: urls.namedLocations(), identity: 'diagnostic', permissions: ['Policy.Read.All'], feature: 'diagnosis' },
  { method: 'GET', sample: urls.roleEligibilityInstances(), identity: 'diagnostic', permissions: ['RoleManagement.Read.Directory'], feature: 'diagnosis' },
  { method: 'GET', sample: urls.roleAssignmentInstances(), identity: 'diagnostic', permissions: ['RoleManagement.Read.Directory'], feature: 'diagnosis' },
  { method: 'POST', sample: urls.checkMemberGroups(U), identity: 'diagnostic', permissions: ['User.Read.All', 'GroupMember.Read.All'], feature: 'approvals' },
  { method: 'DELETE', sample: urls.device('40000000-0000-0000-0000-000000000001'), identity: 'devices', permissions: ['Device.ReadWrite.All'], feature: 'deviceRemoval' },
  { method: 'GET', sample: `${REPORT}?$select=id`, identity: 'diagnostic', permissions: ['AuditLog.Read.All'], feature: 'campaigns' },
  { method: 'POST', sample: `/users/${U}/teamwork/installedApps`, identity: 'apps', permissions: ['TeamsAppInstallation.ReadWriteForUser.All'], feature: 'campaigns' },
  { method: 'POST', sample: urls.taps(U), identity: 'tap', permissions: ['UserAuthMethod-TAP.ReadWrite.All'], feature: 'tapIssuance' },
  { method: 'GET', sample: urls.taps(U), identity: 'tap', permissions: ['UserAuthMethod-TAP.ReadWrite.All'], feature: 'tapIssuance' },
  { method: 'DELETE', sample: urls.tap(U, 'tap-id'), identity: 'tap', permissions: ['UserAuthMethod-TAP.ReadWrite.All'], feature: 'tapIssuance' },
  { method: 'POST', sample: urls.revokeSignInSessions(U), identity: 'tap', permissions: ['User.RevokeSessions.All'], feature: 'sessionRevocation' },
  // "This wasn't me": the diagnostic identity reads who registered what (§21.1), the containment
  // identity deletes exactly those methods, one narrow permission per method type (§21.4).
  { method: 'GET', sample: urls.securityInfoAudits(U, new Date('2026-11-26T00:00:00Z')), identity: 'diagnostic', permissions: ['AuditLog.Read.All'], feature: 'containment' },
  ...CONTAINMENT_DELETES.map(([collection, permission]): PermissionRow => ({
    method: 'DELETE', sample: urls.typedMethod(U, collection, 'method-id'), identity: 'containment', permissions: [permission], feature: 'containment',
  })),
  { method: 'PATCH', sample: urls.userUpdate(U), identity: 'containment', permissions: ['User.EnableDisableAccount.All', 'User.Read.All'], feature: 'signInBlock' },
];

/** Features a deployment may leave off: their permissions are granted only when enabled. */
export const OPTIONAL_FEATURES: ReadonlySet<Feature> = new Set<Feature>(['deviceRemoval', 'campaigns', 'signInBlock']);

/** Every permission to grant an identity, sorted; `optional` = only for optional features. */
export function grantsFor(identity: GraphIdentity): { required: string[]; optional: string[] } {
  const required = new Set<string>();
  const optional = new Set<string>();
  for (const row of GRAPH_PERMISSION_TABLE) {
    if (row.identity !== identity) continue;
    for (const p of [...row.permissions, ...(row.properties ?? [])]) (OPTIONAL_FEATURES.has(row.feature) ? optional : required).add(p);
  }
  for (const p of required) optional.delete(p);
  return { required: [...required].sort(), optional: [...optional].sort() };
}

/** The Graph requests the gateway sends (relative URLs, no /v1.0), built in one place. */

/** Object ids are GUIDs; anything else is treated as a user principal name. */
export function isObjectId(ref: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
}

/** A user id or UPN as a path segment (`#` of guest UPNs must be encoded; `@` may stay). */
export function userSegment(ref: string): string {
  return encodeURIComponent(ref).replace(/%40/g, '@');
}

/** OData string literal: single quotes are doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** ISO 8601 without fractional seconds, as the sign-in log filter examples use. */
export function odataDate(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const USER_SELECT = [
  'id',
  'userPrincipalName',
  'displayName',
  'mail',
  'accountEnabled',
  'userType',
  'createdDateTime',
  'onPremisesSyncEnabled',
  'usageLocation',
  'externalUserState',
  // Directory phone numbers: the helpdesk's call-back (never numbers given in chat).
  'businessPhones',
  'mobilePhone',
  // First and last name: Entra Account Recovery matches the verified identity on them.
  'givenName',
  'surname',
].join(',');

export const SIGN_IN_TOP = 50;

export const urls = {
  user: (ref: string) => `/users/${userSegment(ref)}?$select=${USER_SELECT}`,
  methods: (ref: string) => `/users/${userSegment(ref)}/authentication/methods`,
  registeredDevices: (ref: string) => `/users/${userSegment(ref)}/registeredDevices`,
  ownedDevices: (ref: string) => `/users/${userSegment(ref)}/ownedDevices`,
  memberships: (ref: string) => `/users/${userSegment(ref)}/transitiveMemberOf`,
  signIns(by: { userId: string } | { userPrincipalName: string }, since: Date): string {
    const who = 'userId' in by ? `userId eq ${odataString(by.userId)}` : `userPrincipalName eq ${odataString(by.userPrincipalName)}`;
    const filter = `${who} and createdDateTime ge ${odataDate(since)}`;
    return `/auditLogs/signIns?$filter=${encodeURIComponent(filter)}&$top=${SIGN_IN_TOP}`;
  },
  riskyUser: (id: string) => `/identityProtection/riskyUsers/${userSegment(id)}`,
  registrationDetails: (id: string) => `/reports/authenticationMethods/userRegistrationDetails/${userSegment(id)}`,
  authenticationMethodsPolicy: () => '/policies/authenticationMethodsPolicy',
  deviceRegistrationPolicy: () => '/policies/deviceRegistrationPolicy',
  conditionalAccess: () => '/identity/conditionalAccess/policies',
  namedLocations: () => '/identity/conditionalAccess/namedLocations',
  /** Tenant-wide PIM instances (entra-graph-2026.md §18.1), cached with the policies. */
  roleEligibilityInstances: () => '/roleManagement/directory/roleEligibilityScheduleInstances',
  roleAssignmentInstances: () => '/roleManagement/directory/roleAssignmentScheduleInstances',
  device: (objectId: string) => `/devices/${encodeURIComponent(objectId)}`,
  checkMemberGroups: (userId: string) => `/users/${userSegment(userId)}/checkMemberGroups`,
  taps: (ref: string) => `/users/${userSegment(ref)}/authentication/temporaryAccessPassMethods`,
  manager: (ref: string) => `/users/${userSegment(ref)}/manager?$select=id,displayName,userPrincipalName,businessPhones,mobilePhone`,
  revokeSignInSessions: (ref: string) => `/users/${userSegment(ref)}/revokeSignInSessions`,
  tap: (ref: string, tapId: string) => `/users/${userSegment(ref)}/authentication/temporaryAccessPassMethods/${encodeURIComponent(tapId)}`,
  /** One method in its typed collection, e.g. `phoneMethods` (entra-graph-2026.md §21.4). */
  typedMethod: (ref: string, collection: string, methodId: string) => `/users/${userSegment(ref)}/authentication/${collection}/${encodeURIComponent(methodId)}`,
  /** PATCH target for accountEnabled (block sign-in after a reported takeover). */
  userUpdate: (ref: string) => `/users/${userSegment(ref)}`,
  /** Security-info registrations and updates of one user since an instant (§21.1). */
  securityInfoAudits(userId: string, since: Date): string {
    const filter = `loggedByService eq 'Authentication Methods' and activityDateTime ge ${odataDate(since)} and targetResources/any(t: t/id eq ${odataString(userId)})`;
    return `/auditLogs/directoryAudits?$filter=${encodeURIComponent(filter)}&$top=100`;
  },
};

/**
 * `@odata.nextLink` is absolute (https://graph.microsoft.com/v1.0/...); a $batch needs it relative
 * to the version root. Returns undefined for a link to another host.
 */
export function relativeNextLink(nextLink: string, baseUrl: string): string | undefined {
  try {
    const link = new URL(nextLink);
    const base = new URL(baseUrl);
    if (link.host.toLowerCase() !== base.host.toLowerCase() && link.hostname.toLowerCase() !== 'graph.microsoft.com') return undefined;
    const path = link.pathname.replace(/^\/v1\.0(?=\/)/i, '');
    return `${path}${link.search}`;
  } catch {
    return undefined;
  }
}

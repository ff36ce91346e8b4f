/**
 * Facts: everything the diagnosis engine knows about one employee.
 *
 * - DirectoryFacts come from Microsoft Graph (gathered by the privileged backend). They keep the
 *   Graph v1.0 shapes and property names (see ../shared/reference/entra-graph.md) so that the
 *   engine interprets policies exactly as Entra does, and so evidence can quote Graph ids.
 * - ClientFacts come from the employee's browser self-check and their answers
 *   (../shared/contracts/tenant-fixture.md, "Client facts").
 *
 * Schemas are zod so every boundary (Graph responses, HTTP bodies, CLI files) validates the same
 * way. Graph objects are `passthrough`: unknown properties are kept, as Graph adds fields freely.
 */
import { z } from 'zod';
import { GUID_PATTERN, PASSKEY_PROVIDERS, type RoleScheduleInstance } from './passkeyFacts';

export * from './passkeyFacts';

const isoDate = z.string().min(1);

// ---------------------------------------------------------------------------------------------
// Client facts (strict: an unknown field is an error so typos are caught)

export const METHOD_KINDS = ['microsoftAuthenticator', 'phone', 'fido2', 'passkey', 'softwareOath', 'windowsHello'] as const;
export type MethodKind = (typeof METHOD_KINDS)[number];

/** Capability name → supported, as getClientCapabilities() reports them (at most 40, names ≤ 60 characters). */
export const WebAuthnCapabilitiesSchema = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9:_-]{0,59}$/), z.boolean())
  .refine((r) => Object.keys(r).length <= 40, 'at most 40 capabilities');

export const ClientFactsSchema = z
  .object({
    checkedAt: isoDate.optional(),
    userAgent: z.string().max(2000).optional(),
    webauthn: z
      .object({
        available: z.boolean(),
        platformAuthenticator: z.boolean().optional(),
        /** PublicKeyCredential.getClientCapabilities() where the browser offers it (hybridTransport, conditionalCreate, passkeyPlatformAuthenticator…). */
        capabilities: WebAuthnCapabilitiesSchema.optional(),
      })
      .strict()
      .optional(),
    cookiesEnabled: z.boolean().optional(),
    clockSkewSeconds: z.number().finite().optional(),
    ipFamily: z.enum(['ipv4', 'ipv6']).optional(),
    unreachable: z.array(z.string().max(255)).max(100).optional(),
    reachable: z.array(z.string().max(255)).max(100).optional(),
    attemptedMethod: z.enum(METHOD_KINDS).nullable().optional(),
    changedPhone: z.boolean().optional(),
    phoneOs: z.string().max(100).optional(),
    /** Where the employee is creating a passkey (tenant-fixture.md, client facts). */
    passkeyProvider: z.enum(PASSKEY_PROVIDERS).optional(),
    /** The security key's model as an AAGUID (the bot maps a model the employee picks to it). */
    securityKeyAaguid: z.string().regex(GUID_PATTERN).optional(),
  })
  .strict();
export type ClientFacts = z.infer<typeof ClientFactsSchema>;

// ---------------------------------------------------------------------------------------------
// Graph shapes (only the properties the engine reads are named; the rest pass through)

export const GraphUserSchema = z
  .object({
    id: z.string(),
    userPrincipalName: z.string().optional(),
    displayName: z.string().nullable().optional(),
    mail: z.string().nullable().optional(),
    accountEnabled: z.boolean().nullable().optional(),
    userType: z.string().nullable().optional(),
    createdDateTime: z.string().nullable().optional(),
    onPremisesSyncEnabled: z.boolean().nullable().optional(),
  })
  .passthrough();
export type GraphUser = z.infer<typeof GraphUserSchema>;

/** An authentication method with its `@odata.type` (e.g. `#microsoft.graph.fido2AuthenticationMethod`). */
export const AuthMethodSchema = z
  .object({
    '@odata.type': z.string(),
    id: z.string(),
    displayName: z.string().nullable().optional(),
    createdDateTime: z.string().nullable().optional(),
    // TAP fields
    startDateTime: z.string().nullable().optional(),
    lifetimeInMinutes: z.number().nullable().optional(),
    isUsableOnce: z.boolean().nullable().optional(),
    isUsable: z.boolean().nullable().optional(),
    methodUsabilityReason: z.string().nullable().optional(),
    // phone
    phoneType: z.string().nullable().optional(),
  })
  .passthrough();
export type AuthMethod = z.infer<typeof AuthMethodSchema>;

export const DeviceSchema = z
  .object({
    '@odata.type': z.string().optional(),
    id: z.string(),
    deviceId: z.string().nullable().optional(),
    displayName: z.string().nullable().optional(),
    operatingSystem: z.string().nullable().optional(),
    operatingSystemVersion: z.string().nullable().optional(),
    trustType: z.string().nullable().optional(),
    approximateLastSignInDateTime: z.string().nullable().optional(),
    registrationDateTime: z.string().nullable().optional(),
    isCompliant: z.boolean().nullable().optional(),
    isManaged: z.boolean().nullable().optional(),
    accountEnabled: z.boolean().nullable().optional(),
  })
  .passthrough();
export type Device = z.infer<typeof DeviceSchema>;

export const AppliedCaPolicySchema = z
  .object({
    id: z.string(),
    displayName: z.string().nullable().optional(),
    result: z.string().nullable().optional(),
    enforcedGrantControls: z.array(z.string()).nullable().optional(),
  })
  .passthrough();

export const SignInSchema = z
  .object({
    id: z.string(),
    createdDateTime: z.string(),
    userId: z.string().nullable().optional(),
    userPrincipalName: z.string().nullable().optional(),
    correlationId: z.string().nullable().optional(),
    ipAddress: z.string().nullable().optional(),
    appDisplayName: z.string().nullable().optional(),
    clientAppUsed: z.string().nullable().optional(),
    conditionalAccessStatus: z.string().nullable().optional(),
    appliedConditionalAccessPolicies: z.array(AppliedCaPolicySchema).nullable().optional(),
    deviceDetail: z
      .object({
        browser: z.string().nullable().optional(),
        deviceId: z.string().nullable().optional(),
        displayName: z.string().nullable().optional(),
        operatingSystem: z.string().nullable().optional(),
        isCompliant: z.boolean().nullable().optional(),
        isManaged: z.boolean().nullable().optional(),
        trustType: z.string().nullable().optional(),
      })
      .passthrough()
      .nullable()
      .optional(),
    location: z.object({ city: z.string().nullable().optional(), countryOrRegion: z.string().nullable().optional() }).passthrough().nullable().optional(),
    status: z
      .object({
        errorCode: z.number(),
        failureReason: z.string().nullable().optional(),
        additionalDetails: z.string().nullable().optional(),
      })
      .passthrough(),
  })
  .passthrough();
export type SignIn = z.infer<typeof SignInSchema>;

const TargetSchema = z.object({ id: z.string(), targetType: z.string().optional() }).passthrough();

export const MethodConfigurationSchema = z
  .object({
    '@odata.type': z.string().optional(),
    id: z.string(),
    state: z.string(),
    includeTargets: z.array(TargetSchema).optional(),
    excludeTargets: z.array(TargetSchema).optional(),
    // TAP
    defaultLifetimeInMinutes: z.number().optional(),
    minimumLifetimeInMinutes: z.number().optional(),
    maximumLifetimeInMinutes: z.number().optional(),
    isUsableOnce: z.boolean().optional(),
    defaultLength: z.number().optional(),
  })
  .passthrough();
export type MethodConfiguration = z.infer<typeof MethodConfigurationSchema>;

export const RegistrationCampaignSchema = z
  .object({
    state: z.string().optional(),
    snoozeDurationInDays: z.number().optional(),
    enforceRegistrationAfterAllowedSnoozes: z.boolean().optional(),
    includeTargets: z.array(TargetSchema.extend({ targetedAuthenticationMethod: z.string().optional() }).passthrough()).optional(),
    excludeTargets: z.array(TargetSchema).optional(),
  })
  .passthrough();

export const AuthenticationMethodsPolicySchema = z
  .object({
    id: z.string().optional(),
    policyMigrationState: z.string().nullable().optional(),
    registrationEnforcement: z
      .object({ authenticationMethodsRegistrationCampaign: RegistrationCampaignSchema.optional() })
      .passthrough()
      .nullable()
      .optional(),
    authenticationMethodConfigurations: z.array(MethodConfigurationSchema).optional(),
  })
  .passthrough();
export type AuthenticationMethodsPolicy = z.infer<typeof AuthenticationMethodsPolicySchema>;

export const DeviceRegistrationPolicySchema = z.object({ userDeviceQuota: z.number().optional() }).passthrough();
export type DeviceRegistrationPolicy = z.infer<typeof DeviceRegistrationPolicySchema>;

const stringList = z.array(z.string()).nullable().optional();
export const ConditionalAccessPolicySchema = z
  .object({
    id: z.string(),
    displayName: z.string().nullable().optional(),
    state: z.string(),
    conditions: z
      .object({
        applications: z
          .object({ includeApplications: stringList, excludeApplications: stringList, includeUserActions: stringList })
          .passthrough()
          .nullable()
          .optional(),
        users: z
          .object({
            includeUsers: stringList,
            excludeUsers: stringList,
            includeGroups: stringList,
            excludeGroups: stringList,
            includeRoles: stringList,
            excludeRoles: stringList,
          })
          .passthrough()
          .nullable()
          .optional(),
        locations: z.object({ includeLocations: stringList, excludeLocations: stringList }).passthrough().nullable().optional(),
      })
      .passthrough(),
    grantControls: z
      .object({
        operator: z.string().nullable().optional(),
        builtInControls: stringList,
        authenticationStrength: z.object({ id: z.string().optional() }).passthrough().nullable().optional(),
      })
      .passthrough()
      .nullable()
      .optional(),
  })
  .passthrough();
export type ConditionalAccessPolicy = z.infer<typeof ConditionalAccessPolicySchema>;

export const NamedLocationSchema = z
  .object({
    '@odata.type': z.string(),
    id: z.string(),
    displayName: z.string().nullable().optional(),
    isTrusted: z.boolean().optional(),
    ipRanges: z.array(z.object({ '@odata.type': z.string().optional(), cidrAddress: z.string() }).passthrough()).optional(),
    countriesAndRegions: z.array(z.string()).optional(),
  })
  .passthrough();
export type NamedLocation = z.infer<typeof NamedLocationSchema>;

export const RegistrationDetailsSchema = z
  .object({
    id: z.string(),
    isAdmin: z.boolean().optional(),
    isMfaRegistered: z.boolean().optional(),
    isMfaCapable: z.boolean().optional(),
    methodsRegistered: z.array(z.string()).optional(),
  })
  .passthrough();
export type RegistrationDetails = z.infer<typeof RegistrationDetailsSchema>;

/** A directory object from `/users/{id}/transitiveMemberOf` (groups and directory roles). */
export const MembershipSchema = z
  .object({ '@odata.type': z.string(), id: z.string(), displayName: z.string().nullable().optional(), roleTemplateId: z.string().nullable().optional() })
  .passthrough();
export type Membership = z.infer<typeof MembershipSchema>;

/** A source of evidence the backend could not read, and why (e.g. no P1 licence for sign-in logs). */
export interface FactGap {
  source:
    | 'signIns' | 'riskyUser' | 'conditionalAccess' | 'namedLocations' | 'registrationDetails' | 'authenticationMethodsPolicy' | 'deviceRegistrationPolicy' | 'devices' | 'memberships'
    | 'roleEligibility' | 'roleAssignments';
  status: number;
  code: string;
  reason: string;
}

/** What Graph says about one employee and their tenant. `null` = unavailable (see `gaps`). */
export interface DirectoryFacts {
  user: GraphUser;
  /** transitiveMemberOf: groups (`#microsoft.graph.group`) and roles (`#microsoft.graph.directoryRole`). */
  memberships: Membership[] | null;
  /** riskyUser.riskLevel (`none`, `low`, `medium`, `high`, `hidden`), null when unavailable/absent. */
  riskLevel: string | null;
  methods: AuthMethod[];
  /** `/users/{id}/registeredDevices` (+ ownedDevices), deduplicated by id. */
  devices: Device[] | null;
  /** The employee's own interactive sign-ins, newest first; null when unavailable. */
  signIns: SignIn[] | null;
  /** null = no policy object in the tenant: Microsoft's new-tenant defaults apply. */
  authenticationMethodsPolicy: AuthenticationMethodsPolicy | null;
  deviceRegistrationPolicy: DeviceRegistrationPolicy | null;
  conditionalAccessPolicies: ConditionalAccessPolicy[] | null;
  namedLocations: NamedLocation[] | null;
  registrationDetails: RegistrationDetails | null;
  /**
   * PIM-eligible role instances whose principal is the user or one of their (role-assignable)
   * groups, any scope (tenant `/`, `/administrativeUnits/{id}`, a resource). null = unreadable
   * (see gaps); absent = not gathered (older callers).
   */
  roleEligibilities?: RoleScheduleInstance[] | null;
  /** Active role assignment instances (permanent or PIM-activated) for the user or their groups, any scope. */
  roleAssignments?: RoleScheduleInstance[] | null;
  gaps: FactGap[];
}

export interface DiagnosisInput {
  /** The instant the tenant is evaluated at ("recent", stale, TAP expiry). */
  now: Date;
  directory: DirectoryFacts;
  client?: ClientFacts;
}

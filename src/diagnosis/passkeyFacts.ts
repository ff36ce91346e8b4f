/**
 * Graph shapes of the 2026 passkey and PIM surface (entra-graph-2026.md §16.2, §16.3, §18.3), read
 * out of the passthrough objects DirectoryFacts already carries (the Fido2 configuration inside
 * the methods policy, fido2 methods inside the user's methods) or gathered for PRIVILEGED_ACCOUNT.
 * Unknown properties pass through, as Graph adds fields freely.
 */
import { z } from 'zod';

export const PASSKEY_PROVIDERS = ['microsoftAuthenticator', 'securityKey', 'windowsHello', 'iCloudKeychain', 'googlePasswordManager', 'otherPasswordManager'] as const;
export type PasskeyProvider = (typeof PASSKEY_PROVIDERS)[number];

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const KeyRestrictionsSchema = z
  .object({ isEnforced: z.boolean().nullable().optional(), enforcementType: z.string().nullable().optional(), aaGuids: z.array(z.string()).nullable().optional() })
  .passthrough();
export type KeyRestrictions = z.infer<typeof KeyRestrictionsSchema>;

export const PasskeyProfileSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable().optional(),
    /** Flags enum as a comma-joined string: "deviceBound", "synced", "deviceBound,synced". */
    passkeyTypes: z.string().nullable().optional(),
    attestationEnforcement: z.string().nullable().optional(),
    keyRestrictions: KeyRestrictionsSchema.nullable().optional(),
  })
  .passthrough();
export type PasskeyProfile = z.infer<typeof PasskeyProfileSchema>;

const Fido2TargetSchema = z
  .object({ id: z.string(), targetType: z.string().optional(), allowedPasskeyProfiles: z.array(z.string()).nullable().optional() })
  .passthrough();

export const Fido2ConfigurationSchema = z
  .object({
    id: z.string(),
    state: z.string(),
    isSelfServiceRegistrationAllowed: z.boolean().nullable().optional(),
    isAttestationEnforced: z.boolean().nullable().optional(),
    keyRestrictions: KeyRestrictionsSchema.nullable().optional(),
    defaultPasskeyProfile: z.string().nullable().optional(),
    passkeyProfiles: z.array(PasskeyProfileSchema).nullable().optional(),
    includeTargets: z.array(Fido2TargetSchema).optional(),
    excludeTargets: z.array(z.object({ id: z.string(), targetType: z.string().optional() }).passthrough()).optional(),
  })
  .passthrough();
export type Fido2Configuration = z.infer<typeof Fido2ConfigurationSchema>;

/** fido2AuthenticationMethod (v1.0 2026-03-04): the user's passkey. */
export const Fido2MethodSchema = z
  .object({
    '@odata.type': z.string(),
    id: z.string(),
    displayName: z.string().nullable().optional(),
    aaGuid: z.string().nullable().optional(),
    model: z.string().nullable().optional(),
    attestationLevel: z.string().nullable().optional(),
    passkeyType: z.string().nullable().optional(),
    createdDateTime: z.string().nullable().optional(),
  })
  .passthrough();
export type Fido2Method = z.infer<typeof Fido2MethodSchema>;

/** unifiedRoleEligibilityScheduleInstance / unifiedRoleAssignmentScheduleInstance (v1.0). */
export const RoleScheduleInstanceSchema = z
  .object({
    id: z.string(),
    principalId: z.string(),
    roleDefinitionId: z.string(),
    directoryScopeId: z.string().nullable().optional(),
    appScopeId: z.string().nullable().optional(),
    startDateTime: z.string().nullable().optional(),
    endDateTime: z.string().nullable().optional(),
    memberType: z.string().nullable().optional(),
    assignmentType: z.string().nullable().optional(),
  })
  .passthrough();
export type RoleScheduleInstance = z.infer<typeof RoleScheduleInstanceSchema>;

/**
 * Backend API v1 — what the employee may register as a passkey, returned with a diagnosis
 * (`DiagnoseResponse.passkeys`) so the bot offers only what the employee's passkey profiles allow
 * (entra-graph-2026.md §16.2). Absent when the backend could not read the passkey policy.
 */
import { z } from 'zod';
import { PASSKEY_PROVIDERS } from '../../diagnosis/passkeyFacts';

/** The client fact `passkeyProvider` (shared/contracts/tenant-fixture.md): one list for the diagnosis and the guide. */
export { PASSKEY_PROVIDERS };
export type PasskeyProvider = (typeof PASSKEY_PROVIDERS)[number];

/** The employee's device in the passkey guide. */
export const PASSKEY_DEVICES = ['iOS', 'android', 'windows', 'macOS'] as const;
export type PasskeyDevice = (typeof PASSKEY_DEVICES)[number];

/** One passkey profile that applies to the employee (tenants without profiles: the legacy settings as one profile). */
export const PasskeyProfileViewSchema = z.object({
  id: z.string().max(100).optional(),
  name: z.string().max(200).optional(),
  synced: z.boolean(),
  deviceBound: z.boolean(),
  /** `attestationEnforcement: registrationOnly` (or legacy `isAttestationEnforced`). */
  attestationRequired: z.boolean(),
  /** Enforced key restrictions only. */
  keyRestrictions: z.object({ enforcementType: z.enum(['allow', 'block']), aaGuids: z.array(z.string().max(64)).max(500) }).optional(),
});
export type PasskeyProfileView = z.infer<typeof PasskeyProfileViewSchema>;

export const PasskeyOptionsSchema = z.object({
  /** Passkeys (FIDO2) enabled, the employee targeted and not excluded, self-service registration on. */
  canRegister: z.boolean(),
  /** Why not, when `canRegister` is false. */
  reason: z.enum(['disabled', 'notTargeted', 'excluded', 'selfServiceOff', 'guest']).optional(),
  /** `profiles`: the tenant opted in to passkey profiles; `legacy`: the deprecated global settings. */
  source: z.enum(['profiles', 'legacy']),
  profiles: z.array(PasskeyProfileViewSchema).max(20),
});
export type PasskeyOptions = z.infer<typeof PasskeyOptionsSchema>;

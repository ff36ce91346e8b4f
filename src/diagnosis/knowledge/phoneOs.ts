/**
 * Phone OS minimums for Microsoft Authenticator (findings.md Definitions; entra-graph.md §13.1-§13.2).
 * The Authenticator floor is [unconfirmed for 2025-26] in the reference; findings.md fixes iOS 16 /
 * Android 8 as the configurable default. Passkeys in Authenticator need iOS 17 / Android 14.
 */
export type PhoneOsName = 'iOS' | 'Android';

export interface PhoneOsMinimum {
  os: PhoneOsName;
  /** Minimum major version for the Authenticator app. */
  authenticator: number;
  /** Minimum major version for a passkey in Authenticator. */
  passkey: number;
  source: string;
}

const SOURCE = 'shared/contracts/findings.md (Definitions); https://learn.microsoft.com/entra/identity/authentication/how-to-register-passkey-authenticator (entra-graph.md §13.1, §13.2)';

export const PHONE_OS_MINIMUMS: readonly PhoneOsMinimum[] = [
  { os: 'iOS', authenticator: 16, passkey: 17, source: SOURCE },
  { os: 'Android', authenticator: 8, passkey: 14, source: SOURCE },
];

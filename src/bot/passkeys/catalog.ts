/**
 * Where an employee can keep a passkey, as data with sources (entra-graph-2026.md §16.4–16.5):
 * the passkey type, the AAGUIDs that identify it (for key restrictions), whether it can be
 * attested, and on which devices it is created directly (elsewhere: across devices, by QR code).
 */
import { PASSKEY_DEVICES, type PasskeyDevice, type PasskeyProvider } from '../../backend/api';

export const DEVICES = PASSKEY_DEVICES;
export type DeviceOs = PasskeyDevice;

/** Microsoft Learn pages the steps come from (entra-docs file names in the reference). */
export const SOURCES = {
  passkeys: 'https://learn.microsoft.com/entra/identity/authentication/how-to-authentication-passkeys-fido2',
  profiles: 'https://learn.microsoft.com/entra/identity/authentication/how-to-authentication-passkey-profiles',
  authenticator: 'https://learn.microsoft.com/entra/identity/authentication/how-to-enable-authenticator-passkey',
  smsRetirement: 'https://learn.microsoft.com/entra/identity/authentication/concept-sms-voice-retirement',
} as const;
export type SourceName = keyof typeof SOURCES;

export interface ProviderInfo {
  provider: PasskeyProvider;
  type: 'deviceBound' | 'synced';
  /** Known AAGUIDs (lowercase). Empty = any model (security keys, other password managers). */
  aaGuids: readonly string[];
  /** Can produce an attested passkey (synced passkeys and password managers never do, §16.2). */
  attestable: boolean;
  /** Devices where the passkey is created on the device itself; on the others it is created across devices. */
  direct: readonly DeviceOs[];
  sources: readonly SourceName[];
}

export const AUTHENTICATOR_AAGUIDS = ['90a3ccdf-635c-4729-a248-9b709135078f', 'de1e552d-db1d-4423-a619-566b625cdc84'] as const;
export const WINDOWS_HELLO_AAGUIDS = ['08987058-cadc-4b81-b6e1-30de50dcbe96', '9ddd1817-af5a-4672-a2b9-3e3dd95000a9', '6028b017-b1d4-4c02-b4b3-afcdafc96bb2'] as const;
export const ICLOUD_KEYCHAIN_AAGUID = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
export const GOOGLE_PASSWORD_MANAGER_AAGUID = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';

/** In the order the bot offers them. */
export const PROVIDERS: readonly ProviderInfo[] = [
  // Android 14+ / iOS 17+; attested only when created in the app itself (§16.2, §16.5).
  { provider: 'microsoftAuthenticator', type: 'deviceBound', aaGuids: AUTHENTICATOR_AAGUIDS, attestable: true, direct: ['iOS', 'android'], sources: ['authenticator', 'passkeys'] },
  // USB on computers, NFC or USB-C on phones.
  { provider: 'securityKey', type: 'deviceBound', aaGuids: [], attestable: true, direct: ['iOS', 'android', 'windows', 'macOS'], sources: ['passkeys', 'profiles'] },
  { provider: 'windowsHello', type: 'deviceBound', aaGuids: WINDOWS_HELLO_AAGUIDS, attestable: true, direct: ['windows'], sources: ['passkeys', 'profiles'] },
  // macOS 13+, iOS 16+.
  { provider: 'iCloudKeychain', type: 'synced', aaGuids: [ICLOUD_KEYCHAIN_AAGUID], attestable: false, direct: ['iOS', 'macOS'], sources: ['passkeys', 'profiles'] },
  // Native on Android 9+; Chrome on Windows, macOS and iOS 17+.
  { provider: 'googlePasswordManager', type: 'synced', aaGuids: [GOOGLE_PASSWORD_MANAGER_AAGUID], attestable: false, direct: ['android', 'windows', 'macOS', 'iOS'], sources: ['passkeys', 'profiles'] },
  // Browser extension on computers, an app on iOS 17+ / Android 14+.
  { provider: 'otherPasswordManager', type: 'synced', aaGuids: [], attestable: false, direct: ['iOS', 'android', 'windows', 'macOS'], sources: ['passkeys', 'profiles'] },
];

/** Every AAGUID of a known platform or app provider (an allow-listed AAGUID outside this set is a security key model). */
export const KNOWN_PLATFORM_AAGUIDS: ReadonlySet<string> = new Set(PROVIDERS.flatMap((p) => p.aaGuids));

export function providerInfo(provider: PasskeyProvider): ProviderInfo {
  const info = PROVIDERS.find((p) => p.provider === provider);
  if (!info) throw new Error(`unknown passkey provider ${provider}`);
  return info;
}

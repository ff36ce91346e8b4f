/**
 * Well-known passkey authenticator models (AAGUIDs) and what each passkey provider an employee can
 * pick implies (entra-graph-2026.md §16.2, §16.4). Rules read these tables; they never branch on
 * AAGUID literals. Evidence tags as in the reference: [docs] Microsoft Learn, [field] community
 * AAGUID lists compiled from the FIDO Alliance Metadata Service (MDS3) and passkey-provider lists.
 */
import type { PasskeyProvider } from '../passkeyFacts';

export type PasskeyKind = 'deviceBound' | 'synced';

export interface KnownAaguid {
  aaguid: string;
  name: string;
  provider: PasskeyProvider;
  kind: PasskeyKind;
  /** Phone platform, for Microsoft Authenticator. */
  os?: 'iOS' | 'Android';
  source: string;
}

const AUTHENTICATOR_DOC = 'https://learn.microsoft.com/entra/identity/authentication/how-to-enable-authenticator-passkey (2026-07-05; entra-graph-2026.md §16.4) [docs]';
const COMMUNITY = 'community AAGUID lists (passkey-authenticator-aaguids, FIDO MDS3 entries; entra-graph-2026.md §16.4) [field]';
const MDS = 'FIDO Alliance Metadata Service (MDS3) entries as republished in community AAGUID lists [field]';

const k = (aaguid: string, name: string, provider: PasskeyProvider, kind: PasskeyKind, source: string, os?: 'iOS' | 'Android'): KnownAaguid => ({
  aaguid, name, provider, kind, source, ...(os ? { os } : {}),
});

export const KNOWN_AAGUIDS: readonly KnownAaguid[] = [
  k('90a3ccdf-635c-4729-a248-9b709135078f', 'Microsoft Authenticator for iOS', 'microsoftAuthenticator', 'deviceBound', AUTHENTICATOR_DOC, 'iOS'),
  k('de1e552d-db1d-4423-a619-566b625cdc84', 'Microsoft Authenticator for Android', 'microsoftAuthenticator', 'deviceBound', AUTHENTICATOR_DOC, 'Android'),
  k('08987058-cadc-4b81-b6e1-30de50dcbe96', 'Windows Hello (hardware)', 'windowsHello', 'deviceBound', COMMUNITY),
  k('9ddd1817-af5a-4672-a2b9-3e3dd95000a9', 'Windows Hello (VBS)', 'windowsHello', 'deviceBound', COMMUNITY),
  k('6028b017-b1d4-4c02-b4b3-afcdafc96bb2', 'Windows Hello (software)', 'windowsHello', 'deviceBound', COMMUNITY),
  k('fbfc3007-154e-4ecc-8c0b-6e020557d7bd', 'iCloud Keychain (Apple Passwords)', 'iCloudKeychain', 'synced', COMMUNITY),
  k('ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4', 'Google Password Manager', 'googlePasswordManager', 'synced', COMMUNITY),
  k('bada5566-a7aa-401f-bd96-45619a55120d', '1Password', 'otherPasswordManager', 'synced', COMMUNITY),
  k('d548826e-79b4-db40-a3d8-11116f7e8349', 'Bitwarden', 'otherPasswordManager', 'synced', COMMUNITY),
  k('cb69481e-8ff7-4039-93ec-0a2729a154a8', 'YubiKey 5 Series (firmware 5.1)', 'securityKey', 'deviceBound', MDS),
  k('ee882879-721c-4913-9775-3dfcce97072a', 'YubiKey 5 Series', 'securityKey', 'deviceBound', MDS),
  k('fa2b99dc-9e39-4257-8f92-4a30d23c4118', 'YubiKey 5 Series with NFC (firmware 5.1)', 'securityKey', 'deviceBound', MDS),
  k('2fc0579f-8113-47ea-b116-bb5a8db9202a', 'YubiKey 5 Series with NFC', 'securityKey', 'deviceBound', MDS),
  k('73bb0cd4-e502-49b8-9c6f-b59445bf720b', 'YubiKey 5 FIPS Series', 'securityKey', 'deviceBound', MDS),
  k('d8522d9f-575b-4866-88a9-ba99fa02f35b', 'YubiKey Bio Series', 'securityKey', 'deviceBound', MDS),
  k('f8a011f3-8c0a-4d15-8006-17111f9edc7d', 'Security Key by Yubico', 'securityKey', 'deviceBound', MDS),
  k('149a2021-8ef6-4133-96b8-81f8d5b7f1f5', 'Security Key NFC by Yubico', 'securityKey', 'deviceBound', MDS),
  k('a4e9fc6d-4cbe-4758-b8ba-37598bb5bbaa', 'Security Key NFC by Yubico (firmware 5.4)', 'securityKey', 'deviceBound', MDS),
  k('833b721a-ff5f-4d00-bb2e-bdda3ec01e29', 'Feitian ePass FIDO2 (K10, A4B, K28)', 'securityKey', 'deviceBound', MDS),
  k('ee041bce-25e5-4cdb-8f86-897fd6418464', 'Feitian ePass FIDO2-NFC', 'securityKey', 'deviceBound', MDS),
  k('77010bd7-212a-4fc9-b236-d2ca5e9d4084', 'Feitian BioPass FIDO2', 'securityKey', 'deviceBound', MDS),
  k('42b4fb4a-2866-43b2-9bf7-6c6669c2e5d3', 'Google Titan Security Key v2', 'securityKey', 'deviceBound', MDS),
];

export const AAGUID_INDEX: ReadonlyMap<string, KnownAaguid> = new Map(KNOWN_AAGUIDS.map((a) => [a.aaguid, a]));

/** Whether a provider's passkeys can carry attestation Entra accepts (`attestationEnforcement: registrationOnly`). */
export type AttestationAbility = 'yes' | 'no' | 'inAppOnly' | 'unknown';

export interface ProviderInfo {
  provider: PasskeyProvider;
  label: string;
  kind: PasskeyKind;
  attestation: AttestationAbility;
  source: string;
}

const PROFILES_DOC = 'https://learn.microsoft.com/entra/identity/authentication/how-to-authentication-passkey-profiles (2026-03-08; entra-graph-2026.md §16.2) [docs]';

export const PASSKEY_PROVIDER_INFO: Readonly<Record<PasskeyProvider, ProviderInfo>> = {
  // "Users can only register attested passkeys directly in the Authenticator app" (cross-device cannot).
  microsoftAuthenticator: { provider: 'microsoftAuthenticator', label: 'Microsoft Authenticator', kind: 'deviceBound', attestation: 'inAppOnly', source: PROFILES_DOC },
  // FIDO-certified keys attest; an uncertified key may not [unconfirmed].
  securityKey: { provider: 'securityKey', label: 'a security key', kind: 'deviceBound', attestation: 'yes', source: PROFILES_DOC },
  // Windows Hello / "Microsoft Entra passkeys on Windows" (preview): attestation behaviour not documented [unconfirmed].
  windowsHello: { provider: 'windowsHello', label: 'Windows Hello', kind: 'deviceBound', attestation: 'unknown', source: PROFILES_DOC },
  // "Synced passkeys do not support attestation."
  iCloudKeychain: { provider: 'iCloudKeychain', label: 'iCloud Keychain', kind: 'synced', attestation: 'no', source: PROFILES_DOC },
  googlePasswordManager: { provider: 'googlePasswordManager', label: 'Google Password Manager', kind: 'synced', attestation: 'no', source: PROFILES_DOC },
  otherPasswordManager: { provider: 'otherPasswordManager', label: 'a password manager', kind: 'synced', attestation: 'no', source: PROFILES_DOC },
};

/** The AAGUIDs a provider may present (several for Authenticator and Windows Hello; none known for "another password manager"). */
export function aaguidsOfProvider(provider: PasskeyProvider, os?: 'iOS' | 'Android'): string[] {
  return KNOWN_AAGUIDS.filter((a) => a.provider === provider && provider !== 'otherPasswordManager' && provider !== 'securityKey' && (!os || !a.os || a.os === os)).map((a) => a.aaguid);
}

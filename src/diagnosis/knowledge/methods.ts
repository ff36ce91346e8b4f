/**
 * Authentication methods as data: which registered `@odata.type` is MFA-capable (findings.md
 * "MFA-capable methods") and which methods-policy configurations govern each method kind the
 * employee may try to register (ClientFacts.attemptedMethod). entra-graph.md §2.3, §4.
 */
import type { MethodKind } from '../facts';

const SOURCE = 'shared/contracts/findings.md (Definitions: MFA-capable methods); entra-graph.md §2.3';

export interface RegisteredMethodType {
  odataType: string;
  label: string;
  mfaCapable: boolean;
  isAuthenticator?: boolean;
  isTap?: boolean;
}

export const REGISTERED_METHOD_TYPES: readonly RegisteredMethodType[] = [
  { odataType: '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', label: 'Microsoft Authenticator', mfaCapable: true, isAuthenticator: true },
  { odataType: '#microsoft.graph.phoneAuthenticationMethod', label: 'Phone (SMS/voice)', mfaCapable: true },
  { odataType: '#microsoft.graph.fido2AuthenticationMethod', label: 'Security key / passkey', mfaCapable: true },
  { odataType: '#microsoft.graph.softwareOathAuthenticationMethod', label: 'Authenticator app code (software OATH)', mfaCapable: true },
  { odataType: '#microsoft.graph.hardwareOathAuthenticationMethod', label: 'Hardware token (OATH)', mfaCapable: true },
  { odataType: '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod', label: 'Windows Hello for Business', mfaCapable: true },
  { odataType: '#microsoft.graph.temporaryAccessPassAuthenticationMethod', label: 'Temporary Access Pass', mfaCapable: true, isTap: true },
  { odataType: '#microsoft.graph.passwordAuthenticationMethod', label: 'Password', mfaCapable: false },
  { odataType: '#microsoft.graph.emailAuthenticationMethod', label: 'Email', mfaCapable: false },
];

export const REGISTERED_METHOD_INDEX: ReadonlyMap<string, RegisteredMethodType> = new Map(
  REGISTERED_METHOD_TYPES.map((m) => [m.odataType.toLowerCase(), m]),
);

export interface AttemptedMethodInfo {
  kind: MethodKind;
  label: string;
  /** The method is enabled when ANY of these configurations applies to the user; empty = not governed by the policy. */
  configIds: string[];
}

export const ATTEMPTED_METHODS: Readonly<Record<MethodKind, AttemptedMethodInfo>> = {
  microsoftAuthenticator: { kind: 'microsoftAuthenticator', label: 'Microsoft Authenticator', configIds: ['MicrosoftAuthenticator'] },
  phone: { kind: 'phone', label: 'phone (text message or call)', configIds: ['Sms', 'Voice'] },
  fido2: { kind: 'fido2', label: 'security key', configIds: ['Fido2'] },
  passkey: { kind: 'passkey', label: 'passkey', configIds: ['Fido2'] },
  softwareOath: { kind: 'softwareOath', label: 'authenticator app code', configIds: ['SoftwareOath'] },
  // Windows Hello for Business is governed by Intune/GPO, not the authentication methods policy.
  windowsHello: { kind: 'windowsHello', label: 'Windows Hello for Business', configIds: [] },
};

/** Configurations an employee can register an MFA method from (NO_MFA_METHOD_AVAILABLE). TAP is issued, not self-registered. */
export const SELF_REGISTRABLE_MFA_CONFIGS: readonly string[] = ['MicrosoftAuthenticator', 'Sms', 'Voice', 'Fido2', 'SoftwareOath', 'HardwareOath'];

/** Which configuration a sign-in code names when it says "blocked by User Credential Policy". */
export const CODE_TO_CONFIG: Readonly<Record<string, string>> = {
  '135016': 'Fido2',
  '130500': 'MicrosoftAuthenticator',
  '130502': 'TemporaryAccessPass',
};

/** Registration campaign target value → configuration id. */
export const CAMPAIGN_METHOD_TO_CONFIG: Readonly<Record<string, string>> = {
  microsoftAuthenticator: 'MicrosoftAuthenticator',
  fido2: 'Fido2',
};

export const METHODS_SOURCE = SOURCE;

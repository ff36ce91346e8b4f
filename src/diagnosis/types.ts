/**
 * The diagnosis vocabulary: finding codes, severities and who fixes what.
 * Public interface (see ../shared/contracts/findings.md): add codes freely, never rename or reuse one.
 */

export const FINDING_CODES = [
  'ACCOUNT_DISABLED',
  'ACCOUNT_LOCKED',
  'PASSWORD_EXPIRED',
  'GUEST_ACCOUNT',
  'PRIVILEGED_ACCOUNT',
  'USER_RISK_BLOCKED',
  'DEVICE_QUOTA_REACHED',
  'DEVICE_QUOTA_NEAR',
  'METHOD_NOT_ENABLED',
  'CAMPAIGN_METHOD_CONFLICT',
  'NO_MFA_METHOD_AVAILABLE',
  'CA_BLOCKS_REGISTRATION',
  'CA_REQUIRES_MFA_TO_REGISTER',
  'CA_REQUIRES_COMPLIANT_DEVICE',
  'SESSION_EXPIRED',
  'IP_ADDRESS_CHANGED',
  'MFA_NOT_COMPLETED',
  'CAMPAIGN_NUDGE_PENDING',
  'TAP_ALREADY_ACTIVE',
  'TAP_NOT_ALLOWED',
  'TAP_EXPIRED_OR_USED',
  'STALE_AUTHENTICATOR',
  'ALREADY_REGISTERED',
  'BROWSER_OUTDATED',
  'WEBAUTHN_UNAVAILABLE',
  'ENDPOINTS_BLOCKED',
  'AUTHENTICATOR_OS_UNSUPPORTED',
  'COOKIES_BLOCKED',
  'PASSKEY_TYPE_NOT_ALLOWED',
  'PASSKEY_KEY_RESTRICTED',
  'PASSKEY_ATTESTATION_REQUIRED',
  'AUTHENTICATOR_UPDATE_REQUIRED',
  'PHONE_ONLY_MFA',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export type Severity = 'blocking' | 'warning' | 'info';

/** Who can fix it. Where findings.md lists two owners, the first one is used here. */
export type FixOwner = 'self' | 'helpdesk' | 'admin';

/** Plain, JSON-serialisable evidence a helpdesk agent can verify. */
export type Evidence = Record<string, unknown>;

export interface Finding {
  code: FindingCode;
  severity: Severity;
  fix: FixOwner;
  evidence: Evidence;
  /** One sentence in plain words. */
  title: string;
  /** Concrete steps, in order. */
  steps: string[];
  /** The data title and steps were worded from (StepVars), so the reader's locale can word them again. */
  vars?: Readonly<Record<string, string | number | boolean>>;
}

/** Numbers that findings.md calls defaults; configuration may change them. */
export interface DiagnosisSettings {
  /** Sign-in evidence window (hours). Default 72. */
  recentHours: number;
  /** Lockout (50053) window (hours). Default 24. */
  lockoutHours: number;
  /** A device unused for this many days is stale. Default 90. */
  staleDeviceDays: number;
  /** DEVICE_QUOTA_NEAR threshold as a fraction of the quota. Default 0.9. */
  quotaWarnFraction: number;
  /** Sign-ins within this many minutes of each other count as one session. Default 10. */
  sessionWindowMinutes: number;
  /** Override the browser minimums of findings.md (optional, so existing literals stay valid). */
  browserMinimums?: Partial<BrowserMinimums>;
  /**
   * The tenant sends SMS/voice through its own telephony provider (Microsoft Security Store), so
   * PHONE_ONLY_MFA stays a warning after 2027-02-01. Graph does not expose this; default false.
   */
  customTelephonyProvider?: boolean;
}

export const DEFAULT_DIAGNOSIS_SETTINGS: DiagnosisSettings = {
  recentHours: 72,
  lockoutHours: 24,
  staleDeviceDays: 90,
  quotaWarnFraction: 0.9,
  sessionWindowMinutes: 10,
};

// ---------------------------------------------------------------------------------------------
// Additions for the engine and its reusable helpers (additive: nothing above is renamed).

/** Browser minimums (major versions). Internet Explorer and EdgeHTML are unsupported at any version. */
export interface BrowserMinimums {
  chromium: number;
  firefox: number;
  safari: number;
}

/** Why an authentication-method configuration does not apply to the user. */
export type MethodBlockReason = 'disabled' | 'absent' | 'notIncluded' | 'excluded';

export interface MethodConfigStatus {
  /** Configuration id in the authentication methods policy (`Fido2`, `MicrosoftAuthenticator`, ...). */
  configId: string;
  enabled: boolean;
  /** `policy`: read from the tenant; `default`: Microsoft's new-tenant default (no policy object). */
  source: 'policy' | 'default';
  state: string | null;
  reason?: MethodBlockReason;
  /** For `excluded`: the exclude target ids that matched; for `notIncluded`: the include target ids. */
  targets?: string[];
  /** Group memberships were unavailable, so group targets could not be matched. */
  membershipUnknown?: boolean;
}

/** Per configuration id: is the method enabled for this user, and if not, why. */
export type MethodAvailability = Record<string, MethodConfigStatus>;

export interface TapPolicySummary {
  min: number;
  max: number;
  default: number;
  isUsableOnce: boolean;
}

/** A finding a sign-in error code feeds (or none: informational). */
export interface ErrorCodeInfo {
  /** Normalised: decimal digits (`53003`) or lowercase hex without `0x` (`801c0003`). */
  code: string;
  name: string;
  /** Plain words an employee understands. */
  meaning: string;
  feeds?: FindingCode;
  fix: string;
  source: string;
}

export interface EndpointInfo {
  host: string;
  probeUrl: string;
  purpose: string;
  required: boolean;
  source: string;
}

export interface ParsedUserAgent {
  browser: { name: string; version: string; engine: string; engineVersion?: string };
  os: { name: string; version: string };
}

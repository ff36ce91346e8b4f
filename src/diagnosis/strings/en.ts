/**
 * Finding titles and steps, worded from a catalogue's `findings` section (locales/<locale>.json,
 * keys `findings.<CODE>.*`). Which sentences apply is decided here from the finding's data
 * (StepVars); the words are the catalogue's. Titles: one plain sentence. Steps: concrete, in order.
 * (The bot adds its own safety line about codes; steps never repeat it.)
 */
import { en as english, fill, type Strings } from '../../i18n/en';
import type { StepVars } from '../catalog';
import { FINDING_CODES, type FindingCode } from '../types';

export interface FindingText {
  title: (v: StepVars) => string;
  steps: (v: StepVars) => string[];
}

export type DiagnosisStrings = Readonly<Record<FindingCode, FindingText>>;

type F = Strings['findings'];
type Wording = (m: F, v: StepVars) => { title: string; steps: string[] };

/** "4 hours", "an hour", "25 minutes" in the catalogue's words. */
export function duration(m: F, minutes: number): string {
  if (minutes >= 120) return fill(m.time.hours, { hours: Math.floor(minutes / 60) });
  if (minutes >= 60) return m.time.anHour;
  return fill(m.time.minutes, { minutes });
}

/** How long to wait, from the newest lockout's time (a 4-hour-old lock has most likely ended). */
function lockWait(m: F, v: StepVars): string {
  const l = m.ACCOUNT_LOCKED;
  if (v.lockedMinutesAgo === undefined) return l.waitUnknown;
  const ago = v.lockedMinutesAgo < 1 ? m.time.justNow : fill(m.time.ago, { duration: duration(m, v.lockedMinutesAgo) });
  if (v.waitMinutes && v.waitMinutes > 0) return fill(l.waitMore, { ago, wait: duration(m, v.waitMinutes) });
  return fill(l.lockEnded, { ago });
}

const plain = (code: keyof F & FindingCode): Wording => (m) => {
  const t = m[code] as { title: string; steps: string[] };
  return { title: t.title, steps: [...t.steps] };
};

const WORDING: Readonly<Record<FindingCode, Wording>> = {
  ACCOUNT_DISABLED: plain('ACCOUNT_DISABLED'),
  ACCOUNT_LOCKED: (m, v) => ({ title: m.ACCOUNT_LOCKED.title, steps: [lockWait(m, v), ...m.ACCOUNT_LOCKED.steps] }),
  PASSWORD_EXPIRED: plain('PASSWORD_EXPIRED'),
  GUEST_ACCOUNT: plain('GUEST_ACCOUNT'),
  PRIVILEGED_ACCOUNT: (m, v) => ({ title: v.roles ? fill(m.PRIVILEGED_ACCOUNT.titleRoles, { roles: v.roles }) : m.PRIVILEGED_ACCOUNT.title, steps: [...m.PRIVILEGED_ACCOUNT.steps] }),
  USER_RISK_BLOCKED: plain('USER_RISK_BLOCKED'),
  DEVICE_QUOTA_REACHED: (m, v) => {
    const t = m.DEVICE_QUOTA_REACHED;
    return {
      title: t.title,
      steps: [
        ...(v.removableDevices ? [fill(t.removable, { count: v.removableDevices })] : []),
        ...(v.helpdeskDevices ? [fill(t.helpdeskDevices, { count: v.helpdeskDevices })] : []),
        ...(!v.removableDevices && !v.helpdeskDevices ? [t.askHelpdesk] : []),
        t.tryAgain,
      ],
    };
  },
  DEVICE_QUOTA_NEAR: (m, v) => ({ title: m.DEVICE_QUOTA_NEAR.title, steps: [v.removableDevices ? fill(m.DEVICE_QUOTA_NEAR.removable, { count: v.removableDevices }) : m.DEVICE_QUOTA_NEAR.remove] }),
  METHOD_NOT_ENABLED: (m, v) => {
    const t = m.METHOD_NOT_ENABLED;
    return { title: fill(t.title, { method: v.methodLabel ?? t.anyMethod }), steps: [...t.steps, fill(t.ifNeeded, { method: v.methodLabel ?? t.thisMethod })] };
  },
  CAMPAIGN_METHOD_CONFLICT: plain('CAMPAIGN_METHOD_CONFLICT'),
  NO_MFA_METHOD_AVAILABLE: plain('NO_MFA_METHOD_AVAILABLE'),
  CA_BLOCKS_REGISTRATION: (m, v) => {
    const t = m.CA_BLOCKS_REGISTRATION;
    const where = v.locations ? { locations: v.locations } : undefined;
    if (v.ipv6Only) return { title: where ? fill(t.titleIpv6Locations, where) : t.titleIpv6, steps: [...t.stepsIpv6] };
    return { title: t.title, steps: [where ? fill(t.connectLocations, where) : t.connect, ...t.steps] };
  },
  CA_REQUIRES_MFA_TO_REGISTER: plain('CA_REQUIRES_MFA_TO_REGISTER'),
  CA_REQUIRES_COMPLIANT_DEVICE: plain('CA_REQUIRES_COMPLIANT_DEVICE'),
  SESSION_EXPIRED: plain('SESSION_EXPIRED'),
  IP_ADDRESS_CHANGED: plain('IP_ADDRESS_CHANGED'),
  MFA_NOT_COMPLETED: plain('MFA_NOT_COMPLETED'),
  CAMPAIGN_NUDGE_PENDING: plain('CAMPAIGN_NUDGE_PENDING'),
  TAP_ALREADY_ACTIVE: (m, v) => ({ title: v.until ? fill(m.TAP_ALREADY_ACTIVE.titleUntil, { until: v.until }) : m.TAP_ALREADY_ACTIVE.title, steps: [...m.TAP_ALREADY_ACTIVE.steps] }),
  TAP_NOT_ALLOWED: plain('TAP_NOT_ALLOWED'),
  TAP_EXPIRED_OR_USED: plain('TAP_EXPIRED_OR_USED'),
  STALE_AUTHENTICATOR: plain('STALE_AUTHENTICATOR'),
  ALREADY_REGISTERED: plain('ALREADY_REGISTERED'),
  BROWSER_OUTDATED: (m, v) => {
    const t = m.BROWSER_OUTDATED;
    return {
      title: v.browser ? fill(t.titleBrowser, { browser: v.browser }) : t.title,
      steps: [v.minimum ? fill(t.updateMinimum, { minimum: v.minimum }) : t.update, ...t.steps],
    };
  },
  WEBAUTHN_UNAVAILABLE: (m, v) => ({
    title: fill(m.WEBAUTHN_UNAVAILABLE.title, { method: v.methodLabel ?? m.WEBAUTHN_UNAVAILABLE.anyMethod }),
    steps: [...(v.reason ? [v.reason] : []), ...m.WEBAUTHN_UNAVAILABLE.steps],
  }),
  ENDPOINTS_BLOCKED: (m, v) => {
    const t = m.ENDPOINTS_BLOCKED;
    return { title: t.title, steps: [...t.steps, v.hosts ? fill(t.allowHosts, { hosts: v.hosts }) : t.allow] };
  },
  AUTHENTICATOR_OS_UNSUPPORTED: (m, v) => {
    const t = m.AUTHENTICATOR_OS_UNSUPPORTED;
    return { title: v.os ? fill(t.titleOs, { os: v.os }) : t.title, steps: [v.minimum ? fill(t.updateMinimum, { minimum: v.minimum }) : t.update, ...t.steps] };
  },
  COOKIES_BLOCKED: plain('COOKIES_BLOCKED'),
  PASSKEY_TYPE_NOT_ALLOWED: (m, v) => {
    const t = m.PASSKEY_TYPE_NOT_ALLOWED;
    return { title: fill(t.title, { method: v.methodLabel ?? t.anyMethod }), steps: [fill(t.create, { allowed: v.allowed ?? t.askAllowed }), ...t.steps] };
  },
  PASSKEY_KEY_RESTRICTED: (m, v) => {
    const t = m.PASSKEY_KEY_RESTRICTED;
    return { title: fill(t.title, { method: v.methodLabel ?? t.anyMethod }), steps: [fill(t.use, { allowed: v.allowed ?? t.askAllowed }), ...t.steps] };
  },
  PASSKEY_ATTESTATION_REQUIRED: (m, v) => {
    const t = m.PASSKEY_ATTESTATION_REQUIRED;
    return { title: fill(t.title, { method: v.methodLabel ?? t.anyMethod }), steps: [fill(t.use, { allowed: v.allowed ?? t.anyAllowed }), ...t.steps] };
  },
  AUTHENTICATOR_UPDATE_REQUIRED: (m, v) => {
    const t = m.AUTHENTICATOR_UPDATE_REQUIRED;
    const title = v.version ? fill(t.titleVersion, { version: v.version }) : v.os ? fill(t.titleOs, { os: v.os }) : t.title;
    const first = v.version
      ? fill(t.updateApp, { store: v.os === 'Android' ? 'android' : 'apple', minimum: v.minimum ?? t.latest })
      : v.minimum ? fill(t.updateMinimum, { minimum: v.minimum }) : t.update;
    return { title, steps: [first, ...t.steps] };
  },
  PHONE_ONLY_MFA: (m, v) => {
    const t = m.PHONE_ONLY_MFA;
    const deadline = v.deadline ?? t.deadline;
    return { title: fill(t.title, { deadline }), steps: [v.allowed ? t.addPasskey : t.addAuthenticator, t.keepPhone, fill(t.after, { deadline })] };
  },
};

/** A finding's title and steps in the words of `strings` (a reader's catalogue). */
export function wordFinding(strings: Strings, code: FindingCode, vars: StepVars = {}): { title: string; steps: string[] } {
  return WORDING[code](strings.findings, vars);
}

/** The DiagnosisStrings of one catalogue. */
export function diagnosisStrings(strings: Strings): DiagnosisStrings {
  return Object.fromEntries(
    FINDING_CODES.map((code) => [code, { title: (v: StepVars) => wordFinding(strings, code, v).title, steps: (v: StepVars) => wordFinding(strings, code, v).steps }]),
  ) as Record<FindingCode, FindingText>;
}

export const en: DiagnosisStrings = diagnosisStrings(english);

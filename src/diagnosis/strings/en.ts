/**
 * English titles and steps for every finding. A translation is another file with the same shape.
 * Titles: one plain sentence. Steps: concrete, in order. (The bot adds its own safety line about
 * codes; steps here never repeat it.)
 */
import type { StepVars } from '../catalog';
import type { FindingCode } from '../types';

export interface FindingText {
  title: (v: StepVars) => string;
  steps: (v: StepVars) => string[];
}

export type DiagnosisStrings = Readonly<Record<FindingCode, FindingText>>;

const SECURITY_INFO = 'https://aka.ms/mysecurityinfo';
const DEVICES = 'https://myaccount.microsoft.com/device-list';
const fresh = `Open ${SECURITY_INFO} in a new private (InPrivate/Incognito) window and sign in again.`;

/** "4 hours", "25 minutes", "1 minute". */
export function duration(minutes: number): string {
  if (minutes >= 120) return `${Math.floor(minutes / 60)} hours`;
  if (minutes >= 60) return 'an hour';
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** How long to wait, from the newest lockout's time (a 4-hour-old lock has most likely ended). */
function lockWait(v: StepVars): string {
  if (v.lockedMinutesAgo === undefined) return 'Wait at least 15 minutes without trying again; every new attempt can extend the lock.';
  const ago = v.lockedMinutesAgo < 1 ? 'just now' : `${duration(v.lockedMinutesAgo)} ago`;
  if (v.waitMinutes && v.waitMinutes > 0) return `The lock started ${ago}: wait about ${duration(v.waitMinutes)} more without trying again; every new attempt can extend the lock.`;
  return `The lock started ${ago}, so it has most likely ended: you do not need to wait any longer.`;
}

export const en: DiagnosisStrings = {
  ACCOUNT_DISABLED: {
    title: () => 'Your account is turned off, so you cannot sign in or set up security info.',
    steps: () => ['Ask the helpdesk to check why your account was disabled and to turn it back on.', `When it is on again, open ${SECURITY_INFO} and set up your security info.`],
  },
  ACCOUNT_LOCKED: {
    title: () => 'Your account is temporarily locked after too many unsuccessful sign-in attempts.',
    steps: (v) => [
      lockWait(v),
      'Check that you are typing the right password (Caps Lock, keyboard layout).',
      `Then open ${SECURITY_INFO} and sign in once, carefully.`,
      'If it is still locked after that, ask the helpdesk to unlock it.',
    ],
  },
  PASSWORD_EXPIRED: {
    title: () => 'Your password has expired, so the sign-in stops before you can set up security info.',
    steps: () => ['Change your password at https://aka.ms/sspr (or press Ctrl+Alt+Del on a company PC and choose "Change a password").', `Then open ${SECURITY_INFO} and sign in with the new password.`],
  },
  GUEST_ACCOUNT: {
    title: () => 'You are a guest in this organisation, so your security info is set up in your home organisation, not here.',
    steps: () => ['Sign in to your own organisation\'s account (the one your email address belongs to) and set up security info there.', 'If your home organisation\'s sign-in works but this one still fails, ask the person who invited you to contact our helpdesk.'],
  },
  PRIVILEGED_ACCOUNT: {
    title: (v) => `Your account holds an administrator role${v.roles ? ` (${v.roles})` : ''}, so privileged-access staff must handle any Temporary Access Pass.`,
    steps: () => ['The helpdesk will pass your request to the privileged-access team.', 'Expect them to verify your identity in person or by a video call before anything is changed.'],
  },
  USER_RISK_BLOCKED: {
    title: () => 'Microsoft flagged unusual activity on your account, so security-info setup is blocked until your identity is checked.',
    steps: () => ['Do not try again from other devices or networks; it will not help.', 'Contact the helpdesk: they will verify your identity, clear the risk and may give you a Temporary Access Pass.'],
  },
  DEVICE_QUOTA_REACHED: {
    title: () => 'You have reached the maximum number of devices you can register, so a new phone or PC cannot be added.',
    steps: (v) => [
      ...(v.removableDevices ? [`Open ${DEVICES} and remove ${v.removableDevices} old device(s) you no longer use (they are listed below).`] : []),
      ...(v.helpdeskDevices ? [`${v.helpdeskDevices} old company-joined device(s) can only be removed by the helpdesk (their recovery keys must be kept); ask them to clean these up.`] : []),
      ...(!v.removableDevices && !v.helpdeskDevices ? ['Ask the helpdesk to review your devices and remove the ones you no longer use.'] : []),
      `Then open ${SECURITY_INFO} and try again.`,
    ],
  },
  DEVICE_QUOTA_NEAR: {
    title: () => 'You are close to the maximum number of devices you can register.',
    steps: (v) => [v.removableDevices ? `Open ${DEVICES} and remove old devices you no longer use (${v.removableDevices} are listed below).` : `Open ${DEVICES} and remove devices you no longer use.`],
  },
  METHOD_NOT_ENABLED: {
    title: (v) => `Your organisation does not allow you to use ${v.methodLabel ?? 'this sign-in method'}, so setting it up cannot succeed.`,
    steps: (v) => [`Choose another method at ${SECURITY_INFO} (for example "Microsoft Authenticator") if one is offered.`, `If you need ${v.methodLabel ?? 'this method'}, the helpdesk will ask IT to allow it for you.`],
  },
  CAMPAIGN_METHOD_CONFLICT: {
    title: () => 'You are being asked to set up Microsoft Authenticator, but your organisation does not allow it for you, so the setup can never finish.',
    steps: () => ['Skip the "set up Authenticator" prompt if a "Not now" option is shown.', 'The helpdesk will ask IT to fix the settings (allow Authenticator for you, or stop the prompt).'],
  },
  NO_MFA_METHOD_AVAILABLE: {
    title: () => 'Your organisation has not allowed any sign-in method you could set up, so there is nothing to register yet.',
    steps: () => ['Nothing you can change will fix this; the helpdesk will ask IT to enable a method (such as Microsoft Authenticator) for you.'],
  },
  CA_BLOCKS_REGISTRATION: {
    title: (v) =>
      v.ipv6Only
        ? `Your connection reaches Microsoft over IPv6, but your organisation's trusted network${v.locations ? ` (${v.locations})` : ''} lists only IPv4 addresses, so setting up security info is blocked even from the office.`
        : 'Your organisation only allows setting up security info from its own network, and your connection does not count as that.',
    steps: (v) =>
      v.ipv6Only
        ? [
            "You cannot fix this from your side: IT must add the office's IPv6 addresses to the trusted network. Trying again from the same network fails the same way.",
            'Meanwhile, ask the helpdesk for a Temporary Access Pass (the button below): they get this diagnosis with your request and can pass the setting on to IT.',
            `When the helpdesk tells you it is fixed, or you have your pass: ${fresh}`,
          ]
        : [
            v.locations ? `Connect to the company network (office Wi-Fi or VPN: ${v.locations}).` : 'Connect to the company network (office Wi-Fi or VPN).',
            'Turn off other VPNs, mobile hotspots and iCloud Private Relay, and stay on the same network until you finish.',
            `${fresh} Finish within 10 minutes.`,
            'If you cannot reach the company network, the helpdesk can give you a Temporary Access Pass (the button below).',
          ],
  },
  CA_REQUIRES_MFA_TO_REGISTER: {
    title: () => 'Your organisation requires a second sign-in step before you can set up security info, and you do not have one yet.',
    steps: () => ['Ask the helpdesk for a Temporary Access Pass: it counts as that second step.', `With the pass, open ${SECURITY_INFO} in a private window and add Microsoft Authenticator before the pass expires.`],
  },
  CA_REQUIRES_COMPLIANT_DEVICE: {
    title: () => 'Your organisation only allows setting up security info from a company-managed device.',
    steps: () => [`Use your company laptop or PC, open ${SECURITY_INFO} there and sign in.`, 'If you do not have a company device, ask the helpdesk.'],
  },
  SESSION_EXPIRED: {
    title: () => 'The setup page waited too long and your session ran out, so it has to start again.',
    steps: () => ['Close all browser windows.', `${fresh} Finish the setup within 10 minutes without leaving the page.`],
  },
  IP_ADDRESS_CHANGED: {
    title: () => 'Your internet address changed in the middle of signing in, which can make the setup fail.',
    steps: () => ['Stay on one network: do not switch between Wi-Fi, mobile data or VPN while you set up.', 'Keep your VPN either on or off for the whole setup.', `${fresh}`],
  },
  MFA_NOT_COMPLETED: {
    title: () => 'A recent second sign-in step was not completed: it was denied, timed out, or too many calls or texts were sent.',
    steps: () => ['Keep your phone unlocked and nearby, and answer the prompt within a minute.', 'If no notification arrives, open the Authenticator app and check for pending requests; make sure the phone sets its time automatically.', 'If you were told "too many calls or texts", wait an hour or use the Authenticator app instead.'],
  },
  CAMPAIGN_NUDGE_PENDING: {
    title: () => 'Your organisation is asking you to set up the Microsoft Authenticator app.',
    steps: () => ['Install Microsoft Authenticator from your phone\'s app store.', `Open ${SECURITY_INFO}, choose "Add sign-in method" and then "Microsoft Authenticator", and follow the steps.`],
  },
  TAP_ALREADY_ACTIVE: {
    title: (v) => `You already have a Temporary Access Pass you can use${v.until ? ` until ${v.until}` : ''}.`,
    steps: () => [`Open ${SECURITY_INFO} in a private window, sign in with the pass you were given, and add Microsoft Authenticator.`, 'If you never received this pass, tell the helpdesk so they can cancel it.'],
  },
  TAP_NOT_ALLOWED: {
    title: () => 'Your organisation does not allow a Temporary Access Pass for you, so the helpdesk cannot unblock you that way.',
    steps: () => ['The helpdesk will ask IT to include you in the Temporary Access Pass policy, or help another way.'],
  },
  TAP_EXPIRED_OR_USED: {
    title: () => 'The Temporary Access Pass you tried was mistyped, has expired, or was already used.',
    steps: () => ['Ask the helpdesk for a new pass.', `Use it straight away: open ${SECURITY_INFO} in a private window and type it exactly (it is case-sensitive).`],
  },
  STALE_AUTHENTICATOR: {
    title: () => 'Microsoft Authenticator is still registered on your old phone, so your new phone cannot take over.',
    steps: () => ['Ask the helpdesk to remove the old Authenticator registration; they may give you a Temporary Access Pass.', `Then, on your new phone, install Microsoft Authenticator and add it at ${SECURITY_INFO}.`],
  },
  ALREADY_REGISTERED: {
    title: () => 'Your account already has working security info, so there is nothing to set up.',
    steps: () => [`To add or change a method, open ${SECURITY_INFO} and choose "Add sign-in method".`, 'If sign-in still fails, tell us the exact error text or code you see.'],
  },
  BROWSER_OUTDATED: {
    title: (v) => `Your browser${v.browser ? ` (${v.browser})` : ''} is too old for the Microsoft sign-in pages.`,
    steps: (v) => [`Update your browser${v.minimum ? ` to ${v.minimum} or newer` : ''}, or use a current Microsoft Edge, Chrome, Firefox or Safari.`, `Then open ${SECURITY_INFO} again.`],
  },
  WEBAUTHN_UNAVAILABLE: {
    title: (v) => `This browser or device cannot register a ${v.methodLabel ?? 'security key or passkey'}.`,
    steps: (v) => [
      ...(v.reason ? [v.reason] : []),
      'Use a current Microsoft Edge or Chrome on a Windows PC or Mac, or choose Microsoft Authenticator instead.',
      `Then open ${SECURITY_INFO} and try again.`,
    ],
  },
  ENDPOINTS_BLOCKED: {
    title: () => 'Your network blocks Microsoft sign-in addresses that security-info setup needs.',
    steps: (v) => [
      'Try another network (for example your phone\'s mobile data) to finish the setup now.',
      v.hosts ? `The helpdesk will ask the network team to allow: ${v.hosts}.` : 'The helpdesk will ask the network team to allow the Microsoft sign-in addresses.',
    ],
  },
  AUTHENTICATOR_OS_UNSUPPORTED: {
    title: (v) => `Your phone's system${v.os ? ` (${v.os})` : ''} is too old for the Microsoft Authenticator app.`,
    steps: (v) => [`Update your phone${v.minimum ? ` to ${v.minimum} or newer` : ''} in its settings, then install Microsoft Authenticator.`, 'If the phone cannot be updated, choose another method (such as a text message), or ask the helpdesk.'],
  },
  COOKIES_BLOCKED: {
    title: () => 'Your browser blocks the cookies the Microsoft sign-in pages need.',
    steps: () => ['Allow cookies for login.microsoftonline.com and mysignins.microsoft.com (or turn off "Block all cookies" / strict tracking protection).', `Then open ${SECURITY_INFO} again in a normal window.`],
  },
  PASSKEY_TYPE_NOT_ALLOWED: {
    title: (v) => `Your organisation does not accept a passkey in ${v.methodLabel ?? 'this place'}, so it cannot be added or used.`,
    steps: (v) => [
      `Create your passkey somewhere your organisation accepts: ${v.allowed ?? 'ask the helpdesk which kinds are allowed'}.`,
      `Open ${SECURITY_INFO}, choose "Add sign-in method", then "Passkey", and pick that option when your device asks where to save it.`,
      'If you need this kind of passkey for your work, the helpdesk can ask IT to allow it.',
    ],
  },
  PASSKEY_KEY_RESTRICTED: {
    title: (v) => `Your organisation only accepts certain passkey models, and ${v.methodLabel ?? 'this one'} is not one of them.`,
    steps: (v) => [
      `Use an allowed model instead: ${v.allowed ?? 'ask the helpdesk which models are allowed'}.`,
      `Then open ${SECURITY_INFO}, choose "Add sign-in method", then "Passkey", and follow the steps with that model.`,
      'If a passkey you already use stopped working, remove it from the list there and add an allowed one.',
    ],
  },
  PASSKEY_ATTESTATION_REQUIRED: {
    title: (v) => `Your organisation only accepts passkeys that can prove their make and model, and ${v.methodLabel ?? 'this one'} cannot.`,
    steps: (v) => [
      `Use ${v.allowed ?? 'a passkey that can prove its model'} instead.`,
      'In Microsoft Authenticator, add the passkey from inside the app ("Add account" or the passkey prompt), on the phone itself; a passkey made by scanning a QR code from a computer cannot prove its model.',
      `Then open ${SECURITY_INFO} and finish the setup.`,
    ],
  },
  AUTHENTICATOR_UPDATE_REQUIRED: {
    title: (v) => (v.version
      ? `Your Microsoft Authenticator app (version ${v.version}) is too old to hold a passkey for your organisation.`
      : `Your phone's system${v.os ? ` (${v.os})` : ''} is too old for a passkey in Microsoft Authenticator.`),
    steps: (v) => [
      v.version
        ? `Update Microsoft Authenticator from the ${v.os === 'Android' ? 'Google Play Store' : 'App Store'} to version ${v.minimum ?? 'the latest'} or newer.`
        : `Update your phone${v.minimum ? ` to ${v.minimum} or newer` : ''} in its settings, then update Microsoft Authenticator.`,
      `Then open ${SECURITY_INFO} again and add the passkey.`,
      'If the phone cannot be updated, use a security key or another allowed passkey instead, or ask the helpdesk.',
    ],
  },
  PHONE_ONLY_MFA: {
    title: (v) => `Your only second sign-in step is a text message or phone call, which Microsoft stops sending on ${v.deadline ?? '1 February 2027'}.`,
    steps: (v) => [
      v.allowed
        ? `Add a passkey now: open ${SECURITY_INFO}, choose "Add sign-in method", then "Passkey" (Microsoft Authenticator on your phone is the simplest place for it).`
        : `Add Microsoft Authenticator now: open ${SECURITY_INFO}, choose "Add sign-in method", then "Microsoft Authenticator".`,
      'Keep your phone number too, for now; you can keep using it until the new method works.',
      `After ${v.deadline ?? '1 February 2027'}, if you have not added anything, you will be asked to create a passkey at sign-in and cannot skip it.`,
    ],
  },
};

/**
 * "I want a passkey": free text that asks to set one up (not a problem report, which goes to the
 * diagnosis), with the provider and device the employee named, when they named one.
 */
import type { PasskeyDevice, PasskeyProvider } from '../../backend/api/passkeys';

export interface PasskeySetupIntent {
  kind: 'passkeySetup';
  provider?: PasskeyProvider;
  device?: PasskeyDevice;
}

const MENTION = /\bpass ?keys?\b|\bsecurity ?keys?\b|\byubi ?keys?\b|\bwindows hello\b|\bicloud keychain\b|\bgoogle password manager\b|\bfido2?\b/i;
/** Words of a problem report ("my YubiKey does nothing", "the passkey is refused"): those go to the diagnosis. */
const PROBLEM = /\b(not|no|never|nothing|fails?|failed|failing|error|errors|refused|rejected|rejects|blocked|broken|stuck|problem|issue|wrong|denied|lost)\b|n't\b|\bcannot\b/i;

const PROVIDER_HINTS: ReadonlyArray<[PasskeyProvider, RegExp]> = [
  ['securityKey', /\bsecurity ?keys?\b|\byubi ?keys?\b|\bfido2? keys?\b|\bfeitian\b|\btitan key\b/i],
  ['windowsHello', /\bwindows hello\b/i],
  ['iCloudKeychain', /\bicloud\b|\bkeychain\b|\bapple passwords\b/i],
  ['googlePasswordManager', /\bgoogle password manager\b|\bgoogle passwords?\b/i],
  ['microsoftAuthenticator', /\bauthenticator\b/i],
  ['otherPasswordManager', /\bpassword manager\b|\b1password\b|\bbitwarden\b|\bdashlane\b|\blastpass\b|\bkeeper\b/i],
];
const DEVICE_HINTS: ReadonlyArray<[PasskeyDevice, RegExp]> = [
  ['iOS', /\biphone\b|\bipad\b|\bios\b/i],
  ['android', /\bandroid\b|\bpixel\b|\bgalaxy\b/i],
  ['macOS', /\bmac(book)?\b|\bmacos\b|\bimac\b/i],
  ['windows', /\bwindows (pc|laptop|computer|10|11)\b|\bmy pc\b|\blaptop\b/i],
];

/** The provider and device named in the text (brand names read the same in every language). */
export function passkeyHints(text: string): PasskeySetupIntent {
  const provider = PROVIDER_HINTS.find(([, re]) => re.test(text))?.[0];
  const device = DEVICE_HINTS.find(([, re]) => re.test(text))?.[0];
  return { kind: 'passkeySetup', ...(provider ? { provider } : {}), ...(device ? { device } : {}) };
}

export function recognizePasskeySetup(text: string): PasskeySetupIntent | undefined {
  if (!MENTION.test(text) || PROBLEM.test(text)) return undefined;
  return passkeyHints(text);
}

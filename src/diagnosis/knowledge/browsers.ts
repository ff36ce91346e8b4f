/**
 * Browser support for the sign-in and security-info pages (findings.md "Browser minimums") and the
 * WebAuthn caveats of entra-graph.md §13.1 that decide whether a key or passkey can be *registered*.
 */
import type { BrowserMinimums } from '../types';

export const BROWSER_SOURCE = 'shared/contracts/findings.md (Definitions: Browser minimums)';
const FIDO2_COMPAT = 'https://learn.microsoft.com/entra/identity/authentication/concept-fido2-compatibility (entra-graph.md §13.1)';

/** Default minimum major versions; settings.browserMinimums may override each one. */
export const DEFAULT_BROWSER_MINIMUMS: BrowserMinimums = { chromium: 109, firefox: 115, safari: 15 };

/** How a parsed browser is judged: `unsupported` at any version, or by the minimum of a family. */
export type BrowserFamily = keyof BrowserMinimums | 'unsupported' | 'unknown';

export interface BrowserRule {
  /** Parsed browser name (parseUserAgent) or deviceDetail.browser name, lowercase. */
  names: string[];
  family: BrowserFamily;
  /** Compare the engine version (Chromium) rather than the product version (e.g. Opera 95 = Chromium 109). */
  useEngineVersion?: boolean;
  source: string;
}

export const BROWSER_RULES: readonly BrowserRule[] = [
  { names: ['internet explorer', 'ie'], family: 'unsupported', source: BROWSER_SOURCE },
  { names: ['edge legacy'], family: 'unsupported', source: BROWSER_SOURCE },
  { names: ['chrome', 'edge', 'opera', 'brave', 'samsung internet', 'vivaldi', 'chromium'], family: 'chromium', useEngineVersion: true, source: BROWSER_SOURCE },
  { names: ['firefox'], family: 'firefox', source: BROWSER_SOURCE },
  { names: ['safari', 'mobile safari'], family: 'safari', source: BROWSER_SOURCE },
];

export type WebAuthnMethod = 'fido2' | 'passkey';

export interface WebAuthnCaveat {
  /** OS name as parseUserAgent reports it. */
  os: string;
  /** Lowercase browser names, or empty = every browser on that OS. */
  browsers: string[];
  methods: WebAuthnMethod[];
  /** Plain words for the evidence. */
  caveat: string;
  source: string;
}

export const WEBAUTHN_CAVEATS: readonly WebAuthnCaveat[] = [
  { os: 'iOS', browsers: [], methods: ['fido2'], caveat: 'New security-key registration does not work in iOS browsers.', source: FIDO2_COMPAT },
  { os: 'ChromeOS', browsers: [], methods: ['fido2'], caveat: 'Security-key registration is not supported on ChromeOS.', source: FIDO2_COMPAT },
  { os: 'Android', browsers: [], methods: ['fido2'], caveat: 'Security-key registration with Entra ID is not supported on Android.', source: FIDO2_COMPAT },
  { os: 'macOS', browsers: ['firefox', 'safari'], methods: ['fido2'], caveat: 'New security-key registration fails in Firefox and Safari on macOS (no PIN/biometric setup prompt).', source: FIDO2_COMPAT },
  { os: 'Android', browsers: ['firefox'], methods: ['fido2', 'passkey'], caveat: 'Firefox on Android does not support Entra ID security-key or passkey sign-in.', source: FIDO2_COMPAT },
];

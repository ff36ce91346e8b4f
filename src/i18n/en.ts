/**
 * Every string the employee reads, in English. A translation is a copy of this file with the same
 * shape (type `Strings`), passed to createApp as `strings`.
 */
import { advice } from './en/advice';
import { campaigns, nudge } from './en/campaigns';
import { clarify } from './en/clarify';
import { deferred } from './en/deferred';
import { helpdesk, tap } from './en/helpdesk';
import { passkeys } from './en/passkeys';

export const en = {
  securityLine: "IT will never ask you to approve a sign-in you didn't start or to read out a code.",
  status: { blocking: 'Blocked', warning: 'Needs attention', info: 'OK' },
  fixOwner: {
    self: 'You can fix this yourself.',
    helpdesk: 'The helpdesk needs to do this for you.',
    admin: 'Your IT admin needs to change a setting.',
  },
  methods: {
    microsoftAuthenticator: 'Microsoft Authenticator app',
    phone: 'Phone (text message or call)',
    fido2: 'Security key',
    passkey: 'Passkey',
    softwareOath: 'Authenticator code app',
    windowsHello: 'Windows Hello',
  },
  welcome: {
    title: 'Trouble setting up MFA? I can help.',
    intro:
      "I check your account, browser and devices, find out why setting up multi-factor sign-in doesn't work, and show you how to fix it.",
    question: 'What are you trying to set up?',
    guidedIntro: "Let's work it out together, one step at a time.",
    authenticator: 'Authenticator app',
    phone: 'Phone number',
    securityKey: 'Security key or passkey',
    gotError: 'I got an error',
  },
  askError: {
    title: 'Tell me the error',
    text: 'Paste the error message or code you saw (for example AADSTS53003), or describe what happened.',
    placeholder: 'AADSTS53003 or "my session expired"',
    submit: 'Check this error',
    back: 'Back',
  },
  errorCode: {
    title: 'About the error you got',
    unknownMeaning: "I don't know this code yet. Microsoft's lookup page explains it.",
    lookup: 'Look up {code}',
    next: "Let me check your account to see what caused it.",
    checkAccount: 'Check my account',
  },
  checkLink: {
    title: 'Quick check of your browser and network',
    text: 'Open this page in the browser where you set up MFA. It checks your browser, network and passkey support, then sends the result back here. It takes about 10 seconds.',
    open: 'Open the check',
    skip: 'Skip the browser check',
    skipNote: 'No browser handy? Skip it and I will check your account only.',
  },
  findings: {
    title: 'What I found',
    rootCause: 'Most likely cause',
    steps: 'What to do',
    evidence: 'Show details',
    hideEvidence: 'Hide details',
    evidenceTitle: 'Details (for you or the helpdesk)',
    others: 'Also found',
    gapsTitle: 'What I could not check',
    gap: '{source} were not available ({reason}).',
    noFindings: "I couldn't find anything wrong with your account.",
    noFindingsSteps: 'Try again at https://aka.ms/mysecurityinfo. If it still fails, tell me the error you get.',
    mySecurityInfo: 'Open My Security Info',
    tryAgain: 'Check again',
    itWorked: 'It worked',
    stillStuck: 'Still stuck',
    helpdesk: 'Talk to the helpdesk',
    removeDevices: 'Remove old devices',
    pastedCode: 'You told me about error {code}.',
  },
  freshness: {
    pending: 'not read yet: check again in a minute',
    staleTitle: 'How current this is',
    stale: '{source}: as of {age}. Changes since then are not in this answer yet.',
    age: { minute: 'about a minute ago', minutes: '{n} minutes ago', hours: '{n} hours ago', days: '{n} days ago' },
  },
  gapSources: {
    signIns: 'Sign-in logs',
    riskyUser: 'Sign-in risk information',
    conditionalAccess: 'Conditional Access policies',
    namedLocations: 'Trusted locations',
    registrationDetails: 'Registration details',
    authenticationMethodsPolicy: 'The authentication methods policy',
    deviceRegistrationPolicy: 'The device limit policy',
    devices: 'Your device list',
    memberships: 'Your group memberships',
    registration: 'Registration details',
    securityInfo: 'Recent changes to your security info',
    policies: 'Your organisation\'s policies',
    directory: 'Your account',
  } as Record<string, string>,
  fixStep: { title: 'Next thing to try', progress: 'Step {n} of {total}' },
  escalationOffer: {
    title: "Let's get a person on it",
    text: "I've run out of things you can try yourself. The helpdesk can look at your account with what I found.",
  },
  devices: {
    title: 'Free up space for a new device',
    text: 'Your account has reached its device limit. These devices have not been used for a long time. Remove the ones you no longer use.',
    lastUsed: 'Last used: {when}',
    never: 'never',
    remove: 'Remove…',
    removed: 'Removed',
    refused: 'Not removed',
    joinedTitle: 'Work devices the helpdesk will handle',
    joinedText: 'These are company-joined devices. The helpdesk will handle this (BitLocker keys).',
    none: 'There are no old devices you can remove yourself.',
    checkAgain: 'Check again',
    removedNotice: 'Done: “{name}” was removed.',
    refusedNotice: 'I couldn\'t remove “{name}”. Your organisation\'s rules don\'t allow it right now, so the helpdesk will help with this one.',
    unavailableNotice: "I couldn't reach the directory just now. Nothing was removed. Please try again in a minute.",
  },
  confirmDevice: {
    title: 'Remove “{name}”?',
    text: 'It will be signed out of your work account and removed from your list. You can register it again later. This cannot be undone.',
    confirm: 'Yes, remove it',
    cancel: 'Keep it',
    factDevice: 'Device',
    factSystem: 'System',
    factUsed: 'Used',
  },
  notices: {
    startOver: 'Start over',
    tryAgain: 'Try again',
    thanksTitle: 'Great, you are all set!',
    thanksText: 'Glad it worked. If anything else goes wrong, just say hi.',
    escalatedTitle: 'The helpdesk is being contacted',
    escalatedText: "I've passed on what I found. Someone from the helpdesk will contact you here in Teams.",
    alreadyEscalatedText: 'You already asked for the helpdesk. Someone will contact you here in Teams.',
    reference: 'Reference: {reference}',
    unknownUserTitle: "I couldn't find your account",
    unknownUserText: "I couldn't find your account in the directory. If you've just joined, wait an hour and try again, or contact the helpdesk.",
    noIdentityText: "I couldn't tell who you are from this chat. Please message me from your work account in Teams.",
    unavailableTitle: "I can't check right now",
    unavailableText: 'The service I use to check accounts is not responding. Please try again in a minute.',
    apologyTitle: 'Sorry, something went wrong on my side',
    apologyText: 'Please try again. If it keeps happening, give the helpdesk this reference.',
    staleTitle: 'This card is out of date',
    staleText: "That button belongs to an earlier step, so I didn't do anything. Use my latest card, or start over.",
    foreignTitle: "This card isn't yours",
    foreignText: "That button belongs to someone else's conversation, so I didn't do anything.",
    malformedTitle: "I didn't understand that",
    malformedText: "That request didn't look right, so I didn't do anything. Start over if you need help.",
    tenantNotAllowed: "Sorry, I'm not set up for your organisation, so I can't help here. Please contact your IT helpdesk.",
    checkReceived: 'Thanks, I got the results of your browser check.',
  },
  // Who must act, the visible cause, and third-person summaries for agents.
  advice,
  // Clarifying questions and "I didn't understand".
  clarify,
  helpdesk,
  tap,
  // Registration-nudge campaigns: the employee's nudge card and the admin's channel cards.
  nudge,
  campaigns,
  deferred,
  // The passkey guide (src/bot/passkeys).
  passkeys,
} as const;

type Widen<T> = T extends string ? string : T extends Record<string, unknown> ? { [K in keyof T]: Widen<T[K]> } : T;
export type Strings = Widen<typeof en>;

/** Replaces `{name}` placeholders. Unknown names are left as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

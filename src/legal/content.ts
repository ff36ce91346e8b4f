/**
 * The privacy statement and terms of use the Teams app package links to (manifest `privacyUrl`,
 * `termsOfUseUrl`). IT departments adapt this file (it is the text, nothing else lives here);
 * `{organization}` and `{contact}` come from ORGANIZATION_NAME and PRIVACY_CONTACT.
 * Keep it true to the code: tests/integration/legal/pages.test.ts checks the facts it states.
 */
export interface LegalSection {
  heading: string;
  paragraphs: string[];
}

export interface LegalPage {
  title: string;
  intro: string;
  sections: LegalSection[];
}

export const PRIVACY: LegalPage = {
  title: 'MFA Helper: privacy statement',
  intro:
    'MFA Helper is a Microsoft Teams app that {organization} runs in its own Microsoft 365 tenant and Azure subscription to help employees set up multi-factor authentication. This page says what it reads, who sees it, and how long it is kept.',
  sections: [
    {
      heading: 'What it reads about you',
      paragraphs: [
        'When you ask for help: your Entra ID account (name, user principal name, object id, whether the account is enabled), the authentication methods registered on it (their kind and when they were added, never a secret), your registered devices, your recent sign-in attempts (time, error code, IP address, approximate location, app, browser), your Identity Protection risk level, your group and role memberships, and your manager.',
        'The tenant-wide settings that decide what you may register: the authentication methods policy, passkey profiles, Conditional Access policies for registering security information, and the Temporary Access Pass policy.',
        'If you open the self-check page: your browser name and version, whether it supports passkeys, whether cookies work, your clock, whether you reached us over IPv4 or IPv6, and which Microsoft sign-in addresses your browser could reach. Nothing else on your device is read.',
      ],
    },
    {
      heading: 'Who sees it',
      paragraphs: [
        'You see the diagnosis in your 1:1 chat with the bot.',
        'When you ask for a Temporary Access Pass or for help from IT, the members of the helpdesk channel see your name, account, the diagnosis and the evidence an agent needs to verify who you are and what went wrong: recent sign-in attempts with their IP addresses and locations, your risk level, recent changes to your methods, your manager and the phone numbers in the directory.',
        'A Temporary Access Pass is shown only to you, in your 1:1 chat, and removed from the chat when it is used or expires. It is never shown in the helpdesk channel, never written to logs, and held only encrypted until it is delivered.',
      ],
    },
    {
      heading: 'How long it is kept',
      paragraphs: [
        'Diagnoses are computed when you ask and are not stored. The conversation state (where you are in a guided fix) is kept until it is replaced or the conversation ends. Self-check links work for 15 minutes, once.',
        'An audit record of every request, decision, pass issued, delivery, removal and administrative action is kept for the retention period {organization} set (on Azure, in storage that cannot be edited or deleted during that period). Audit records never contain a pass, a token or a password.',
        'Nothing is sent to anyone outside {organization} and Microsoft: the app talks only to Microsoft Graph, Microsoft Teams and the Azure resources of {organization}.',
      ],
    },
    {
      heading: 'Questions and requests',
      paragraphs: ['Ask {contact} about this app, the data it uses about you, or to exercise your rights under data protection law.'],
    },
  ],
};

export const TERMS: LegalPage = {
  title: 'MFA Helper: terms of use',
  intro: 'MFA Helper is provided by {organization} to its employees and contractors to set up and recover multi-factor authentication.',
  sections: [
    {
      heading: 'Use',
      paragraphs: [
        'Use the app only for your own account. Asking for a Temporary Access Pass for someone else, or pretending to be someone else, is a security incident and is handled as one.',
        'IT will never ask you for a password, a code or a pass in a chat, a call or an email. A pass shown to you is for you alone: do not share it, and report anyone who asks for it.',
      ],
    },
    {
      heading: 'Decisions',
      paragraphs: [
        'The diagnosis explains the most likely cause from the information available; it can be wrong or incomplete. A helpdesk agent decides whether to issue a pass after verifying who you are, and may refuse.',
      ],
    },
    {
      heading: 'Contact',
      paragraphs: ['Questions about these terms: {contact}.'],
    },
  ],
};

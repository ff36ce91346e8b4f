/**
 * The people of the demo tenant (tests/fixtures/tenants/demo.json) as the demo page lists them:
 * who they are in the story, what is wrong, and what to type. Mirrors the table in
 * tests/fixtures/tenants/README.md; people the table does not know are listed as employees.
 */
import type { PlaygroundUser } from '../playground';

export type PersonaRole = 'employee' | 'approver' | 'admin';

export interface PersonaStory {
  role: PersonaRole;
  story: string;
  /** What to type or do first in the Playground. */
  tryThis: string;
}

export interface Persona extends PersonaStory {
  name: string;
  upn: string;
  id: string;
}

const STORIES: Record<string, PersonaStory> = {
  'adele.vance@contoso.example': { role: 'employee', story: 'At the office, but her browser uses IPv6 and the trusted office location lists only IPv4 ranges: registering security info is blocked (53003).', tryThis: "I can't set up MFA" },
  'diego.siciliani@contoso.example': { role: 'approver', story: 'Helpdesk approver (Helpdesk TAP Approvers). Approves or denies Temporary Access Pass requests in the IT Helpdesk channel.', tryThis: 'In IT Helpdesk › TAP approvals: "@MFA Helper use this channel for helpdesk", then open a request card and click its refresh button for Approve / Deny / Ask for info.' },
  'isaiah.langer@contoso.example': { role: 'employee', story: 'Got a new phone; his only Microsoft Authenticator is on the old iPhone, so sign-in prompts time out.', tryThis: 'I got a new phone' },
  'patti.fernandez@contoso.example': { role: 'employee', story: 'Fully registered (Authenticator, security key, phone); manager of Adele, Isaiah and Megan.', tryThis: "I can't set up MFA" },
  'lynne.robbins@contoso.example': { role: 'admin', story: 'Helpdesk admin (Helpdesk TAP Approvers): runs registration-nudge campaigns for everyone not yet registered.', tryThis: 'In IT Helpdesk › TAP approvals: "@MFA Helper campaign preview", then Start on the card.' },
  'megan.bowen@contoso.example': { role: 'employee', story: '10 of 10 devices registered, 7 of them stale: the device quota is reached.', tryThis: "I can't register my device" },
  'alex.wilber@contoso.example': { role: 'employee', story: 'Global Administrator without MFA: the bot must hand him to the helpdesk, never issue a pass itself.', tryThis: "I can't set up MFA" },
  'grady.archie@contoso.example': { role: 'employee', story: 'The registration campaign nudges him to Authenticator, which his group (Manufacturing Floor) may not use: a loop.', tryThis: 'It keeps asking me to install Authenticator' },
  'joni.sherman@contoso.example': { role: 'employee', story: 'Wants a security key (FIDO2), which is enabled only for the Passkey Pilot group (135016).', tryThis: "My security key doesn't work" },
  'lee.gu@contoso.example': { role: 'employee', story: 'Left the setup wizard open too long: the session expired 40 minutes ago (50089).', tryThis: 'It says my session expired' },
  'miriam.graham@contoso.example': { role: 'employee', story: 'Three wrong passwords, then smart lockout (50053) four hours ago.', tryThis: "I'm locked out" },
  'nestor.wilke@contoso.example': { role: 'employee', story: 'High user risk: Identity Protection blocks registering security info (53004).', tryThis: "I can't set up MFA" },
  'pradeep.gupta@contoso.example': { role: 'employee', story: 'Declined or ignored the Authenticator prompts (500121 twice).', tryThis: "MFA doesn't work" },
  'johanna.lorenz@contoso.example': { role: 'employee', story: 'The one-time pass issued yesterday expired unused (130504): she needs a new one from the helpdesk.', tryThis: 'I lost my phone, then "Ask the helpdesk for a pass"' },
  'christie.cline@contoso.example': { role: 'employee', story: 'Signs in from Chrome 96 on Windows 7: the browser is too old.', tryThis: "I can't set up MFA" },
  'allan.deyoung@contoso.example': { role: 'employee', story: 'CEO, fully registered: nothing is wrong.', tryThis: "I can't set up MFA" },
  'breakglass01@contoso.example': { role: 'employee', story: 'Break-glass Global Administrator with two security keys (excluded from the office-only rule).', tryThis: "I can't set up MFA" },
};

const GUEST: PersonaStory = { role: 'employee', story: 'Fabrikam guest: security info is registered in her home tenant, not here.', tryThis: "I can't set up MFA" };

export function personaOf(u: PlaygroundUser): Persona {
  const story = STORIES[u.userPrincipalName.toLowerCase()] ?? (u.userPrincipalName.includes('#EXT#') ? GUEST : { role: 'employee' as const, story: 'An employee of the demo tenant.', tryThis: "I can't set up MFA" });
  return { ...story, name: u.displayName, upn: u.userPrincipalName, id: u.id };
}

/** Approvers and admins first (they drive the channel), then the employees in fixture order. */
export function personasOf(users: PlaygroundUser[]): Persona[] {
  const all = users.map(personaOf);
  const rank: Record<PersonaRole, number> = { approver: 0, admin: 1, employee: 2 };
  return all.map((p, i) => ({ p, i })).sort((a, b) => rank[a.p.role] - rank[b.p.role] || a.i - b.i).map((x) => x.p);
}

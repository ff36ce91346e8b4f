/**
 * English strings of the advice: who must act, the visible cause an agent verifies, and the
 * third-person summaries agents read on helpdesk cards (part of `en`).
 */
export const advice = {
  actorLabel: 'Who needs to act',
  actor: {
    employee: 'You: you can fix this yourself.',
    helpdesk: 'The helpdesk: they need to do this for you.',
    admin: 'Your IT admin: a setting of your organisation must change. This is not something you can fix on your side.',
  } as Record<string, string>,
  stepsLabel: { employee: 'What to do', meanwhile: 'What you can do meanwhile' } as Record<string, string>,
  askForPass: 'Ask the helpdesk for a pass',
  cause: {
    ipv6: 'Cause: policy “{policy}” allows setting up security info only from {locations}. This connection used IPv6{ip}, but {locations} lists only IPv4 ranges, so it does not count as the office network.',
    outside: 'Cause: policy “{policy}” allows setting up security info only from {locations}; the attempt came from{ip}, outside those ranges.',
    policy: 'Cause: Conditional Access policy “{policy}”.',
    lockout: 'Last lockout: {at}.',
    unnamedPolicy: 'a Conditional Access policy',
    unnamedLocations: 'the trusted locations',
  },
  // Helpdesk cards: written for the agent, in the third person.
  agentActor: {
    employee: 'Who acts: the employee (guided by the bot).',
    helpdesk: 'Who acts: the helpdesk.',
    admin: 'Who acts: an IT admin (a tenant setting must change).',
  } as Record<string, string>,
  agentFix: {
    ipv6: "Fix: add the office's IPv6 ranges to the trusted location {locations} (or exclude it from the policy). Until then the employee is blocked even in the office.",
  },
  factPhones: 'Phone (directory)',
  factManagerContact: 'Manager',
  noPhone: 'none in the directory',
  /** Third-person finding summaries for agents (the employee reads the finding's own title). */
  agentTitles: {
    ACCOUNT_DISABLED: 'The account is disabled.',
    ACCOUNT_LOCKED: 'The account is locked by smart lockout after failed sign-ins.',
    PASSWORD_EXPIRED: 'The password has expired.',
    GUEST_ACCOUNT: 'This is a guest account: security info is registered in the home organisation.',
    PRIVILEGED_ACCOUNT: 'The account holds an administrator role: privileged-access staff must handle any pass.',
    USER_RISK_BLOCKED: 'Identity Protection flagged the account (high risk): verify identity and remediate the risk first.',
    DEVICE_QUOTA_REACHED: 'The employee has reached the device limit; old devices must be removed.',
    DEVICE_QUOTA_NEAR: 'The employee is close to the device limit.',
    METHOD_NOT_ENABLED: 'The method the employee is setting up is not enabled for them in the authentication methods policy.',
    CAMPAIGN_METHOD_CONFLICT: 'The registration campaign nudges the employee to Microsoft Authenticator, which is disabled for them.',
    NO_MFA_METHOD_AVAILABLE: 'No MFA method is enabled for this employee.',
    CA_BLOCKS_REGISTRATION: 'A Conditional Access policy blocks security-info registration from where the employee connects.',
    CA_REQUIRES_MFA_TO_REGISTER: 'A Conditional Access policy requires MFA to register, and the employee has no usable method: a pass is needed.',
    CA_REQUIRES_COMPLIANT_DEVICE: 'A Conditional Access policy requires a compliant or joined device to register.',
    SESSION_EXPIRED: 'The employee’s setup session expired (50089 / 50132 / 50133).',
    IP_ADDRESS_CHANGED: 'The employee’s address changed during one sign-in session (e.g. IPv4 ↔ IPv6).',
    MFA_NOT_COMPLETED: 'Recent MFA prompts were denied, timed out or not answered.',
    CAMPAIGN_NUDGE_PENDING: 'The registration campaign is asking the employee to set up Authenticator.',
    TAP_ALREADY_ACTIVE: 'The employee already has a usable Temporary Access Pass.',
    TAP_NOT_ALLOWED: 'The Temporary Access Pass policy does not include this employee.',
    TAP_EXPIRED_OR_USED: 'The employee’s previous pass was mistyped, expired or already used.',
    STALE_AUTHENTICATOR: 'Microsoft Authenticator is still registered on the employee’s old phone: remove that registration so the new phone can be added.',
    ALREADY_REGISTERED: 'The account already has working MFA methods.',
    BROWSER_OUTDATED: 'The employee’s browser is older than the supported minimum.',
    WEBAUTHN_UNAVAILABLE: 'The employee’s browser or device cannot register a security key or passkey.',
    ENDPOINTS_BLOCKED: 'The employee’s network blocks Microsoft sign-in endpoints.',
    AUTHENTICATOR_OS_UNSUPPORTED: 'The employee’s phone OS is too old for Microsoft Authenticator.',
    COOKIES_BLOCKED: 'The employee’s browser blocks the cookies sign-in needs.',
  } as Record<string, string>,
} as const;

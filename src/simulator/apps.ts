/**
 * The app registrations the local token service knows. Fixed, clearly-local ids and secrets:
 * they only ever work against this simulator on loopback.
 */
export interface SimulatorApp {
  clientId: string;
  clientSecret?: string;
  /** PEM certificate (may also hold the private key) whose key signs client assertions. */
  certificatePem?: string;
  roles: string[];
  /** App roles on other resources than Graph, by resource app id (the Verified ID Request Service). */
  resourceRoles?: Record<string, string[]>;
  displayName?: string;
}

/** Roles are exactly docs/permissions.md (src/backend/graph/permissions.ts; tests/unit/backend/permissions.test.ts). */
const diagnostic: SimulatorApp = {
  clientId: '00000000-0000-0000-0000-00000000d1a9',
  clientSecret: 'local-diagnostic-secret-not-for-production',
  displayName: 'MFA assistant diagnostics (local)',
  roles: [
    'User.Read.All',
    'UserAuthenticationMethod.Read.All',
    'AuditLog.Read.All',
    'Policy.Read.All',
    'Device.Read.All',
    'GroupMember.Read.All',
    'IdentityRiskyUser.Read.All',
    // Directory roles in transitiveMemberOf carry displayName/roleTemplateId only with a role-read
    // permission; PIM-eligible and scoped roles for PRIVILEGED_ACCOUNT need it too (entra-graph-2026.md §18).
    'RoleManagement.Read.Directory',
  ],
  // Face Check presentation requests (entra-graph-2026.md §19.1; docs/permissions.md, Verified ID).
  resourceRoles: { '3db474b9-6a0c-4840-96ac-1fceb342124f': ['VerifiableCredential.Create.All'] },
};

/** Deletes one stale registered device (the optional self-service removal). */
const deviceCleanup: SimulatorApp = {
  clientId: '00000000-0000-0000-0000-0000000de71c',
  clientSecret: 'local-device-removal-secret-not-for-production',
  displayName: 'MFA assistant device removal (local)',
  roles: ['Device.ReadWrite.All'],
};

/** Registration-nudge campaigns install the bot for employees (docs/campaigns.md). */
const appInstaller: SimulatorApp = {
  clientId: '00000000-0000-0000-0000-0000000a9915',
  clientSecret: 'local-app-installation-secret-not-for-production',
  displayName: 'MFA assistant app installation (local)',
  roles: ['TeamsAppInstallation.ReadWriteForUser.All'],
};

const tapIssuer: SimulatorApp = {
  clientId: '00000000-0000-0000-0000-0000000007a9',
  clientSecret: 'local-tap-issuer-secret-not-for-production',
  displayName: 'MFA assistant TAP issuer (local)',
  // User.RevokeSessions.All: "This wasn't me" revokes the pass and the user's sessions (docs/permissions.md).
  roles: ['UserAuthMethod-TAP.ReadWrite.All', 'User.RevokeSessions.All'],
};

/** "This wasn't me": deletes the methods an attacker added, one narrow permission per method type; optionally blocks sign-in. */
const containment: SimulatorApp = {
  clientId: '00000000-0000-0000-0000-0000000c0a7a',
  clientSecret: 'local-containment-secret-not-for-production',
  displayName: 'MFA assistant containment (local)',
  roles: [
    'UserAuthMethod-Phone.ReadWrite.All',
    'UserAuthMethod-Email.ReadWrite.All',
    'UserAuthMethod-MicrosoftAuthApp.ReadWrite.All',
    'UserAuthMethod-SoftwareOATH.ReadWrite.All',
    'UserAuthMethod-Passkey.ReadWrite.All',
    'UserAuthMethod-WindowsHello.ReadWrite.All',
    'UserAuthMethod-PlatformCred.ReadWrite.All',
    'User.EnableDisableAccount.All',
    'User.Read.All',
  ],
};

export const LOCAL_APPS: { diagnostic: SimulatorApp; tapIssuer: SimulatorApp; containment: SimulatorApp; deviceCleanup: SimulatorApp; appInstaller: SimulatorApp; all: SimulatorApp[] } = {
  diagnostic,
  tapIssuer,
  containment,
  deviceCleanup,
  appInstaller,
  all: [diagnostic, tapIssuer, containment, deviceCleanup, appInstaller],
};

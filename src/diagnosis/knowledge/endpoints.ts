/**
 * Microsoft endpoints that security-info registration and MFA need (entra-graph.md §13.3: Microsoft 365
 * URLs and IP ranges IDs 56 and 59, plus the registration UI hosts). The self-check page probes `probeUrl`;
 * ENDPOINTS_BLOCKED is raised when a required host (or a host under a required wildcard) is unreachable.
 */
import type { EndpointInfo } from '../types';

const ID56 = 'https://aka.ms/o365endpoints (ID 56, Allow, required) — entra-graph.md §13.3';
const ID59 = 'https://aka.ms/o365endpoints (ID 59, Default, required) — entra-graph.md §13.3';
const UI = 'entra-graph.md §13.3 (registration UI hosts)';

const ep = (host: string, purpose: string, source: string, required = true): EndpointInfo => ({
  host, probeUrl: `https://${host}/`, purpose, required, source,
});

export const REQUIRED_ENDPOINTS: EndpointInfo[] = [
  ep('login.microsoftonline.com', 'The Entra ID sign-in service: every sign-in and MFA prompt starts here.', ID56),
  ep('login.microsoft.com', 'Alternate sign-in host used by newer sign-in flows.', ID56),
  ep('mysignins.microsoft.com', 'My Sign-Ins / Security info: where security info is registered (aka.ms/mysecurityinfo).', UI),
  ep('aka.ms', 'Short links such as aka.ms/mysecurityinfo redirect through this host.', UI),
  ep('account.activedirectory.windowsazure.com', 'Legacy security-info and MFA setup pages.', ID56),
  ep('aadcdn.msftauth.net', 'Scripts and styles of the sign-in pages (CDN).', UI),
  ep('aadcdn.msauth.net', 'Scripts and styles of the sign-in pages (CDN).', UI),
  ep('logincdn.msftauth.net', 'Sign-in page CDN.', UI),
  ep('graph.microsoft.com', 'Microsoft Graph: the security-info page reads and writes methods through it.', ID56),
  ep('passwordreset.microsoftonline.com', 'Password reset and combined registration.', ID56),
  ep('device.login.microsoftonline.com', 'Device sign-in and registration (Authenticator, device-based policies).', ID56),
  ep('enterpriseregistration.windows.net', 'Device registration service (phone/PC registration, passwordless Authenticator).', ID59),
];

/** Wildcard domains from IDs 56 and 59: a host under one of these is required too. */
export const REQUIRED_DOMAIN_SUFFIXES: readonly { suffix: string; source: string }[] = [
  { suffix: 'auth.microsoft.com', source: ID56 },
  { suffix: 'msftidentity.com', source: ID56 },
  { suffix: 'msidentity.com', source: ID56 },
  { suffix: 'microsoftonline.com', source: ID59 },
  { suffix: 'microsoftonline-p.com', source: ID59 },
  { suffix: 'msauth.net', source: ID59 },
  { suffix: 'msauthimages.net', source: ID59 },
  { suffix: 'msecnd.net', source: ID59 },
  { suffix: 'msftauth.net', source: ID59 },
  { suffix: 'msftauthimages.net', source: ID59 },
  { suffix: 'phonefactor.net', source: ID59 },
];

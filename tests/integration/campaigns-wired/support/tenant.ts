/**
 * A 30-user tenant for the wired campaign tests (policies from the backend tests' small tenant):
 *   u01–u06 registered (Authenticator), u07–u09 guests, u10–u11 disabled, u12–u14 in the excluded
 *   group, u15–u30 the 16 targets: u15–u18 already have the app (and talked to the bot), u19's app
 *   is blocked by a policy (install 403), u20 blocked the bot in Teams, u21–u30 need an install.
 *   Group "Sales": u01 (registered), u07 (guest), u15, u16.
 */
import { smallFixture } from '../../backend/harness';

export const T0 = '2026-11-26T09:00:00.000Z';
export const uid = (n: number): string => `31000000-0000-0000-0000-0000000000${String(n).padStart(2, '0')}`;
export const EXCLUDED_GROUP = '21000000-0000-0000-0000-000000000001';
export const SALES_GROUP = '21000000-0000-0000-0000-000000000002';
export const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
export const TARGETS = range(15, 30);
export const HAS_APP = range(15, 18);
export const APP_BLOCKED = 19;
export const BOT_BLOCKED = 20;

export function authenticator(createdDateTime: string): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', id: `m-${createdDateTime}`, displayName: 'iPhone', deviceTag: 'SoftwareTokenActivated', phoneAppVersion: '6.8.1', createdDateTime };
}

export function campaignFixture(): Record<string, unknown> {
  const base = smallFixture();
  const users = range(1, 30).map((n) => ({
    id: uid(n),
    userPrincipalName: `user${n}@fabrikam.example`,
    displayName: `User ${n}`,
    accountEnabled: n < 10 || n > 11,
    userType: n >= 7 && n <= 9 ? 'Guest' : 'Member',
    authenticationMethods: [
      { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: `pw-${n}`, password: null, createdDateTime: '2026-01-10T08:00:00Z' },
      ...(n <= 6 ? [authenticator('2026-02-01T08:00:00Z')] : []),
    ],
  }));
  return {
    ...base,
    conditionalAccessPolicies: [],
    groups: [
      { id: EXCLUDED_GROUP, displayName: 'Campaign excluded', members: range(12, 14).map(uid) },
      { id: SALES_GROUP, displayName: 'Sales', members: [1, 7, 15, 16].map(uid) },
    ],
    directoryRoles: [],
    users,
    simulation: { teamwork: { installed: HAS_APP.map(uid), notAllowed: [uid(APP_BLOCKED)] } },
  };
}

/** A small tenant of phone cohorts for passkey campaign tests (simulator fixture). */
import { smallFixture, type Stack } from '../../backend/harness';

export const G_MS = '21000000-0000-0000-0000-0000000000aa'; // Microsoft's campaign targets this group (fido2)
export const G_NOPK = '21000000-0000-0000-0000-0000000000bb'; // excluded from passkeys
export const id = (n: number) => `31000000-0000-0000-0000-00000000000${n}`;
const phone = (n: number) => ({ '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: `p-${n}`, phoneNumber: `+44 77009001${n}0`, phoneType: 'mobile' });
const authenticator = (n: number) => ({ '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', id: `a-${n}`, displayName: 'iPhone', phoneAppVersion: '6.8.40' });
const password = (n: number) => ({ '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: `pw-${n}`, password: null });

function user(n: number, name: string, methods: unknown[], extra: Record<string, unknown> = {}) {
  return {
    id: id(n),
    userPrincipalName: `${name.toLowerCase()}@fabrikam.example`,
    displayName: name,
    accountEnabled: true,
    userType: 'Member',
    createdDateTime: '2026-01-10T08:00:00Z',
    authenticationMethods: [password(n), ...methods],
    ...extra,
  };
}

export function cohortFixture(): Record<string, unknown> {
  const f = smallFixture() as { authenticationMethodsPolicy: { registrationEnforcement: unknown; authenticationMethodConfigurations: Array<Record<string, unknown>> } } & Record<string, unknown>;
  f.authenticationMethodsPolicy.registrationEnforcement = {
    authenticationMethodsRegistrationCampaign: { state: 'enabled', snoozeDurationInDays: 1, excludeTargets: [], includeTargets: [{ id: G_MS, targetType: 'group', targetedAuthenticationMethod: 'fido2' }] },
  };
  const fido2 = f.authenticationMethodsPolicy.authenticationMethodConfigurations.find((c) => c.id === 'Fido2');
  if (fido2) fido2.excludeTargets = [{ id: G_NOPK, targetType: 'group' }];
  f.users = [
    user(1, 'Olivia', [phone(1)]),
    user(2, 'Mia', [phone(2)]),
    user(3, 'Dan', [phone(3), authenticator(3)], { registrationDetails: { isSystemPreferredAuthenticationMethodEnabled: false, userPreferredMethodForSecondaryAuthentication: 'sms' } }),
    user(4, 'Rita', [phone(4), authenticator(4)]),
    user(5, 'Nora', [authenticator(5)]),
    user(6, 'Xavier', [phone(6)]),
    user(7, 'Gus', [phone(7)], { userType: 'Guest', userPrincipalName: 'gus_ext#EXT#@fabrikam.example' }),
  ];
  f.groups = [
    { id: G_MS, displayName: 'Microsoft campaign', members: [id(2)] },
    { id: G_NOPK, displayName: 'No passkeys', members: [id(6)] },
  ];
  return f;
}


/** Graph requests the simulator saw that concern one user or go through $batch (the snapshot walk makes none). */
export function perUserCalls(stack: Stack): number {
  return Object.entries(stack.sim.stats().byPath)
    .filter(([k]) => k.includes('/users/') || k.includes('$batch'))
    .reduce((n, [, v]) => n + v, 0);
}

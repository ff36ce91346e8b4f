/**
 * The authentication-method configurations assumed when a tenant has no authenticationMethodsPolicy
 * object (Microsoft's new-tenant defaults). [unconfirmed] — see docs/diagnosis.md "Decisions": Microsoft
 * Authenticator, SMS and software OATH are on for all users (Microsoft-managed / legacy MFA defaults);
 * voice, FIDO2/passkey, hardware OATH and Temporary Access Pass are off until an admin enables them.
 */
import type { MethodConfiguration } from '../facts';

const all = [{ id: 'all_users', targetType: 'group' }];
const on = (id: string): MethodConfiguration => ({ id, state: 'enabled', includeTargets: all, excludeTargets: [] });
const off = (id: string): MethodConfiguration => ({ id, state: 'disabled', includeTargets: all, excludeTargets: [] });

export const NEW_TENANT_METHOD_DEFAULTS: readonly MethodConfiguration[] = [
  on('MicrosoftAuthenticator'),
  on('Sms'),
  on('SoftwareOath'),
  on('Email'),
  off('Voice'),
  off('Fido2'),
  off('HardwareOath'),
  off('X509Certificate'),
  { ...off('TemporaryAccessPass'), defaultLifetimeInMinutes: 60, minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480, isUsableOnce: false, defaultLength: 8 },
];

export const NEW_TENANT_DEFAULTS_SOURCE = 'docs/diagnosis.md (Decisions: new-tenant defaults) [unconfirmed]';

/** Face Check settings in loadConfig: on in local mode, opt-in in production with its callback and key. */
import { ConfigError, loadConfig } from '../../../src/config';

const PROD_BACKEND = {
  APP_MODE: 'production',
  APP_ROLE: 'backend',
  BACKEND_AUDIENCE: 'api://backend',
  BACKEND_ALLOWED_CALLERS: 'bot-app',
  GRAPH_TENANT_ID: '11111111-1111-1111-1111-111111111111',
  GRAPH_CREDENTIAL: 'managedIdentity',
  TAP_GRAPH_CREDENTIAL: 'managedIdentity',
  TAP_GRAPH_CLIENT_ID: 'tap-mi',
  USER_TOKEN_AUDIENCE: 'sso-app',
  APPROVERS_GROUP_ID: 'group',
};
const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env, () => 'g'.repeat(43));
    return [];
  } catch (e) {
    return e instanceof ConfigError ? e.problems : [String(e)];
  }
};

describe('Verified ID Face Check configuration', () => {
  it('local mode turns Face Check on with a local DID, the default threshold 70 and a generated api key', () => {
    const c = loadConfig({ APP_MODE: 'local' }, () => 'g'.repeat(43));
    expect(c.verifiedId).toEqual({ authority: 'did:web:verifiedid.localhost', serviceUrl: 'https://verifiedid.did.msidentity.com', callbackBaseUrl: 'http://127.0.0.1:3980', apiKey: 'g'.repeat(43), threshold: 70 });
  });

  it('production leaves Face Check off without an authority', () => {
    expect(loadConfig(PROD_BACKEND).verifiedId).toBeUndefined();
  });

  it('production with an authority needs an https callback origin and an api key, and names both', () => {
    expect(problems({ ...PROD_BACKEND, VERIFIED_ID_AUTHORITY: 'did:web:verifiedid.contoso.com', VERIFIED_ID_CALLBACK_BASE_URL: 'http://backend.contoso.com' })).toEqual([
      'VERIFIED_ID_CALLBACK_BASE_URL: required with VERIFIED_ID_AUTHORITY, an https origin the Request Service can reach',
      'VERIFIED_ID_API_KEY: required with VERIFIED_ID_AUTHORITY (>= 32 characters)',
    ]);
    const ok = loadConfig({ ...PROD_BACKEND, VERIFIED_ID_AUTHORITY: 'did:web:verifiedid.contoso.com', VERIFIED_ID_CALLBACK_BASE_URL: 'https://backend.contoso.com/', VERIFIED_ID_API_KEY: 'k'.repeat(40), FACE_CHECK_THRESHOLD: '85' });
    expect(ok.verifiedId).toMatchObject({ callbackBaseUrl: 'https://backend.contoso.com', threshold: 85 });
  });

  it.each([['49'], ['101'], ['70.5']])('a threshold of %s is refused (the service accepts integers 50–100)', (t) => {
    expect(problems({ APP_MODE: 'local', FACE_CHECK_THRESHOLD: t })).toEqual([expect.stringMatching(/^FACE_CHECK_THRESHOLD: /)]);
  });

  it('an authority that is not a DID and a short api key are refused', () => {
    expect(problems({ APP_MODE: 'local', VERIFIED_ID_AUTHORITY: 'verifiedid.contoso.com', VERIFIED_ID_API_KEY: 'short' }).map((p) => p.split(':')[0])).toEqual(['VERIFIED_ID_AUTHORITY', 'VERIFIED_ID_API_KEY']);
  });
});

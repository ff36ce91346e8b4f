import { ConfigError, loadConfig } from '../../src/config';

const secret = () => 'generated-secret-generated-secret-123456';

describe('loadConfig', () => {
  it('when nothing is set, runs in local mode on loopback with generated dev secrets', () => {
    const c = loadConfig({}, secret);
    expect(c.mode).toBe('local');
    expect(c.bot.host).toBe('127.0.0.1');
    expect(c.bot.port).toBe(3978);
    expect(c.backend.authMode).toBe('localKey');
    expect(c.backend.localKey).toBe(secret());
    expect(c.backend.url).toBe('http://127.0.0.1:3980');
    expect(c.bot.publicBaseUrl).toBe('http://127.0.0.1:3978');
    expect(c.backend.allowTimeTravel).toBe(true);
    expect(c.storage.kind).toBe('sqlite');
  });

  it('when local mode is asked to bind a public interface, startup fails naming BIND_HOST', () => {
    expect(() => loadConfig({ BIND_HOST: '0.0.0.0' }, secret)).toThrow(/BIND_HOST/);
  });

  it('when production is missing keys, one error names every bad key', () => {
    let err: unknown;
    try {
      loadConfig({ APP_MODE: 'production', APP_ROLE: 'bot' }, secret);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.map((p) => p.split(':')[0]);
    for (const key of ['BOT_ID', 'BOT_PASSWORD', 'BOT_TENANT_ID', 'ALLOWED_TENANTS', 'PUBLIC_BASE_URL', 'CHECK_TOKEN_SECRET', 'BACKEND_URL']) {
      expect(problems).toContain(key);
    }
    expect(problems).not.toContain('GRAPH_CLIENT_ID'); // the bot never holds Graph credentials
  });

  it('when the production backend is missing keys, every Graph and caller-auth key is named', () => {
    let err: unknown;
    try {
      loadConfig({ APP_MODE: 'production', APP_ROLE: 'backend' }, secret);
    } catch (e) {
      err = e;
    }
    const problems = (err as ConfigError).problems.map((p) => p.split(':')[0]);
    for (const key of ['BACKEND_AUDIENCE', 'BACKEND_ALLOWED_CALLERS', 'GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'USER_TOKEN_AUDIENCE']) {
      expect(problems).toContain(key);
    }
    expect(problems).not.toContain('BOT_ID');
    // The TAP identity belongs to the TAP issuer service (APP_ROLE=issuer), not to the backend service.
    expect(problems).not.toContain('TAP_GRAPH_CLIENT_ID');
  });

  it('when the production TAP issuer is missing keys, its TAP identity is named too', () => {
    let err: unknown;
    try {
      loadConfig({ APP_MODE: 'production', APP_ROLE: 'issuer' }, secret);
    } catch (e) {
      err = e;
    }
    const problems = (err as ConfigError).problems.map((p) => p.split(':')[0]);
    for (const key of ['GRAPH_CLIENT_ID', 'TAP_GRAPH_CLIENT_ID', 'TAP_GRAPH_CLIENT_SECRET', 'USER_TOKEN_AUDIENCE']) expect(problems).toContain(key);
    expect(problems).not.toContain('BOT_ID');
  });

  it('when a production bot has no BACKEND_AUDIENCE, validation fails with one message naming every bad key (no stack trace later)', () => {
    let err: unknown;
    try {
      loadConfig({ APP_MODE: 'production', APP_ROLE: 'bot', USER_PROOF: 'localIdp' }, secret);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(problems).toEqual(expect.arrayContaining(['BACKEND_AUDIENCE', 'BOT_ID', 'BACKEND_URL', 'USER_PROOF']));
    expect((err as ConfigError).message).toMatch(/^Invalid configuration: .*BACKEND_AUDIENCE: required in production/);
  });

  it('when production asks for both services in one process, it is refused', () => {
    expect(() => loadConfig({ APP_MODE: 'production', APP_ROLE: 'all' }, secret)).toThrow(/APP_ROLE/);
  });

  it('when values have the wrong type, the error names the key', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' }, secret)).toThrow(/PORT.*LOG_LEVEL|LOG_LEVEL.*PORT/);
  });

  it('when the TAP identity equals the read identity in production, it is refused', () => {
    const env = {
      APP_MODE: 'production', APP_ROLE: 'backend', BOT_ID: 'b', BOT_PASSWORD: 'p', BOT_TENANT_ID: 't', ALLOWED_TENANTS: 't',
      PUBLIC_BASE_URL: 'https://bot.example', CHECK_TOKEN_SECRET: 'x'.repeat(40), BACKEND_URL: 'https://backend.example',
      BACKEND_AUDIENCE: 'api://backend', BACKEND_ALLOWED_CALLERS: 'b', GRAPH_TENANT_ID: 't', APPROVERS_GROUP_ID: 'g', USER_TOKEN_AUDIENCE: 'sso-app',
      GRAPH_CLIENT_ID: 'same', GRAPH_CLIENT_SECRET: 's', TAP_GRAPH_CLIENT_ID: 'same', TAP_GRAPH_CLIENT_SECRET: 's2',
    };
    expect(() => loadConfig(env, secret)).toThrow(/TAP_GRAPH_CLIENT_ID: must differ/);
    const ok = loadConfig({ ...env, TAP_GRAPH_CLIENT_ID: 'other' }, secret);
    expect(ok.backend.authMode).toBe('entra');
    expect(ok.backend.allowTimeTravel).toBe(false);
    expect(ok.bot.allowedTenants).toEqual(['t']);
  });

  it('the language-model recogniser is off by default, and on with endpoint, deployment and key (api version defaulted)', () => {
    expect(loadConfig({}, secret).understanding).toEqual({});
    const env = { AZURE_OPENAI_ENDPOINT: 'https://contoso-ai.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini', AZURE_OPENAI_API_KEY: 'k' };
    expect(loadConfig(env, secret).understanding).toEqual({ azureOpenAi: { endpoint: 'https://contoso-ai.openai.azure.com', deployment: 'gpt-4o-mini', apiKey: 'k', apiVersion: '2024-10-21', timeoutMs: 3000 } });
  });

  it('when the Azure OpenAI endpoint is set without its deployment and key, startup fails naming both', () => {
    expect(() => loadConfig({ AZURE_OPENAI_ENDPOINT: 'https://contoso-ai.openai.azure.com' }, secret)).toThrow(/AZURE_OPENAI_DEPLOYMENT.*AZURE_OPENAI_API_KEY/);
    expect(() => loadConfig({ AZURE_OPENAI_API_VERSION: 'latest' }, secret)).toThrow(/AZURE_OPENAI_API_VERSION/);
  });

  it('when BACKEND_ALLOW_TIME_TRAVEL is set in production, it is refused', () => {
    expect(() => loadConfig({ APP_MODE: 'production', APP_ROLE: 'backend', BACKEND_ALLOW_TIME_TRAVEL: 'true' }, secret)).toThrow(/BACKEND_ALLOW_TIME_TRAVEL/);
  });
});

/**
 * One set of runtime keys: what src/config.ts reads (its EnvSchema), what infra/azure.bicep sets
 * as App Service settings, and what the Agents Toolkit writes (file/createOrUpdateEnvironmentFile).
 * Every written key must be read; every key read must be set somewhere or be on the documented
 * list of keys that keep their default in Azure. (bicep.test.ts runs loadConfig's production checks
 * on the settings of every App Service the Bicep declares.) Secrets live only in git-ignored env/.env.*.user files.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bicepSettings, configKeys, read, ROOT } from './bicepModel';

/** App Service platform settings (read by App Service, not by the app). */
const PLATFORM = new Set(['WEBSITES_PORT', 'SCM_DO_BUILD_DURING_DEPLOYMENT']);

/** Keys Azure leaves at their default, with the reason (docs/configuration.md has the defaults). */
const NOT_SET_IN_AZURE: Record<string, string> = {
  BOT_PASSWORD: 'the bot uses its user-assigned managed identity (BOT_TYPE=UserAssignedMSI)',
  CHECK_TOKEN_TTL_SECONDS: 'default',
  CHECK_PROBE_URLS: 'tests and demo only',
  SQLITE_PATH: 'STORAGE_KIND=azure',
  BACKEND_LOCAL_KEY: 'local mode only',
  BACKEND_AUTHORITY_HOST: 'default (public cloud)',
  BACKEND_ALLOW_TIME_TRAVEL: 'refused in production',
  GRAPH_BASE_URL: 'default (public cloud)',
  GRAPH_AUTHORITY_HOST: 'default (public cloud)',
  GRAPH_CLIENT_SECRET: 'managed identity',
  GRAPH_CERTIFICATE_PATH: 'managed identity',
  TAP_GRAPH_CLIENT_SECRET: 'managed identity',
  TAP_GRAPH_CERTIFICATE_PATH: 'managed identity',
  CONTAIN_GRAPH_CLIENT_SECRET: 'managed identity',
  DEVICE_GRAPH_CLIENT_SECRET: 'managed identity',
  DEVICE_GRAPH_CERTIFICATE_PATH: 'managed identity',
  APPS_GRAPH_CLIENT_SECRET: 'managed identity',
  APPS_GRAPH_CERTIFICATE_PATH: 'managed identity',
  CONTAIN_GRAPH_CERTIFICATE_PATH: 'managed identity',
  CONTAIN_BLOCK_SIGN_IN: 'default (off); set it in the portal to block sign-in on "This wasn\'t me"',
  GRAPH_POLICY_CACHE_SECONDS: 'default',
  GRAPH_TIMEOUT_MS: 'default',
  GRAPH_MAX_RETRIES: 'default',
  DIAG_RECENT_HOURS: 'default',
  DIAG_LOCKOUT_HOURS: 'default',
  DIAG_STALE_DEVICE_DAYS: 'default',
  TAP_LIFETIME_MINUTES: 'default: the tenant policy minimum',
  TAP_REQUIRE_MANAGER_CONFIRMATION: 'default; set it in the portal to turn it on',
  TAP_RATE_PER_APPROVER_PER_HOUR: 'default',
  TAP_RATE_PER_TENANT_PER_HOUR: 'default',
  TAP_REQUEST_TTL_MINUTES: 'default',
  BOT_RECORD_RETENTION_DAYS: 'default',
  BOT_DEFAULT_LOCALE: 'default (en); set it in the portal for a tenant whose staff read another language',
  USER_PROOF: 'default: teamsSso in production (localIdp is refused there)',
  SSO_CONNECTION_NAME: 'default (TeamsSso): name the Azure Bot OAuth connection so',
  USER_TOKEN_MAX_AGE_SECONDS: 'default',
  APPROVER_AUTH_CONTEXT: 'optional; set it in the portal once the Conditional Access authentication context exists',
  ACCOUNT_RECOVERY_ENABLED: 'default; set it in the portal to turn it on',
  ACCOUNT_RECOVERY_URL: 'default',
  VERIFIED_ID_AUTHORITY: 'optional feature (Face Check); set it in the portal once Verified ID and Face Check are set up',
  VERIFIED_ID_SERVICE_URL: 'default (public cloud)',
  VERIFIED_ID_CALLBACK_BASE_URL: 'only with VERIFIED_ID_AUTHORITY (the backend\'s public origin)',
  VERIFIED_ID_API_KEY: 'only with VERIFIED_ID_AUTHORITY (a Key Vault reference)',
  FACE_CHECK_THRESHOLD: 'default',
  VERIFICATION_POLICY: 'default (docs/security-model.md, the verification ladder); set it in the portal to change it',
  TENANT_FIXTURE: 'local mode only',
  SIMULATOR_PORT: 'local mode only',
  SIMULATOR_NOW: 'local mode only',
  PLAYGROUND_USER: 'local mode only',
  CAMPAIGN_BUDGET_PER_SECOND: 'default',
  CAMPAIGN_QUIET_HOURS: 'default',
  CAMPAIGN_CARD_REFRESH_SECONDS: 'default',
  FOLLOW_UP_HOURS: 'default (24 h)',
  AZURE_OPENAI_ENDPOINT: 'optional and off by default; set it in the portal (with the deployment and a Key Vault reference for the key) to turn the language model on',
  AZURE_OPENAI_DEPLOYMENT: 'optional, with AZURE_OPENAI_ENDPOINT',
  AZURE_OPENAI_API_KEY: 'optional secret, with AZURE_OPENAI_ENDPOINT (a Key Vault reference)',
  AZURE_OPENAI_API_VERSION: 'default',
  AZURE_OPENAI_TIMEOUT_MS: 'default',
};

function toolkitEnvKeys(): string[] {
  const keys: string[] = [];
  for (const file of readdirSync(ROOT).filter((f) => /^teamsapp(\..+)?\.yml$/.test(f))) {
    const lines = read(file).split('\n');
    lines.forEach((line, i) => {
      if (!/uses:\s*file\/createOrUpdateEnvironmentFile/.test(line)) return;
      const envsAt = lines.findIndex((l, j) => j > i && /^\s+envs:\s*$/.test(l));
      const indent = (lines[envsAt] ?? '').search(/\S/);
      for (let j = envsAt + 1; j < lines.length; j++) {
        const l = lines[j] ?? '';
        if (l.trim() === '' || l.search(/\S/) <= indent) break;
        const m = /^\s+([A-Z][A-Z0-9_]*):/.exec(l);
        if (m?.[1]) keys.push(m[1]);
      }
    });
  }
  return keys;
}

describe('runtime keys: config.ts, Bicep app settings and Agents Toolkit env files agree', () => {
  const config = new Set(configKeys());
  const bot = bicepSettings('botAppSettings');
  const backend = bicepSettings('backendAppSettings');
  const issuer = bicepSettings('issuerAppSettings');
  const toolkit = toolkitEnvKeys();

  it('the parsers find the keys (so the checks below can fail)', () => {
    expect(config.size).toBeGreaterThan(50);
    expect(bot.size).toBeGreaterThan(10);
    expect(backend.size).toBeGreaterThan(10);
    expect(toolkit).toEqual(expect.arrayContaining(['APP_MODE', 'BOT_ID', 'PLAYGROUND']));
  });

  it('every key the Agents Toolkit writes is read by config.ts', () => {
    expect(toolkit.filter((k) => !config.has(k))).toEqual([]);
  });

  it('every Bicep app setting is read by config.ts (or is an App Service platform setting)', () => {
    const unknown = [...bot.keys(), ...backend.keys(), ...issuer.keys()].filter((k) => !config.has(k) && !PLATFORM.has(k));
    expect(unknown).toEqual([]);
  });

  it('every key config.ts reads is set by Bicep or the toolkit, or is listed as keeping its default in Azure', () => {
    const set = new Set([...bot.keys(), ...backend.keys(), ...issuer.keys(), ...toolkit, ...Object.keys(NOT_SET_IN_AZURE)]);
    expect([...config].filter((k) => !set.has(k) && !['PLAYGROUND', 'PLAYGROUND_PORT'].includes(k))).toEqual([]);
    expect(Object.keys(NOT_SET_IN_AZURE).filter((k) => !config.has(k))).toEqual([]); // no stale entries
  });

  it('the TAP-issuing and containment identities run only on the issuer service; the backend holds none of them', () => {
    expect(issuer.get('APP_ROLE')).toBe("'issuer'");
    for (const key of ['TAP_GRAPH_CLIENT_ID', 'CONTAIN_GRAPH_CLIENT_ID']) {
      expect(issuer.has(key)).toBe(true);
      expect(backend.has(key)).toBe(false);
    }
    for (const key of ['DEVICE_GRAPH_CLIENT_ID', 'APPS_GRAPH_CLIENT_ID']) {
      expect(backend.has(key)).toBe(true);
      expect(issuer.has(key)).toBe(false);
    }
    expect(bot.get('BACKEND_ISSUER_URL')).toBe("'https://${issuerHost}'");
  });

  it('the toolkit projects all use one yaml schema version', () => {
    const versions = readdirSync(ROOT)
      .filter((f) => /^teamsapp(\..+)?\.yml$/.test(f))
      .map((f) => /^version:\s*(\S+)/m.exec(read(f))?.[1]);
    expect(versions.length).toBe(3);
    expect(new Set(versions).size).toBe(1);
  });

  it('committed env files carry no secret values; .user files (SECRET_*) are git-ignored', () => {
    const tracked = readdirSync(join(ROOT, 'env')).filter((f) => f.startsWith('.env.') && !f.endsWith('.user'));
    for (const f of tracked) {
      const assigned = read(join('env', f))
        .split('\n')
        .filter((l) => /^SECRET_[A-Z0-9_]*=\S/.test(l));
      expect({ file: f, assigned }).toEqual({ file: f, assigned: [] });
    }
    const ignored = execFileSync('git', ['check-ignore', 'env/.env.dev.user', 'env/.env.local.user', '.localConfigs'], { cwd: ROOT, encoding: 'utf8' });
    expect(ignored.trim().split('\n')).toEqual(['env/.env.dev.user', 'env/.env.local.user', '.localConfigs']);
  });
});

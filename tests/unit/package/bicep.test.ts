/**
 * The Bicep against the config schema, as invariants that hold however many services and
 * identities it declares: every App Service runs the nodeRuntime parameter (runtime.test.ts holds
 * that to a supported LTS), names its role, sets only keys config.ts reads, passes loadConfig's
 * production checks for that role, and runs under user-assigned identities the template declares;
 * every identity a setting names (client ids, storage, Key Vault references) is attached to the
 * site that uses it, and no declared identity is left unused.
 */
import { ConfigError, loadConfig } from '../../../src/config';
import { bicepSettings, configKeys, read, sample, sites, userAssignedIdentities } from './bicepModel';

const PLATFORM = new Set(['WEBSITES_PORT', 'SCM_DO_BUILD_DURING_DEPLOYMENT']);
const CALLER_LISTS = new Set(['BACKEND_ALLOWED_CALLERS']);

describe('Bicep services against the config schema', () => {
  const bicep = read('infra/azure.bicep');
  const all = sites(bicep);
  const declared = userAssignedIdentities(bicep);
  const known = new Set(configKeys());

  it('the parser finds the App Services and identities (so the checks below can fail)', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(declared.length).toBeGreaterThanOrEqual(2);
  });

  it.each(all.map((s) => [s.symbol, s] as const))('%s runs the nodeRuntime parameter under its own user-assigned identities', (_name, site) => {
    expect(site.body).toMatch(/linuxFxVersion: nodeRuntime\n/);
    expect(site.identityType).toBe('UserAssigned');
    expect(site.identities.length).toBeGreaterThan(0);
    expect(site.identities.filter((i) => !declared.includes(i))).toEqual([]);
    const kvIdentity = /keyVaultReferenceIdentity: (\w+)\.id/.exec(site.body)?.[1];
    if (kvIdentity) expect(site.identities).toContain(kvIdentity);
  });

  it.each(all.map((s) => [s.symbol, s] as const))('%s sets only known keys, names its role and passes the production checks for it', (_name, site) => {
    expect(site.settingsVar).toBeDefined();
    const settings = bicepSettings(site.settingsVar ?? '', bicep);
    expect([...settings.keys()].filter((k) => !known.has(k) && !PLATFORM.has(k))).toEqual([]);
    expect(settings.get('APP_MODE')).toBe("'production'");
    expect(["'bot'", "'backend'", "'issuer'"]).toContain(settings.get('APP_ROLE'));
    const env = Object.fromEntries([...settings].map(([k, v]) => [k, sample(k, v, bicep)]));
    let problems: string[] = [];
    try {
      loadConfig(env);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems = e.problems;
    }
    expect(problems).toEqual([]);
  });

  it.each(all.map((s) => [s.symbol, s] as const))('every identity %s names in its settings is attached to it', (_name, site) => {
    const missing: string[] = [];
    for (const [key, value] of bicepSettings(site.settingsVar ?? '', bicep)) {
      // BACKEND_ALLOWED_CALLERS names who may call (the bot's identity), not an identity the backend uses.
      if (CALLER_LISTS.has(key)) continue;
      for (const m of value.matchAll(/\b(\w+)\.properties\.clientId/g)) if (!site.identities.includes(m[1] ?? '')) missing.push(`${key}: ${m[1] ?? ''}`);
    }
    expect(missing).toEqual([]);
  });

  it('every declared identity runs something (a site or the bot registration)', () => {
    const used = new Set([...all.flatMap((s) => s.identities), ...[...bicep.matchAll(/msaAppMSIResourceId: (\w+)\.id/g)].map((m) => m[1] ?? '')]);
    expect(declared.filter((i) => !used.has(i))).toEqual([]);
  });
});

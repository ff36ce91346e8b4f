/**
 * `npm run package` (scripts/package-app.js) run for real as a child process on a test
 * environment: the zip it writes, the substituted manifest (validated offline against the official
 * JSON schema bundled in @microsoft/app-manifest), and its refusal of unfilled placeholders.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readZip } from './support';

const ROOT = resolve(__dirname, '../../..');
const SCRIPT = join(ROOT, 'scripts', 'package-app.js');
const ENV = {
  TEAMS_APP_ID: '0f1e2d3c-4b5a-4968-8776-655443322110',
  BOT_ID: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
  BOT_DOMAIN: 'mfahelper-bot-abc123.azurewebsites.net',
  PUBLIC_BASE_URL: 'https://mfahelper-bot-abc123.azurewebsites.net',
  APP_NAME_SUFFIX: '-test',
};

/**
 * @microsoft/app-manifest's AppManifestUtils.validateAgainstSchema, run in plain Node: inside jest
 * it cannot load (it requires an ES module). Returns the schema errors.
 */
function validateOffline(manifest: unknown, dir: string): string[] {
  const file = join(dir, `validate-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(manifest));
  const code = `require('@microsoft/app-manifest').AppManifestUtils.validateAgainstSchema(JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'))).then((e) => process.stdout.write(JSON.stringify(e)))`;
  const out = execFileSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as string[];
}

describe('the Teams app package (npm run package)', () => {
  let dir: string;
  let manifest: Record<string, unknown>;
  let zip: Buffer;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mfa-pkg-'));
    writeFileSync(join(dir, '.env.test'), `# test env\n${Object.entries(ENV).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
    execFileSync(process.execPath, [SCRIPT, '--env-file', join(dir, '.env.test'), '--out', dir, '--name', 'test'], { encoding: 'utf8' });
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.test.json'), 'utf8')) as Record<string, unknown>;
    zip = readFileSync(join(dir, 'appPackage.test.zip'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when packaged, the zip holds exactly manifest.json and the two icons at its root, byte for byte', () => {
    const entries = readZip(zip);
    expect(entries.map((e) => e.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const byName = new Map(entries.map((e) => [e.name, e.data]));
    expect(byName.get('color.png')?.equals(readFileSync(join(ROOT, 'appPackage', 'color.png')))).toBe(true);
    expect(byName.get('outline.png')?.equals(readFileSync(join(ROOT, 'appPackage', 'outline.png')))).toBe(true);
    expect(JSON.parse(byName.get('manifest.json')?.toString('utf8') ?? '')).toEqual(manifest);
  });

  it('when another zip implementation (Python zipfile) reads the package, it finds no error', () => {
    const probe = spawnSync('python3', ['--version']);
    if (probe.status !== 0) return; // python3 absent: the reader above still checked every CRC
    const r = spawnSync('python3', ['-m', 'zipfile', '-t', join(dir, 'appPackage.test.zip')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Done testing/);
  });

  it('when the placeholders are filled, the manifest is valid against its official schema, offline', () => {
    expect(JSON.stringify(manifest)).not.toMatch(/\$\{\{/);
    expect(validateOffline(manifest, dir)).toEqual([]);
  });

  it('when the manifest breaks a schema rule, the same validator names it (the check is real)', () => {
    const bots = manifest.bots as Array<Record<string, unknown>>;
    const broken = { ...manifest, bots: [{ ...bots[0], scopes: ['personal', 'everywhere'] }] };
    const errors = validateOffline(broken, dir);
    expect(errors.join('\n')).toMatch(/scopes/);
  });

  it('uses a current manifest schema (1.19 or later) and $schema names the same version', () => {
    const version = String(manifest.manifestVersion);
    expect(Number(version.split('.')[1])).toBeGreaterThanOrEqual(19);
    expect(String(manifest.$schema)).toBe(`https://developer.microsoft.com/en-us/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  });

  it('installs the bot in personal and team scopes, with the self-check host in validDomains and webApplicationInfo for the bot', () => {
    const bot = (manifest.bots as Array<{ botId: string; scopes: string[] }>)[0];
    expect(bot?.botId).toBe(ENV.BOT_ID);
    expect(bot?.scopes.sort()).toEqual(['personal', 'team']);
    expect(manifest.validDomains).toContain(new URL(ENV.PUBLIC_BASE_URL).host);
    // Teams SSO in card actions (entra-graph-2026.md §20.5): the standalone-bot app ID URI, the
    // same resource the bot names in its login request (src/bot/sso/userProof.ts), and the Token Service domain.
    expect(manifest.webApplicationInfo).toEqual({ id: ENV.BOT_ID, resource: `api://botid-${ENV.BOT_ID}` });
    expect(manifest.validDomains).toContain('token.botframework.com');
    expect((manifest.name as { short: string }).short).toBe('MFA Helper-test');
  });

  it('has the insights dashboard as a personal tab on the bot host, signed in with the same Teams SSO app (webApplicationInfo)', () => {
    expect(manifest.staticTabs).toEqual([
      { entityId: 'insights', name: 'Insights', contentUrl: `${ENV.PUBLIC_BASE_URL}/admin/tab`, websiteUrl: `${ENV.PUBLIC_BASE_URL}/admin/insights`, scopes: ['personal'] },
    ]);
    expect(manifest.validDomains).toContain(new URL(`${ENV.PUBLIC_BASE_URL}/admin/tab`).host);
  });

  it('when a placeholder has no value, packaging fails naming the key and writes no zip', () => {
    const envFile = join(dir, '.env.partial');
    // An empty APP_NAME_SUFFIX is fine (production has none); an empty BOT_ID or an absent BOT_DOMAIN is not.
    writeFileSync(envFile, `TEAMS_APP_ID=${ENV.TEAMS_APP_ID}\nAPP_NAME_SUFFIX=\nBOT_ID=\nPUBLIC_BASE_URL=${ENV.PUBLIC_BASE_URL}\n`);
    const out = join(dir, 'partial');
    const r = spawnSync(process.execPath, [SCRIPT, '--env-file', envFile, '--out', out, '--name', 'partial'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/missing values for BOT_ID, BOT_DOMAIN/);
    expect(existsSync(join(out, 'appPackage.partial.zip'))).toBe(false);
  });
});

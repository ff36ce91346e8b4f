/**
 * A small reader of infra/azure.bicep for the package tests (no Bicep compiler is installed): the
 * keys config.ts reads, the App Service sites with their identities and settings, the user-assigned
 * identities declared, and a value loadConfig accepts for a Bicep expression.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

/** The keys of config.ts's EnvSchema. */
export function configKeys(): string[] {
  const src = read('src/config.ts');
  const start = src.indexOf('const EnvSchema');
  const end = src.indexOf('.passthrough()', start);
  return [...src.slice(start, end).matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1] ?? '');
}

/** `var <name> = [ { name: 'KEY', value: … } … ]` as key → Bicep expression. */
export function bicepSettings(name: string, bicep = read('infra/azure.bicep')): Map<string, string> {
  const start = bicep.indexOf(`var ${name} = [`);
  if (start < 0) throw new Error(`infra/azure.bicep has no var ${name}`);
  const block = bicep.slice(start, bicep.indexOf('\n]', start));
  return new Map([...block.matchAll(/\{ name: '([A-Z][A-Z0-9_]*)', value: (.+) \}$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

/** The text of a top-level `resource <symbol> '<type>@…' = {` block, up to its closing brace. */
function blocks(bicep: string, type: string): Array<{ symbol: string; body: string }> {
  const out: Array<{ symbol: string; body: string }> = [];
  const re = new RegExp(`^resource (\\w+) '${type.replace(/[./]/g, (c) => `\\${c}`)}@[^']+' = \\{$`, 'gm');
  for (const m of bicep.matchAll(re)) {
    const from = m.index ?? 0;
    const end = bicep.indexOf('\n}', from);
    out.push({ symbol: m[1] ?? '', body: bicep.slice(from, end + 2) });
  }
  return out;
}

export interface Site {
  symbol: string;
  body: string;
  /** Symbols of the user-assigned identities attached (`'${x.id}': {}`). */
  identities: string[];
  identityType?: string;
  /** The settings var named by `appSettings: <var>`. */
  settingsVar?: string;
}

export function sites(bicep = read('infra/azure.bicep')): Site[] {
  return blocks(bicep, 'Microsoft.Web/sites').map(({ symbol, body }) => {
    const identityBlock = /identity: \{([\s\S]*?)\n {2}\}/.exec(body)?.[1] ?? '';
    return {
      symbol,
      body,
      identities: [...identityBlock.matchAll(/'\$\{(\w+)\.id\}': \{\}/g)].map((m) => m[1] ?? ''),
      identityType: /type: '([^']+)'/.exec(identityBlock)?.[1],
      settingsVar: /appSettings: (\w+)/.exec(body)?.[1],
    };
  });
}

export function userAssignedIdentities(bicep = read('infra/azure.bicep')): string[] {
  return blocks(bicep, 'Microsoft.ManagedIdentity/userAssignedIdentities').map((b) => b.symbol);
}

/** A value loadConfig accepts for a Bicep expression (resource ids, URLs, Key Vault references). */
export function sample(key: string, bicepValue: string, bicep = read('infra/azure.bicep')): string {
  const literal = /^'([^'$]*)'$/.exec(bicepValue);
  if (literal) return literal[1] ?? '';
  // A parameter with a literal default (e.g. evaluationMode = 'live'): that default.
  const param = /^[a-z][A-Za-z0-9]*$/.test(bicepValue) ? new RegExp(`^param ${bicepValue} string = '([^'$]*)'$`, 'm').exec(bicep) : null;
  if (param) return param[1] ?? '';
  if (key === 'TAP_VAULT_KEY') return Buffer.alloc(32, 7).toString('base64');
  if (key === 'CHECK_TOKEN_SECRET') return 'x'.repeat(48);
  if (key.endsWith('_ID') && bicepValue.startsWith('campaign')) return '';
  if (key === 'TEAMS_APP_CATALOG_ID') return '';
  if (key.endsWith('_URL')) return 'https://mfahelper-x.azurewebsites.net';
  if (key === 'BACKEND_AUDIENCE') return 'api://mfa-helper-backend';
  // Each identity's client id is its own (loadConfig refuses one identity for two purposes).
  const identity = /^(\w+)Identity\.properties\.clientId$/.exec(bicepValue);
  if (identity) return `11111111-0000-0000-0000-${Buffer.from(identity[1] ?? '').toString('hex').padStart(12, '0').slice(-12)}`;
  return `${key.toLowerCase()}-from-bicep`;
}

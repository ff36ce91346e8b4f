/**
 * The one permission table (src/backend/graph/permissions.ts) against the simulator's permission
 * map, the code's request builders, the docs and the simulator's local app registrations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GRAPH_PERMISSION_TABLE, IDENTITIES, grantsFor, type GraphIdentity } from '../../../src/backend/graph/permissions';
import { urls } from '../../../src/backend/graph/requests';
import { LOCAL_APPS } from '../../../src/simulator';
import { graphRoutes } from '../../../src/simulator/graph/dispatch';
import { ROLE_READ } from '../../../src/simulator/graph/handlers/users';
import { matchRoute } from '../../../src/simulator/graph/route';

const ROOT = join(__dirname, '..', '..', '..');
const doc = (name: string) => readFileSync(join(ROOT, 'docs', name), 'utf8');
const routes = graphRoutes();

function routeOf(method: string, sample: string) {
  const path = new URL(sample, 'https://graph.example/').pathname;
  const segments = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  const match = matchRoute(routes, method, segments);
  if (!('route' in match)) throw new Error(`the simulator serves no ${method} ${path}`);
  const alternatives = typeof match.route.roles === 'function' ? match.route.roles(match.params) : match.route.roles;
  return { pattern: match.route.pattern, alternatives };
}

const all = (identity: GraphIdentity) => {
  const g = grantsFor(identity);
  return [...g.required, ...g.optional].sort();
};
const ticked = (text: string) => [...text.matchAll(/`([A-Za-z]+(?:-[A-Za-z]+)?(?:\.[A-Za-z]+)+)`/g)].map((m) => m[1] ?? '');

function section(text: string, heading: string): string {
  const start = text.indexOf(heading);
  if (start < 0) throw new Error(`no section ${heading}`);
  const next = text.indexOf('\n## ', start + heading.length);
  return text.slice(start, next < 0 ? undefined : next);
}

/** First-column permissions of the markdown table rows in a section (and which are marked optional). */
function tablePermissions(text: string): { all: string[]; optional: string[] } {
  const rows = text.split('\n').filter((l) => /^\| `/.test(l));
  const first = rows.map((r) => r.split(' | ')[0] ?? '');
  return {
    all: first.flatMap(ticked).sort(),
    optional: first.filter((c) => c.includes('(optional)')).flatMap(ticked).sort(),
  };
}

describe('the Graph permission table', () => {
  it.each(GRAPH_PERMISSION_TABLE.map((r) => [`${r.method} ${r.sample} (${r.identity})`, r] as const))('%s: the identity\'s grant satisfies the simulator, and each permission is one the endpoint accepts', (_name, row) => {
    const { alternatives } = routeOf(row.method, row.sample);
    const held = all(row.identity);
    expect(alternatives.some((set) => set.every((p) => held.includes(p)))).toBe(true);
    for (const p of row.permissions) expect(alternatives.some((set) => set.includes(p))).toBe(true);
    for (const p of row.properties ?? []) expect(ROLE_READ).toContain(p);
  });

  it('every request builder of the backend has a row (the code calls nothing the table does not grant)', () => {
    const patterns = new Set(GRAPH_PERMISSION_TABLE.map((r) => routeOf(r.method, r.sample).pattern));
    const U = '30000000-0000-0000-0000-000000000001';
    const built = [
      urls.user(U), urls.methods(U), urls.registeredDevices(U), urls.ownedDevices(U), urls.memberships(U), urls.signIns({ userId: U }, new Date()),
      urls.riskyUser(U), urls.registrationDetails(U), urls.authenticationMethodsPolicy(), urls.deviceRegistrationPolicy(), urls.conditionalAccess(),
      urls.namedLocations(), urls.roleEligibilityInstances(), urls.roleAssignmentInstances(), urls.device(U), urls.checkMemberGroups(U), urls.taps(U), urls.manager(U), urls.revokeSignInSessions(U), urls.tap(U, 'x'),
      urls.typedMethod(U, 'phoneMethods', 'x'), urls.userUpdate(U), urls.securityInfoAudits(U, new Date()),
    ];
    expect(built).toHaveLength(Object.keys(urls).length);
    for (const url of built) {
      const path = new URL(url, 'https://graph.example/').pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
      const served = routes.filter((r) => 'route' in matchRoute([r], r.method, path));
      expect(served.some((r) => patterns.has(r.pattern))).toBe(true);
    }
  });

  const SECTIONS: Record<GraphIdentity, string> = {
    diagnostic: '## Diagnostic identity',
    tap: '## TAP-issuing identity',
    containment: '## Containment identity',
    devices: '## Device-removal identity',
    apps: '## App-installation identity',
  };
  const IDENTITY_LIST = Object.keys(IDENTITIES) as GraphIdentity[];

  it('docs/permissions.md grants each identity exactly the table (optional rows marked optional)', () => {
    const text = doc('permissions.md');
    for (const identity of IDENTITY_LIST) {
      const table = tablePermissions(section(text, SECTIONS[identity]));
      expect([identity, table.all]).toEqual([identity, all(identity)]);
      expect([identity, table.optional]).toEqual([identity, grantsFor(identity).optional]);
    }
  });

  it("docs/permissions.md's identity table names each identity's service and config keys, as the code assigns them", () => {
    const rows = doc('permissions.md').split('\n').filter((l) => /^\| \*\*/.test(l));
    expect(rows).toHaveLength(IDENTITY_LIST.length);
    for (const identity of IDENTITY_LIST) {
      const { service, configPrefix, name } = IDENTITIES[identity];
      const row = rows.find((r) => r.includes(`\`${configPrefix}_CLIENT_ID\``)) ?? '';
      const cells = row.split(' | ');
      expect([identity, cells[0]?.toLowerCase()]).toEqual([identity, expect.stringContaining((name.split(' (')[0] ?? name).toLowerCase())]);
      expect([identity, cells[1]]).toEqual([identity, expect.stringContaining(service)]);
    }
  });

  it('infra/azure.bicep gives each identity to its service only (the TAP and containment identities never to the backend)', () => {
    const bicep = readFileSync(join(ROOT, 'infra', 'azure.bicep'), 'utf8');
    const settings = (name: string) => {
      const start = bicep.indexOf(`var ${name} = [`);
      return bicep.slice(start, bicep.indexOf('\n]', start));
    };
    const services = { backend: settings('backendAppSettings'), issuer: settings('issuerAppSettings') };
    for (const identity of IDENTITY_LIST) {
      const { service, configPrefix } = IDENTITIES[identity];
      expect([identity, services[service].includes(`'${configPrefix}_CLIENT_ID'`)]).toEqual([identity, true]);
      const other = service === 'backend' ? 'issuer' : 'backend';
      // The read-only diagnostic identity also serves the issuer's rule checks; every writer has one service.
      if (identity !== 'diagnostic') expect([identity, services[other].includes(`'${configPrefix}_CLIENT_ID'`)]).toEqual([identity, false]);
    }
  });

  it('the grant step of docs/deploy.md grants exactly the table, in its table and in its script', () => {
    const step = section(doc('deploy.md'), '## 5. Grant Microsoft Graph application permissions');
    const lines = step.split('\n');
    const ROW: Record<GraphIdentity, string> = { diagnostic: '| backend', tap: '| TAP', containment: '| containment', devices: '| device', apps: '| apps' };
    const MARK: Record<GraphIdentity, string> = { diagnostic: '$backend', tap: 'TAP_IDENTITY', containment: 'CONTAIN_IDENTITY', devices: 'DEVICE_IDENTITY', apps: 'APPS_IDENTITY' };
    const script = step.slice(step.indexOf('```powershell'), step.indexOf('# Check:')).split('\n');
    const quoted = (line: string) => [...line.matchAll(/'([A-Za-z-]+(?:\.[A-Za-z]+)+)'/g)].map((m) => m[1] ?? '');
    for (const identity of IDENTITY_LIST) {
      const row = lines.find((l) => l.startsWith(ROW[identity])) ?? '';
      expect([identity, [...new Set(ticked(row))].sort()]).toEqual([identity, all(identity)]);
      const mine = script.filter((l) => l.includes(MARK[identity]) && l.includes('Grant-GraphPermission'));
      // The grant of the diagnostic identity spans two lines (the list continues on the line above).
      const granted = identity === 'diagnostic' ? script.filter((l) => !l.includes('_IDENTITY') && !l.startsWith('#') && !l.includes('function') && quoted(l).length > 0) : mine;
      expect([identity, granted.filter((l) => !l.startsWith('#')).flatMap(quoted).sort()]).toEqual([identity, grantsFor(identity).required]);
      expect([identity, granted.filter((l) => l.startsWith('#')).flatMap(quoted).sort()]).toEqual([identity, identity === 'diagnostic' ? [] : grantsFor(identity).optional]);
    }
  });

  it("the simulator's local app registrations hold exactly the table's permissions", () => {
    expect([...LOCAL_APPS.diagnostic.roles].sort()).toEqual(all('diagnostic'));
    expect([...LOCAL_APPS.tapIssuer.roles].sort()).toEqual(all('tap'));
    expect([...LOCAL_APPS.containment.roles].sort()).toEqual(all('containment'));
    expect([...LOCAL_APPS.deviceCleanup.roles].sort()).toEqual(all('devices'));
    expect([...LOCAL_APPS.appInstaller.roles].sort()).toEqual(all('apps'));
  });

  it('the diagnostic identity is read-only: no permission that can write', () => {
    expect(all('diagnostic').filter((p) => /ReadWrite|RevokeSessions|EnableDisable/.test(p))).toEqual([]);
  });

  it('the deploy guide no longer omits what the code needs (User.RevokeSessions.All, TeamsAppInstallation.ReadWriteForUser.All)', () => {
    const step = section(doc('deploy.md'), '## 5. Grant Microsoft Graph application permissions');
    expect(step).toContain('User.RevokeSessions.All');
    expect(step).toContain('TeamsAppInstallation.ReadWriteForUser.All');
  });
});

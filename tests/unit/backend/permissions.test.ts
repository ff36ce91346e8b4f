/**
 * The one permission table (src/backend/graph/permissions.ts) against the simulator's permission
 * map, the code's request builders, the docs and the simulator's local app registrations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GRAPH_PERMISSION_TABLE, grantsFor, type GraphIdentity } from '../../../src/backend/graph/permissions';
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

  it('docs/permissions.md grants each identity exactly the table (optional rows marked optional)', () => {
    const text = doc('permissions.md');
    const diagnostic = tablePermissions(section(text, '## Diagnostic identity'));
    expect(diagnostic.all).toEqual(all('diagnostic'));
    expect(diagnostic.optional).toEqual(grantsFor('diagnostic').optional);
    expect(tablePermissions(section(text, '## TAP-issuing identity')).all).toEqual(all('tap'));
  });

  it('the grant step of docs/deploy.md grants exactly the table, in its table and in its script', () => {
    const step = section(doc('deploy.md'), '## 5. Grant Microsoft Graph application permissions');
    const backendRow = step.split('\n').find((l) => l.startsWith('| backend')) ?? '';
    const tapRow = step.split('\n').find((l) => l.startsWith('| TAP')) ?? '';
    expect([...new Set(ticked(backendRow))].sort()).toEqual(all('diagnostic'));
    expect([...new Set(ticked(tapRow))].sort()).toEqual(all('tap'));
    const script = step.slice(step.indexOf('```powershell'), step.indexOf('# Check:'));
    const quoted = (line: string) => [...line.matchAll(/'([A-Za-z-]+(?:\.[A-Za-z]+)+)'/g)].map((m) => m[1] ?? '');
    const lines = script.split('\n');
    const backendLines = lines.filter((l) => !l.startsWith('#') && !l.includes('TAP_IDENTITY') && quoted(l).length > 0);
    expect(backendLines.flatMap(quoted).sort()).toEqual(grantsFor('diagnostic').required);
    expect(lines.filter((l) => l.startsWith('#')).flatMap(quoted).sort()).toEqual(grantsFor('diagnostic').optional);
    expect(lines.filter((l) => l.includes('TAP_IDENTITY')).flatMap(quoted).sort()).toEqual(all('tap'));
  });

  it("the simulator's local app registrations hold exactly the table's permissions", () => {
    expect([...LOCAL_APPS.diagnostic.roles].sort()).toEqual(all('diagnostic'));
    expect([...LOCAL_APPS.tapIssuer.roles].sort()).toEqual(all('tap'));
  });

  it('the deploy guide no longer omits what the code needs (User.RevokeSessions.All, TeamsAppInstallation.ReadWriteForUser.All)', () => {
    const step = section(doc('deploy.md'), '## 5. Grant Microsoft Graph application permissions');
    expect(step).toContain('User.RevokeSessions.All');
    expect(step).toContain('TeamsAppInstallation.ReadWriteForUser.All');
  });
});

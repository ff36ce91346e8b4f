/**
 * The fixtures themselves: every tenant file follows tenant-fixture.md and the Graph v1.0 shapes
 * (validated with the same zod schemas the backend uses), references resolve inside the file,
 * each file loads alone, and cases.json names users, clients and codes that exist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import {
  AuthMethodSchema, AuthenticationMethodsPolicySchema, ClientFactsSchema, ConditionalAccessPolicySchema, DeviceRegistrationPolicySchema,
  DeviceSchema, GraphUserSchema, NamedLocationSchema, SignInSchema,
} from '../../../src/diagnosis/facts';
import { FINDING_CODES } from '../../../src/diagnosis/types';
import { CaseSchema } from './contract';

const ROOT = path.resolve(__dirname, '../../..');
const TENANTS = path.join(ROOT, 'tests/fixtures/tenants');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const typed = (t: string) => z.string().startsWith(`#microsoft.graph.${t}`);

const TenantFixtureSchema = z.object({
  tenant: z.object({ id: z.string().regex(GUID), displayName: z.string().min(1), defaultDomain: z.string().min(1), premium: z.boolean().optional() }).passthrough(),
  authenticationMethodsPolicy: AuthenticationMethodsPolicySchema.optional(),
  deviceRegistrationPolicy: DeviceRegistrationPolicySchema.optional(),
  conditionalAccessPolicies: z.array(ConditionalAccessPolicySchema).optional(),
  namedLocations: z.array(NamedLocationSchema.extend({ '@odata.type': z.enum(['#microsoft.graph.ipNamedLocation', '#microsoft.graph.countryNamedLocation']) })).optional(),
  groups: z.array(z.object({ id: z.string().regex(GUID), displayName: z.string().min(1), members: z.array(z.string()) }).passthrough()).optional(),
  directoryRoles: z.array(z.object({ id: z.string().regex(GUID), displayName: z.string(), roleTemplateId: z.string().regex(GUID), members: z.array(z.string()) }).passthrough()).optional(),
  users: z.array(GraphUserSchema.extend({
    id: z.string().regex(GUID),
    userPrincipalName: z.string().min(3),
    manager: z.string().optional(),
    riskLevel: z.enum(['none', 'low', 'medium', 'high', 'hidden']).optional(),
    authenticationMethods: z.array(AuthMethodSchema.extend({ '@odata.type': typed('') })).optional(),
    registeredDevices: z.array(DeviceSchema.extend({ '@odata.type': z.literal('#microsoft.graph.device') })).optional(),
    signIns: z.array(SignInSchema).optional(),
  })).min(1),
  // PIM (tenant-fixture.md): principals are users or groups of the same file.
  roleEligibilityScheduleInstances: z.array(z.object({ id: z.string(), principalId: z.string().regex(GUID), roleDefinitionId: z.string().regex(GUID), directoryScopeId: z.string().startsWith('/') }).passthrough()).optional(),
  roleAssignmentScheduleInstances: z.array(z.object({ id: z.string(), principalId: z.string().regex(GUID), roleDefinitionId: z.string().regex(GUID), directoryScopeId: z.string().startsWith('/') }).passthrough()).optional(),
  roleDefinitions: z.array(z.object({ id: z.string().regex(GUID), displayName: z.string().min(1), isBuiltIn: z.boolean() }).passthrough()).optional(),
  simulation: z.object({ capturedAt: z.string().datetime() }).passthrough(),
}).strict();
type TenantFixture = z.infer<typeof TenantFixtureSchema>;

function tenantFiles(): string[] {
  const findings = fs.readdirSync(path.join(TENANTS, 'findings')).filter((f) => f.endsWith('.json') && f !== 'cases.json').map((f) => path.join(TENANTS, 'findings', f));
  return [path.join(TENANTS, 'demo.json'), ...findings];
}
function load(file: string): TenantFixture {
  return TenantFixtureSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** Every id a fixture refers to must exist inside the same file. */
function danglingReferences(t: TenantFixture): string[] {
  const users = new Set(t.users.map((u) => u.id));
  const groups = new Set((t.groups ?? []).map((g) => g.id));
  const locations = new Set((t.namedLocations ?? []).map((l) => l.id));
  const bad: string[] = [];
  const need = (ok: boolean, what: string) => { if (!ok) bad.push(what); };
  for (const u of t.users) {
    if (u.manager !== undefined) need(users.has(u.manager), `manager of ${u.userPrincipalName}`);
    for (const s of u.signIns ?? []) {
      need(s.userId === u.id, `signIn ${s.id} userId`);
      need(Date.parse(s.createdDateTime) <= Date.parse(t.simulation.capturedAt), `signIn ${s.id} is after capturedAt`);
    }
  }
  for (const g of [...(t.groups ?? []), ...(t.directoryRoles ?? [])]) for (const m of g.members) need(users.has(m), `member ${m} of ${g.displayName}`);
  for (const p of t.conditionalAccessPolicies ?? []) {
    const cu = p.conditions.users;
    for (const id of [...(cu?.includeGroups ?? []), ...(cu?.excludeGroups ?? [])]) need(groups.has(id), `group ${id} in CA ${p.displayName}`);
    for (const id of [...(cu?.includeUsers ?? []), ...(cu?.excludeUsers ?? [])]) need(['All', 'None', 'GuestsOrExternalUsers'].includes(id) || users.has(id), `user ${id} in CA ${p.displayName}`);
    const loc = p.conditions.locations;
    for (const id of [...(loc?.includeLocations ?? []), ...(loc?.excludeLocations ?? [])]) need(['All', 'AllTrusted'].includes(id) || locations.has(id), `location ${id} in CA ${p.displayName}`);
  }
  const policy = t.authenticationMethodsPolicy;
  const targets = [
    ...(policy?.authenticationMethodConfigurations ?? []).flatMap((c) => [...(c.includeTargets ?? []), ...(c.excludeTargets ?? [])]),
    ...(policy?.registrationEnforcement?.authenticationMethodsRegistrationCampaign?.includeTargets ?? []),
    ...(policy?.registrationEnforcement?.authenticationMethodsRegistrationCampaign?.excludeTargets ?? []),
  ];
  for (const tg of targets) need(tg.id === 'all_users' || groups.has(tg.id) || users.has(tg.id), `method target ${tg.id}`);
  for (const i of [...(t.roleEligibilityScheduleInstances ?? []), ...(t.roleAssignmentScheduleInstances ?? [])]) need(users.has(i.principalId) || groups.has(i.principalId), `role instance ${i.id} principal`);
  return bad;
}

describe('tenant fixtures follow tenant-fixture.md', () => {
  test.each(tenantFiles().map((f) => [path.relative(ROOT, f)]))('when %s is loaded alone, it parses and every reference resolves', (rel) => {
    const t = load(path.join(ROOT, rel));

    expect(danglingReferences(t)).toEqual([]);
    const ids = t.users.map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('client fact files follow ClientFacts (strict)', () => {
  const dir = path.join(ROOT, 'tests/fixtures/clients');
  test.each(fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f]))('when %s is parsed strictly, it is valid', (f) => {
    const result = ClientFactsSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });
});

describe('cases.json is a complete, resolvable manifest', () => {
  const cases = z.array(CaseSchema).parse(JSON.parse(fs.readFileSync(path.join(TENANTS, 'findings/cases.json'), 'utf8')));

  test('when every finding code is listed, each one is expected first or present in at least one case', () => {
    const covered = new Set(cases.flatMap((c) => [...(c.expectFirst ? [c.expectFirst] : []), ...c.expectPresent]));
    expect(FINDING_CODES.filter((code) => !covered.has(code))).toEqual([]);
    expect(FINDING_CODES.filter((code) => !fs.existsSync(path.join(TENANTS, 'findings', `${code}.json`)))).toEqual([]);
  });

  test.each(cases.map((c) => [c.name, c]))('%s: the fixture, user and client resolve and the expectation is consistent', (_name, c) => {
    const t = load(path.join(ROOT, c.fixture));
    const user = t.users.find((u) => u.id === c.user || u.userPrincipalName === c.user);

    expect(user).toBeDefined();
    expect(c.now).toBe(t.simulation.capturedAt);
    if (c.client !== undefined) expect(ClientFactsSchema.safeParse(JSON.parse(fs.readFileSync(path.join(ROOT, c.client), 'utf8'))).success).toBe(true);
    if (c.expectFirst !== undefined) expect(c.expectPresent).toContain(c.expectFirst);
    expect(c.expectPresent.filter((code) => c.expectAbsent.includes(code))).toEqual([]);
  });
});

describe('the demo tenant', () => {
  const demo = load(path.join(TENANTS, 'demo.json'));

  test('when the demo is used in the Agents Playground, the first five users carry the mock-user fields', () => {
    const five = demo.users.slice(0, 5);
    for (const u of five) {
      expect(u).toEqual(expect.objectContaining({ id: expect.stringMatching(GUID), displayName: expect.any(String), userPrincipalName: expect.any(String),
        givenName: expect.any(String), surname: expect.any(String), mail: expect.any(String) }));
    }
  });

  test('when TAP approvals are checked, the approvers group has two MFA-registered members and the TAP policy is 60/480/60 one-time', () => {
    const approvers = (demo.groups ?? []).find((g) => g.displayName === 'Helpdesk TAP Approvers');
    const tap = demo.authenticationMethodsPolicy?.authenticationMethodConfigurations?.find((c) => c.id === 'TemporaryAccessPass');

    expect(approvers?.members).toHaveLength(2);
    for (const id of approvers?.members ?? []) {
      const methods = demo.users.find((u) => u.id === id)?.authenticationMethods ?? [];
      expect(methods.some((m) => m['@odata.type'] === '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod')).toBe(true);
    }
    expect(tap).toEqual(expect.objectContaining({ state: 'enabled', minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480, defaultLifetimeInMinutes: 60, isUsableOnce: true }));
    expect(demo.tenant).toEqual(expect.objectContaining({ id: '11111111-2222-3333-4444-555555555555', displayName: 'Contoso', defaultDomain: 'contoso.example' }));
    expect(demo.simulation.capturedAt).toBe('2026-11-26T09:00:00Z');
  });

  test('when a member employee is listed, they have a manager in the tenant', () => {
    const employees = demo.users.filter((u) => u.userType === 'Member' && !u.userPrincipalName.startsWith('breakglass') && u.jobTitle !== 'Chief Executive Officer');
    expect(employees.filter((u) => u.manager === undefined).map((u) => u.userPrincipalName)).toEqual([]);
  });
});

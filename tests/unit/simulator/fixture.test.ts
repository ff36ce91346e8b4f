import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureError, findUser, loadFixture } from '../../../src/simulator';

type Json = Record<string, unknown>;
const user = (n: number, extra: Json = {}): Json => ({ id: `u${n}`, userPrincipalName: `user${n}@contoso.example`, ...extra });
const fixture = (extra: Json = {}): Json => ({ tenant: { id: 't1' }, users: [user(0), user(1), user(2), user(3)], ...extra });

function errorOf(input: unknown): FixtureError {
  try {
    loadFixture(input);
  } catch (e) {
    if (e instanceof FixtureError) return e;
    throw e;
  }
  throw new Error('expected a FixtureError');
}

describe('tenant fixture loading', () => {
  it('when a sign-in timestamp has the wrong type, the error names its JSON path', () => {
    const f = fixture();
    (f.users as Json[])[3] = user(3, { signIns: [{ id: 's', createdDateTime: 42 }] });
    const e = errorOf(f);
    expect(e.path).toBe('users[3].signIns[0].createdDateTime');
    expect(e.message).toBe('users[3].signIns[0].createdDateTime: expected string');
  });

  it('when a required property is missing or a date does not parse, the path and reason are given', () => {
    expect(errorOf({ users: [] }).message).toBe('tenant: required');
    const f = fixture();
    (f.users as Json[])[1] = user(1, { signIns: [{ id: 's', createdDateTime: 'yesterday' }] });
    expect(errorOf(f).message).toBe('users[1].signIns[0].createdDateTime: invalid date');
    expect(errorOf(fixture({ users: [{ id: 'x' }] })).path).toBe('users[0].userPrincipalName');
  });

  it('when a method has no @odata.type, or a policy state is not enabled/disabled, the error points at it', () => {
    const f = fixture();
    (f.users as Json[])[2] = user(2, { authenticationMethods: [{ id: 'm1' }] });
    expect(errorOf(f).path).toBe('users[2].authenticationMethods[0].@odata.type');
    const p = fixture({ authenticationMethodsPolicy: { authenticationMethodConfigurations: [{ id: 'Fido2', state: 'on' }] } });
    expect(errorOf(p).path).toBe('authenticationMethodsPolicy.authenticationMethodConfigurations[0].state');
  });

  it('when user ids or UPNs repeat (UPNs case-insensitively), loading fails naming the duplicate', () => {
    expect(errorOf(fixture({ users: [user(0), user(1), { id: 'U0', userPrincipalName: 'x@y' }] })).message).toBe("users[2].id: duplicate user id 'U0'");
    expect(errorOf(fixture({ users: [user(0), { id: 'z', userPrincipalName: 'USER0@contoso.example' }] })).path).toBe('users[1].userPrincipalName');
  });

  it('when a group or role member is neither a user nor a group, or a manager is unknown, loading fails', () => {
    expect(errorOf(fixture({ groups: [{ id: 'g1', members: ['u0'] }, { id: 'g2', members: ['g1', 'ghost'] }] })).message).toBe("groups[1].members[1]: 'ghost' is not a user or group id");
    expect(errorOf(fixture({ directoryRoles: [{ id: 'r1', members: ['nobody'] }] })).path).toBe('directoryRoles[0].members[0]');
    const f = fixture();
    (f.users as Json[])[0] = user(0, { manager: 'missing' });
    expect(errorOf(f).path).toBe('users[0].manager');
  });

  it('when a file path is given, it is read; unreadable or invalid JSON files raise a FixtureError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fixture-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(fixture()));
    expect(loadFixture(good).users).toHaveLength(4);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    expect(errorOf(bad).message).toMatch(/not valid JSON/);
    expect(errorOf(join(dir, 'missing.json')).message).toMatch(/cannot read fixture file/);
  });

  it('when loaded, users are indexed by id and lower-cased UPN, sign-ins sorted newest first with the owner filled in, unknown properties kept', () => {
    const f = fixture({
      users: [user(0, {
        displayName: 'Zero', favouriteColour: 'teal',
        signIns: [{ id: 'a', createdDateTime: '2026-01-01T00:00:00Z' }, { id: 'b', createdDateTime: '2026-03-01T00:00:00Z' }, { id: 'c', createdDateTime: '2026-02-01T00:00:00Z' }],
      })],
      simulation: { capturedAt: '2026-03-02T00:00:00Z', custom: 1 },
    });
    const t = loadFixture(f);
    const u = findUser(t, 'USER0@CONTOSO.EXAMPLE');
    expect(u?.id).toBe('u0');
    expect(findUser(t, 'U0')).toBe(u);
    expect(u?.signIns.map((s) => s.record.id)).toEqual(['b', 'c', 'a']);
    expect(u?.signIns[0]?.record).toEqual(expect.objectContaining({ userId: 'u0', userPrincipalName: 'user0@contoso.example', userDisplayName: 'Zero' }));
    expect(u?.props.favouriteColour).toBe('teal');
    expect(t.capturedAt).toBe('2026-03-02T00:00:00Z');
    expect(t.simulation.custom).toBe(1);
    expect(t.premium).toBe(true);
    expect(t.deviceRegistrationPolicy.userDeviceQuota).toBe(50);
  });

  it('when owned devices are not given, the registered devices are also the owned ones; a device id reference must be defined', () => {
    const d = { id: 'D1', displayName: 'PC' };
    const t = loadFixture(fixture({ users: [user(0, { registeredDevices: [d] }), user(1, { registeredDevices: ['d1'], ownedDevices: [] })] }));
    expect(findUser(t, 'u0')?.ownedDeviceIds).toEqual(['d1']);
    expect(findUser(t, 'u1')?.registeredDeviceIds).toEqual(['d1']);
    expect(t.devices.get('d1')?.['@odata.type']).toBe('#microsoft.graph.device');
    expect(errorOf(fixture({ users: [user(0, { registeredDevices: ['nope'] })] })).path).toBe('users[0].registeredDevices[0]');
  });
});

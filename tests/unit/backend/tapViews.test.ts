import type { DirectoryFacts } from '../../../src/diagnosis/facts';
import { clampLifetime, findTap, methodsCreatedSince, privilegeOf, tapView, TAP_ODATA_TYPE } from '../../../src/backend/tap/views';

const NOW = new Date('2026-11-26T09:30:00Z');

describe('TAP lifetime clamping', () => {
  it.each([
    [undefined, undefined, 60],
    [undefined, 30, 60],
    [undefined, 600, 480],
    [240, 120, 120],
    [90, 120, 90],
    [10, undefined, 60],
  ])('requested %p with configured %p gives %p minutes (policy 60–480)', (requested, configured, expected) => {
    expect(clampLifetime(requested, configured, { min: 60, max: 480 })).toBe(expected);
  });
});

describe('TAP views', () => {
  const tap = (over: Record<string, unknown> = {}) => ({ '@odata.type': TAP_ODATA_TYPE, id: 't1', createdDateTime: '2026-11-26T09:00:00Z', startDateTime: '2026-11-26T09:00:00Z', lifetimeInMinutes: 60, isUsableOnce: true, ...over });

  it('when Graph gives no usability, it is computed from start and lifetime', () => {
    expect(tapView(tap(), NOW)).toMatchObject({ isUsable: true, reason: 'EnabledByPolicy', expiresAt: '2026-11-26T10:00:00.000Z' });
    expect(tapView(tap(), new Date('2026-11-26T10:00:00Z'))).toMatchObject({ isUsable: false, reason: 'Expired' });
    expect(tapView(tap({ startDateTime: '2026-11-26T12:00:00Z' }), NOW)).toMatchObject({ isUsable: false, reason: 'NotYetValid' });
  });

  it("when Graph says the pass was used, Graph's answer wins", () => {
    expect(tapView(tap({ isUsable: false, methodUsabilityReason: 'OneTimeUsed' }), NOW)).toMatchObject({ isUsable: false, methodUsabilityReason: 'OneTimeUsed' });
  });

  it('finds the newest pass, or the one asked for', () => {
    const methods = [tap({ id: 'old', createdDateTime: '2026-11-20T00:00:00Z' }), tap({ id: 'new' }), { '@odata.type': '#microsoft.graph.fido2AuthenticationMethod', id: 'f' }];
    expect(findTap(methods)?.id).toBe('new');
    expect(findTap(methods, 'OLD')?.id).toBe('old');
    expect(findTap(methods, 'f')).toBeUndefined();
  });

  it('lists methods created since an instant, never the password, and undated methods never', () => {
    const methods = [
      { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: 'p', createdDateTime: '2026-11-26T09:10:00Z' },
      { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: 'ph' },
      { '@odata.type': '#microsoft.graph.softwareOathAuthenticationMethod', id: 'o', createdDateTime: '2026-11-26T09:20:00Z' },
      tap(),
    ];
    expect(methodsCreatedSince(methods, new Date('2026-11-26T08:00:00Z'), { includeTaps: false }).map((m) => [m.id, m.kind])).toEqual([['o', 'Authenticator app code (OATH)']]);
    expect(methodsCreatedSince(methods, new Date('2026-11-26T08:00:00Z'), { includeTaps: true }).map((m) => m.id)).toEqual(['o', 't1']);
  });
});

describe('privilege', () => {
  const facts = (over: Partial<DirectoryFacts>): DirectoryFacts =>
    ({ user: { id: 'u' }, memberships: [], methods: [], registrationDetails: null, gaps: [], ...over }) as unknown as DirectoryFacts;

  it('when the memberships could not be read, the account counts as privileged (fail closed)', () => {
    expect(privilegeOf(facts({ memberships: null }))).toEqual({ privileged: true, roles: [], unknown: true });
  });

  it('when the registration report says not admin, unknown memberships are not held against the user', () => {
    expect(privilegeOf(facts({ memberships: null, registrationDetails: { isAdmin: false } as DirectoryFacts['registrationDetails'] })).privileged).toBe(false);
  });

  it('a directory role makes the account privileged', () => {
    const p = privilegeOf(facts({ memberships: [{ '@odata.type': '#microsoft.graph.directoryRole', id: 'r', displayName: 'Helpdesk Administrator' }] }));
    expect(p).toEqual({ privileged: true, roles: ['Helpdesk Administrator'], unknown: false });
  });
});

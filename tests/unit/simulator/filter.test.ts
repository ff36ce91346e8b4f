import { evaluate, parseFilter, equalityOn } from '../../../src/simulator/graph/filter';
import { GraphFault } from '../../../src/simulator/graph/types';

const known = (p: string) => ['userId', 'userPrincipalName', 'createdDateTime', 'status', 'methodsRegistered', 'isMfaRegistered', 'userType', 'appDisplayName'].includes(p);
const parse = (s: string) => parseFilter(s, known, 'microsoft.graph.signIn');

describe('OData $filter subset', () => {
  const rec = { userId: 'ABC', userPrincipalName: 'Adele@contoso.example', createdDateTime: '2026-11-25T12:00:00Z', status: { errorCode: 53003 }, methodsRegistered: ['fido2', 'email'], isMfaRegistered: true, userType: 'member', appDisplayName: 'Graph Explorer' };

  it('when comparing strings, dates, numbers and booleans, the usual OData semantics apply (strings case-insensitive)', () => {
    expect(evaluate(parse("userId eq 'abc' and createdDateTime ge 2026-11-25T00:00:00Z"), rec)).toBe(true);
    expect(evaluate(parse('createdDateTime lt 2026-11-25T12:00:00Z'), rec)).toBe(false);
    expect(evaluate(parse('status/errorCode eq 53003 and isMfaRegistered eq true'), rec)).toBe(true);
    expect(evaluate(parse("userPrincipalName eq 'x' or not (userType ne 'member')"), rec)).toBe(true);
    expect(evaluate(parse("startsWith(appDisplayName,'graph')"), rec)).toBe(true);
  });

  it('when a lambda any() is used, it matches any element', () => {
    expect(evaluate(parse("methodsRegistered/any(m: m eq 'fido2')"), rec)).toBe(true);
    expect(evaluate(parse("methodsRegistered/any(m:m eq 'mobilePhone')"), rec)).toBe(false);
  });

  it('when a top-level conjunct is an equality, it can be extracted for indexed lookup', () => {
    expect(equalityOn(parse("createdDateTime ge 2026-01-01T00:00:00Z and userPrincipalName eq 'a@b'"), 'userPrincipalName')).toBe('a@b');
    expect(equalityOn(parse("userId eq 'a' or userId eq 'b'"), 'userId')).toBeUndefined();
  });

  it('when a property is unknown or the syntax is broken, a 400 GraphFault explains it', () => {
    expect(() => parse("signInEventTypes/any(t: t eq 'x')")).toThrow("Could not find a property named 'signInEventTypes' on type 'microsoft.graph.signIn'.");
    for (const bad of ["userId eq 'x", "userId eq 'x' and", 'userId zz 3', '(userId eq 1']) {
      let caught: unknown;
      try { parse(bad); } catch (e) { caught = e; }
      expect(caught).toBeInstanceOf(GraphFault);
      expect((caught as GraphFault).status).toBe(400);
    }
  });
});

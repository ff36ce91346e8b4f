/** Static guarantees of the page that do not need a browser. */
import { parse } from 'acorn';
import { ipFamilyOf } from '../../../src/checkpage/ipFamily';
import { jsonForScript, renderCheckPage } from '../../../src/checkpage/page/html';
import { PAGE_SCRIPT } from '../../../src/checkpage/page/script';

describe('self-check page script', () => {
  it('when parsed as ECMAScript 5, the page script is valid (an old browser can run it)', () => {
    expect(() => parse(PAGE_SCRIPT, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
  });

  it('when ES2015 syntax is given to the same parser, it is rejected (the check above can fail)', () => {
    expect(() => parse('let x = () => 1;', { ecmaVersion: 5, sourceType: 'script' })).toThrow();
    expect(() => parse('var s = `t`;', { ecmaVersion: 5, sourceType: 'script' })).toThrow();
  });

  it('when the page uses ES2015+ library calls that old browsers lack, they are only feature-tested, never called bare', () => {
    expect(PAGE_SCRIPT).not.toMatch(/Date\.now\(|addEventListener|\.forEach\(|Object\.assign|\.includes\(|Promise\./);
  });

  it('when probe data contains markup, it cannot close the config script element', () => {
    const html = renderCheckPage({ nonce: 'n', serverTimeMs: 0, probes: [{ host: '</script><script>alert(1)</script>', url: 'https://x.test/?a=<b>&c' }], timeoutMs: 1 });
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(JSON.parse(jsonForScript({ s: '</script>\u2028&' }))).toEqual({ s: '</script>\u2028&' });
  });
});

describe('IP address family', () => {
  it.each([
    ['127.0.0.1', 'ipv4'],
    ['203.0.113.7', 'ipv4'],
    ['::ffff:127.0.0.1', 'ipv4'],
    ['::FFFF:198.51.100.2', 'ipv4'],
    ['::1', 'ipv6'],
    ['2001:db8::1', 'ipv6'],
    ['fe80::1%eth0', 'ipv6'],
    ['::ffff:7f00:1', 'ipv4'],
    ['0:0:0:0:0:ffff:192.0.2.1', 'ipv4'],
    ['::ffff:0:192.0.2.1', 'ipv6'],
    ['64:ff9b::192.0.2.1', 'ipv6'],
    ['2001:db8::ffff:1:2', 'ipv6'],
    ['not an address', undefined],
    [undefined, undefined],
  ])('when the socket address is %s, the family is %s', (addr, family) => {
    expect(ipFamilyOf(addr)).toBe(family);
  });
});

/** extractErrorCodes, lookupErrorCode, parseUserAgent, CIDR matching. */
import { cidrContains, extractErrorCodes, lookupErrorCode, parseCidr, parseIp, parseUserAgent } from '../../../src/diagnosis';
import { UA } from './builders';

describe('extractErrorCodes', () => {
  test.each([
    ['AADSTS53003: Access has been blocked by Conditional Access policies.', ['53003']],
    ['I get error 53003 when I try', ['53003']],
    ['Error code: 500121 at 2026-11-26 10:14', ['500121']],
    ['code 0x801c0003 on join', ['801c0003']],
    ['Something went wrong 0X801C0003', ['801c0003']],
    ['error 801c0003', ['801c0003']],
    ['AADSTS50089 then later AADSTS53003 and again AADSTS50089', ['50089', '53003']],
    ['it says 130504', ['130504']],
    ['AADSTS7000215 invalid client secret', ['7000215']],
  ])('%s → %j', (text, expected) => {
    expect(extractErrorCodes(text)).toEqual(expected);
  });

  test.each([
    ['It started in 2024 and again on 2026-11-26'],
    ['Call me on +44 20 7946 0958 or +1 2065550123'],
    ['my extension is 555-12345'],
    ['request id 8f2e1c3a-1b2c-4d5e-8f90-0123456789ab'],
    ['ticket 48213 from last week'],
    ['version 17.4.1, build 12345.6'],
    [''],
  ])('ignores years, dates, phone numbers, ids and unknown bare numbers: %s', (text) => {
    expect(extractErrorCodes(text)).toEqual([]);
  });

  test('when an unknown number follows the word "error", it is kept', () => {
    expect(extractErrorCodes('error 12345')).toEqual(['12345']);
  });
});

describe('lookupErrorCode', () => {
  test('when the code is known (with or without prefix), it returns its meaning and finding', () => {
    expect(lookupErrorCode('AADSTS53003')).toMatchObject({ code: '53003', feeds: 'CA_BLOCKS_REGISTRATION' });
    expect(lookupErrorCode('0x801C0003')).toMatchObject({ code: '801c0003' });
    expect(lookupErrorCode('50053')?.meaning).toMatch(/locked/);
  });
  test('when the code is unknown, undefined', () => {
    expect(lookupErrorCode('99999')).toBeUndefined();
  });
});

describe('parseUserAgent', () => {
  test.each([
    [UA.chrome131, 'Chrome', '131.0.0.0', 'Blink', 'Windows'],
    [UA.edge131, 'Edge', '131.0.2903.70', 'Blink', 'Windows'],
    [UA.edgeLegacy, 'Edge Legacy', '18.19045', 'EdgeHTML', 'Windows'],
    [UA.ie11, 'Internet Explorer', '11.0', 'Trident', 'Windows'],
    [UA.firefox128, 'Firefox', '128.0', 'Gecko', 'Linux'],
    [UA.safari14, 'Safari', '14.1.2', 'WebKit', 'macOS'],
    [UA.iosSafari17, 'Safari', '17.4', 'WebKit', 'iOS'],
    [UA.iosChrome, 'Chrome', '123.0.6312.52', 'WebKit', 'iOS'],
    [UA.androidChrome, 'Chrome', '124.0.6367.82', 'Blink', 'Android'],
    [UA.opera95, 'Opera', '95.0.0.0', 'Blink', 'Windows'],
    [UA.chromeOs, 'Chrome', '124.0.0.0', 'Blink', 'ChromeOS'],
  ])('%s', (ua, name, version, engine, os) => {
    const p = parseUserAgent(ua);
    expect(p.browser).toMatchObject({ name, version, engine });
    expect(p.os.name).toBe(os);
  });

  test('OS versions are dotted', () => {
    expect(parseUserAgent(UA.iosSafari17).os.version).toBe('17.4');
    expect(parseUserAgent(UA.androidChrome).os.version).toBe('14');
    expect(parseUserAgent(UA.safari14).os.version).toBe('10.15.7');
  });

  test('Opera keeps its Chromium engine version for the minimum check', () => {
    expect(parseUserAgent(UA.opera95).browser.engineVersion).toBe('109.0.0.0');
  });

  test('when the text is not a user agent, it returns unknown without throwing', () => {
    expect(parseUserAgent('curl/8.0')).toEqual({ browser: { name: 'unknown', version: '', engine: 'unknown' }, os: { name: 'unknown', version: '' } });
  });
});

describe('IP and CIDR', () => {
  const inRange = (cidr: string, ip: string): boolean => {
    const r = parseCidr(cidr);
    const a = parseIp(ip);
    if (!r || !a) throw new Error(`bad input ${cidr} ${ip}`);
    return cidrContains(r, a);
  };

  test.each([
    ['51.148.203.77/32', '51.148.203.77', true],
    ['51.148.203.77/32', '51.148.203.78', false],
    ['10.0.0.0/8', '10.255.255.255', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['0.0.0.0/0', '8.8.8.8', true],
    ['2a02:8010:6::/48', '2a02:8010:6:ffff::1', true],
    ['2a02:8010:6::/48', '2a02:8010:7::1', false],
    ['2001:db8::/32', '2001:0db8:0000:0000:0000:0000:0000:0001', true],
    ['198.51.100.0/24', '::ffff:198.51.100.9', true],
    ['198.51.100.0/24', '2001:db8::1', false],
    ['2001:db8::/32', '198.51.100.9', false],
    ['fe80::/10', 'fe80::1%eth0', true],
    ['64:ff9b::/96', '64:ff9b::192.0.2.1', true],
    ['2001:db8::/127', '2001:db8::1', true],
    ['2001:db8::/128', '2001:db8::1', false],
  ])('%s contains %s: %s', (cidr, ip, expected) => {
    expect(inRange(cidr, ip)).toBe(expected);
  });

  test.each(['256.1.1.1', '01.2.3.4', '1.2.3', '1::2::3', '1:2:3:4:5:6:7:8:9', 'gggg::1', '', '::1.2.3'])('rejects the malformed address %j', (ip) => {
    expect(parseIp(ip)).toBeUndefined();
  });

  test.each(['10.0.0.0/33', '2001:db8::/129', '10.0.0.0/x', '10.0.0.0/8/8'])('rejects the malformed range %j', (cidr) => {
    expect(parseCidr(cidr)).toBeUndefined();
  });

  test('IPv6 shorthand forms parse to the same value', () => {
    expect(parseIp('2001:db8::1')?.value).toBe(parseIp('2001:0db8:0:0:0:0:0:1')?.value);
    expect(parseIp('::')?.value).toBe(0n);
    expect(parseIp('1::')?.value).toBe(1n << 112n);
  });
});

import { clientAddress, parseTrustedProxies, stripPort } from '../../../src/checkpage/clientAddress';

describe('the browser address behind a front end', () => {
  const appService = parseTrustedProxies(['10.0.0.0/8', '169.254.0.0/16', 'fd00::/8']);

  it.each([
    ['203.0.113.5:52340', '203.0.113.5'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['198.51.100.2', '198.51.100.2'],
  ])('strips the port App Service appends: %s → %s', (hop, bare) => {
    expect(stripPort(hop)).toBe(bare);
  });

  it('takes the last hop the trusted front end added, not what the client wrote before it', () => {
    expect(clientAddress('10.1.2.3', '1.1.1.1, [2001:db8::7]:5000', appService)).toBe('2001:db8::7');
  });

  it('walks through several trusted proxies (Front Door then App Service)', () => {
    expect(clientAddress('169.254.10.1', '2001:db8::7, 10.0.0.4', appService)).toBe('2001:db8::7');
  });

  it('ignores the header from an untrusted peer, and an IPv4-mapped peer is matched as IPv4', () => {
    expect(clientAddress('198.51.100.9', '2001:db8::7', appService)).toBe('198.51.100.9');
    expect(clientAddress('::ffff:10.0.0.9', '2001:db8::7', appService)).toBe('2001:db8::7');
  });

  it('stops at the last good hop when the header holds garbage, and with no header keeps the peer', () => {
    expect(clientAddress('10.0.0.9', 'not-an-ip', appService)).toBe('10.0.0.9');
    expect(clientAddress('10.0.0.9', undefined, appService)).toBe('10.0.0.9');
  });

  it('refuses a range that is not one', () => {
    expect(() => parseTrustedProxies(['10.0.0.0/8', 'frontdoor'])).toThrow(/not an IP range: "frontdoor"/);
  });
});

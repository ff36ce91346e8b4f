/**
 * The Teams app package links to a privacy statement and terms of use under PUBLIC_BASE_URL: the
 * running bot serves both, as plain accessible HTML, with the organisation's name and contact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderLegalPage } from '../../../src/legal/pages';
import { PRIVACY } from '../../../src/legal/content';
import { PROJECT_ROOT, startProtocolStack, type ProtocolStack } from './support/harness';

describe('privacy statement and terms of use', () => {
  let s: ProtocolStack;
  beforeAll(async () => {
    s = await startProtocolStack();
  }, 60000);
  afterAll(async () => s?.close());

  it('every page URL in the manifest resolves on the running bot', async () => {
    const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'appPackage', 'manifest.json'), 'utf8')) as { developer: Record<string, string> };
    const urls = ['privacyUrl', 'termsOfUseUrl'].map((k) => manifest.developer[k] ?? '');
    expect(urls).toEqual(['${{PUBLIC_BASE_URL}}/privacy', '${{PUBLIC_BASE_URL}}/terms']);
    for (const u of urls) {
      const res = await fetch(u.replace('${{PUBLIC_BASE_URL}}', s.botUrl));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toMatch(/<html lang="en">/);
      expect(html).toContain('Your organisation');
    }
  });

  it('the privacy statement says who sees sign-in IP addresses and that a pass is never logged', async () => {
    const html = await (await fetch(`${s.botUrl}/privacy`)).text();
    expect(html).toContain('members of the helpdesk channel see');
    expect(html).toContain('IP addresses');
    expect(html).toContain('never written to logs');
  });

  it('fills in the organisation and contact, and escapes them', () => {
    const html = renderLegalPage(PRIVACY, { organization: 'Contoso <Ltd>', contact: 'privacy@contoso.example' });
    expect(html).toContain('Contoso &#60;Ltd&#62;');
    expect(html).toContain('privacy@contoso.example');
    expect(html).not.toContain('{organization}');
  });
});

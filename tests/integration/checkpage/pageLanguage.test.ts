/**
 * The self-check page speaks the employee's language: the link's `lang` (set by the bot from the
 * employee's locale), else the browser's Accept-Language, else English; right to left for Arabic.
 * Refusal pages and the results reply follow the same choice.
 */
import { catalogues } from '../../../src/i18n/catalogues';
import { acceptedLanguages } from '../../../src/checkpage/pageLanguage';
import { BINDING, pathOf, startHarness, validResults, type Harness } from './support/harness';

const all = catalogues();
const de = all.strings('de').checkPage;
const fr = all.strings('fr').checkPage;
const en = all.strings('en').checkPage;

const escaped = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

describe('the self-check page in the employee\'s language (real HTTP)', () => {
  // One server for these read-mostly checks; each test issues its own link.
  const server: { h?: Harness; base: string } = { base: '' };
  beforeAll(async () => {
    server.h = await startHarness();
    server.base = await server.h.listen('127.0.0.1');
  });
  afterAll(async () => server.h?.close());
  const issue = async () => pathOf(await (server.h as Harness).page.issueLink(BINDING));
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.base}${path}`, { headers });

  it('a link with lang=de is served in German, whatever the browser prefers, and the page script gets the German words', async () => {
    const html = await (await get(`${await issue()}?lang=de`, { 'accept-language': 'fr' })).text();

    expect(html).toContain('<html lang="de" dir="ltr">');
    expect(html).toContain(escaped(de.heading));
    expect(html).not.toContain(escaped(en.heading));
    expect(html).toContain(JSON.stringify(de.networkOk).slice(1, -1).replace(/</g, '\\u003c'));
  });

  it('without lang, Accept-Language decides (best q first); Arabic is right to left; an unknown language gets English', async () => {
    const path = await issue();
    expect(await (await get(path, { 'accept-language': 'sv;q=0.9, fr-CA, en;q=0.5' })).text()).toContain(escaped(fr.heading));
    expect(await (await get(path, { 'accept-language': 'ar-EG' })).text()).toContain('<html lang="ar" dir="rtl">');
    expect(await (await get(path, { 'accept-language': 'sv-SE' })).text()).toContain(escaped(en.heading));
  });

  it('a refused link and the results reply are worded in the same language', async () => {
    const refused = await (await get('/check/not-a-token?lang=de')).text();
    expect(refused).toContain(escaped(de.refusals.invalid_link.title));

    const reply = await fetch(`${server.base}${await issue()}/results?lang=de`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(validResults()) });
    expect(await reply.json()).toMatchObject({ ok: true, title: de.sentOkTitle, message: de.sentOkText });
  });

  it('Accept-Language is read best first, ignoring * and q=0', () => {
    expect(acceptedLanguages('de-CH,de;q=0.9,en;q=0.8,*;q=0.1,fr;q=0')).toEqual(['de-CH', 'de', 'en']);
    expect(acceptedLanguages(undefined)).toEqual([]);
  });
});

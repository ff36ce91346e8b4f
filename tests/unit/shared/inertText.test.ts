import { INERT_TEXT_MAX, inertText } from '../../../src/shared/inertText';

describe('free text shown to another person is inert', () => {
  it('a markdown link keeps its label and shows the address defanged', () => {
    expect(inertText('Open [your account](https://evil.example/login) now')).toBe('Open your account (hxxps[:]//evil[.]example/login) now');
  });

  it('bare URLs, www names, domains and e-mail addresses lose every live dot and scheme', () => {
    expect(inertText('go to http://login.micros0ft.com/a?b=c or www.evil.com, mail bob@evil.co.uk')).toBe(
      'go to hxxp[:]//login[.]micros0ft[.]com/a?b=c or www[.]evil[.]com, mail bob@evil[.]co[.]uk',
    );
  });

  it('markdown markup and autolinks are escaped, invisible characters dropped', () => {
    expect(inertText('**urgent** <https://x.example> a\u202eb')).toBe('\\*\\*urgent\\*\\* hxxps[:]//x[.]example ab');
  });

  it('ordinary sentences are unchanged and long text is cut with an ellipsis', () => {
    expect(inertText('Which office are you in today? 3.5 hours')).toBe('Which office are you in today? 3.5 hours');
    const long = inertText('a'.repeat(2000));
    expect(long).toHaveLength(INERT_TEXT_MAX);
    expect(long.endsWith('…')).toBe(true);
  });
});

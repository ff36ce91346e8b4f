/**
 * Evidence from the backend's tenant-wide followers carries its age: the employee's card says
 * when sign-in data is not in yet or is old, instead of presenting a guess as the whole picture.
 */
import { allText, cardFrom, pressOn, type Card } from './cards';
import { CA_BLOCK } from './fixtures';
import { createHarness, type Harness } from './harness';

async function toFindings(h: Harness): Promise<Card> {
  const welcome = cardFrom((await h.install())[0]);
  const link = cardFrom((await pressOn(h, welcome, 'chooseMethod', (a) => a.title === 'Authenticator app'))[0]);
  return cardFrom((await pressOn(h, link, 'skipCheck'))[0]);
}

describe('evidence freshness on the findings card', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
    h.backend.findings = [CA_BLOCK];
  });

  it('when sign-ins are not in yet, the card says so with the other gaps; 12-minute-old risk data is used without a gap', async () => {
    h.backend.evidence = [
      { source: 'directory', state: 'live', asOf: '2026-11-26T09:00:00Z', ageSeconds: 0 },
      { source: 'signIns', state: 'pending', asOf: null, ageSeconds: null },
      { source: 'riskyUser', state: 'stale', asOf: '2026-11-26T08:48:00Z', ageSeconds: 720 },
    ];
    const text = allText(await toFindings(h));
    expect(text).toContain('What I could not check');
    expect(text).toContain('Sign-in logs were not available (not read yet: check again in a minute).');
    expect(text).not.toContain('Sign-in risk information were not available');
    expect(text).not.toContain('Your account were not available');
    expect(text).toContain('How current this is');
    expect(text).toContain('Sign-in risk information: as of 12 minutes ago. Changes since then are not in this answer yet.');
    expect(text).not.toContain('Your account: as of');
  });

  it('when every source is live or fresh, nothing extra is shown', async () => {
    h.backend.evidence = [{ source: 'signIns', state: 'fresh', asOf: '2026-11-26T08:59:40Z', ageSeconds: 20 }];
    const text = allText(await toFindings(h));
    expect(text).not.toContain('What I could not check');
    expect(text).not.toContain('How current this is');
  });
});

/**
 * The passkey guide: where to keep the passkey (only what the profiles allow), which device, the
 * steps for it (cross-device with Bluetooth, the five-minute re-authentication), answers kept.
 */
import type { DiagnoseRequest, DiagnoseResponse, PasskeyOptions } from '../../src/backend/api';
import type { Finding } from '../../src/diagnosis/types';
import { actions, allText, cardFrom, pressOn, texts, type Card } from './cards';
import { USER, createHarness, FakeBackend, type Harness } from './harness';

class PasskeyBackend extends FakeBackend {
  passkeys: PasskeyOptions | undefined;
  override async diagnose(request: DiagnoseRequest): Promise<DiagnoseResponse> {
    const base = await super.diagnose(request);
    return this.passkeys ? { ...base, passkeys: this.passkeys } : base;
  }
}

const profile = (p: Partial<PasskeyOptions['profiles'][number]>): PasskeyOptions['profiles'][number] => ({ synced: true, deviceBound: true, attestationRequired: false, ...p });
const DEVICE_BOUND_ONLY: PasskeyOptions = { canRegister: true, source: 'profiles', profiles: [profile({ id: 'p1', synced: false })] };
const BOTH = { canRegister: true, source: 'profiles', profiles: [profile({ id: 'p1', synced: false }), profile({ id: 'p2', deviceBound: false })] } satisfies PasskeyOptions;

const providerTitles = (card: Card) => actions(card).filter((a) => a.verb === 'passkeyProvider').map((a) => a.title);
const deviceTitles = (card: Card) => actions(card).filter((a) => a.verb === 'passkeyDevice').map((a) => a.title);
const BLUETOOTH = /Bluetooth turned on on both devices .* internet on both/;
const REAUTH = /more than five minutes ago, you will be asked to sign in and confirm again/;

describe('passkey guide', () => {
  let h: Harness;
  let backend: PasskeyBackend;
  beforeEach(() => {
    backend = new PasskeyBackend();
    h = createHarness({ backend });
  });
  afterEach(() => h.cleanup());

  async function choose(card: Card, verb: string, title: string): Promise<Card> {
    return cardFrom((await pressOn(h, card, verb, (a) => a.title === title))[0]);
  }

  describe('only what the passkey profiles allow is offered', () => {
    it('when the only profile allows device-bound passkeys, Authenticator, security keys and Windows Hello are offered and no synced provider', async () => {
      backend.passkeys = DEVICE_BOUND_ONLY;
      const card = cardFrom((await h.say('I want to set up a passkey'))[0]);

      expect(texts(card)[0]).toBe('Where do you want to keep your passkey?');
      expect(providerTitles(card)).toEqual(['Microsoft Authenticator', 'A security key (e.g. YubiKey)', 'Windows Hello']);
      expect(backend.diagnoseCalls).toEqual([{ user: USER, client: { attemptedMethod: 'passkey' } }]);
    });

    it('when a second profile allows synced passkeys, the synced providers are offered too', async () => {
      backend.passkeys = BOTH;
      const card = cardFrom((await h.say('passkey'))[0]);
      expect(providerTitles(card)).toEqual([
        'Microsoft Authenticator',
        'A security key (e.g. YubiKey)',
        'Windows Hello',
        'iCloud Keychain',
        'Google Password Manager',
        'Another password manager',
      ]);
      expect(allText(card)).not.toContain("couldn't read which kinds");
    });

    it('when the key restrictions allow only the Authenticator AAGUIDs, only Authenticator is offered', async () => {
      backend.passkeys = {
        canRegister: true,
        source: 'profiles',
        profiles: [profile({ keyRestrictions: { enforcementType: 'allow', aaGuids: ['90a3ccdf-635c-4729-a248-9b709135078f', 'de1e552d-db1d-4423-a619-566b625cdc84'] } })],
      };
      const card = cardFrom((await h.say('how do I add a passkey'))[0]);
      expect(providerTitles(card)).toEqual(['Microsoft Authenticator']);
    });

    it('when attestation is required, synced passkeys and password managers are not offered', async () => {
      backend.passkeys = { canRegister: true, source: 'legacy', profiles: [profile({ attestationRequired: true })] };
      const card = cardFrom((await h.say('set up a passkey'))[0]);
      expect(providerTitles(card)).toEqual(['Microsoft Authenticator', 'A security key (e.g. YubiKey)', 'Windows Hello']);
    });

    it('when the employee is excluded from passkeys, no provider is offered and the reason is explained', async () => {
      backend.passkeys = { canRegister: false, reason: 'excluded', source: 'profiles', profiles: [profile({})] };
      const card = cardFrom((await h.say('I want a passkey'))[0]);
      expect(texts(card)[0]).toBe("You can't add a passkey yet");
      expect(allText(card)).toContain('excluded from passkeys');
      expect(providerTitles(card)).toEqual([]);
    });

    it('when the backend could not read the passkey policy, every provider is offered with a caution', async () => {
      const card = cardFrom((await h.say('passkey please'))[0]);
      expect(providerTitles(card)).toHaveLength(6);
      expect(allText(card)).toContain("I couldn't read which kinds of passkey your organisation allows");
    });

    it('when the employee names a provider the profiles do not allow, the question is asked with the allowed ones only', async () => {
      backend.passkeys = DEVICE_BOUND_ONLY;
      const card = cardFrom((await h.say('I want my passkey in iCloud Keychain'))[0]);
      expect(texts(card)[0]).toBe('Where do you want to keep your passkey?');
      expect(providerTitles(card)).not.toContain('iCloud Keychain');
    });

    it('when a forged button names a provider that was not offered, nothing is chosen', async () => {
      backend.passkeys = DEVICE_BOUND_ONLY;
      const card = cardFrom((await h.say('passkey'))[0]);
      const guideId = actions(card).find((a) => a.verb === 'passkeyProvider')?.data?.guideId;
      const reply = cardFrom((await h.press('passkeyProvider', { guideId, provider: 'iCloudKeychain' }))[0]);
      expect(texts(reply)[0]).toBe('This card is out of date');
    });
  });

  describe('steps for the device', () => {
    it('when the employee picks Authenticator on an iPhone, the iOS steps are shown with the re-authentication note and no Bluetooth note', async () => {
      backend.passkeys = BOTH;
      const where = cardFrom((await h.say('passkey'))[0]);
      const device = await choose(where, 'passkeyProvider', 'Microsoft Authenticator');
      expect(texts(device)[0]).toBe('Which device are you setting it up on?');
      expect(deviceTitles(device)).toEqual(['iPhone or iPad', 'Android phone', 'Windows PC', 'Mac']);

      const steps = await choose(device, 'passkeyDevice', 'iPhone or iPad');
      const text = allText(steps);
      expect(texts(steps)[0]).toBe('Microsoft Authenticator on iPhone or iPad');
      expect(text).toContain('In Settings > General > AutoFill & Passwords, turn on Authenticator.');
      expect(text).not.toContain('Passwords, passkeys & accounts');
      expect(text).toMatch(REAUTH);
      expect(text).not.toMatch(BLUETOOTH);
      expect(actions(steps).filter((a) => a.type === 'Action.OpenUrl').map((a) => a.url)).toEqual([
        'https://aka.ms/mysecurityinfo',
        'https://learn.microsoft.com/entra/identity/authentication/how-to-enable-authenticator-passkey',
        'https://learn.microsoft.com/entra/identity/authentication/how-to-authentication-passkeys-fido2',
      ]);
    });

    it('when the employee picks Authenticator on Android, the Android provider setting is shown instead', async () => {
      backend.passkeys = BOTH;
      const device = await choose(cardFrom((await h.say('passkey'))[0]), 'passkeyProvider', 'Microsoft Authenticator');
      const text = allText(await choose(device, 'passkeyDevice', 'Android phone'));
      expect(text).toContain('turn on Authenticator as a passkey provider');
      expect(text).not.toContain('AutoFill & Passwords');
    });

    it('when the employee wants Windows Hello but is on a Mac, the bot says it is created on a Windows PC', async () => {
      backend.passkeys = BOTH;
      const device = await choose(cardFrom((await h.say('windows hello'))[0]), 'passkeyDevice', 'Mac');
      expect(allText(device)).toContain('Windows Hello passkeys are created on a Windows PC');
    });

    it('when the employee sets up a security key on Windows, the steps say insert, PIN and touch', async () => {
      backend.passkeys = BOTH;
      const device = cardFrom((await h.say('I want to register my YubiKey'))[0]);
      expect(texts(device)[0]).toBe('Which device are you setting it up on?');
      const text = allText(await choose(device, 'passkeyDevice', 'Windows PC'));
      expect(text).toContain('insert the security key');
      expect(text).toContain("Enter the security key's PIN");
    });
  });

  describe('cross-device registration', () => {
    it('when the employee wants an Authenticator passkey from a Windows PC, the QR code steps and the Bluetooth-and-internet-on-both note are shown', async () => {
      backend.passkeys = BOTH;
      const device = await choose(cardFrom((await h.say('passkey'))[0]), 'passkeyProvider', 'Microsoft Authenticator');
      const text = allText(await choose(device, 'passkeyDevice', 'Windows PC'));
      expect(text).toContain('choose "iPhone, iPad or Android device". A QR code appears.');
      expect(text).toContain("Scan the QR code with the phone's camera");
      expect(text).toMatch(BLUETOOTH);
      expect(text).toContain('cable.ua5v.com');
      expect(text).toMatch(REAUTH);
    });

    it('when every profile allowing Authenticator requires attestation, a computer gets "start on your phone" instead of a QR code', async () => {
      backend.passkeys = { canRegister: true, source: 'profiles', profiles: [profile({ synced: false, attestationRequired: true })] };
      const device = await choose(cardFrom((await h.say('passkey'))[0]), 'passkeyProvider', 'Microsoft Authenticator');
      const text = allText(await choose(device, 'passkeyDevice', 'Mac'));
      expect(text).toContain('can only be created in the Authenticator app itself');
      expect(text).not.toContain('QR code appears');
      expect(text).not.toMatch(BLUETOOTH);
    });
  });

  describe('answers are remembered', () => {
    it('when the employee starts again, the device is not asked again and the chosen provider goes straight to the steps', async () => {
      backend.passkeys = BOTH;
      const device = await choose(cardFrom((await h.say('passkey'))[0]), 'passkeyProvider', 'Google Password Manager');
      await choose(device, 'passkeyDevice', 'Android phone');

      const again = cardFrom((await h.say('I want to set up a passkey'))[0]);
      expect(texts(again)[0]).toBe('Google Password Manager on Android phone');
      expect(deviceTitles(again)).toEqual([]);

      const other = cardFrom((await pressOn(h, again, 'passkeyChangeProvider'))[0]);
      expect(texts(other)[0]).toBe('Where do you want to keep your passkey?');
      const steps = await choose(other, 'passkeyProvider', 'A security key (e.g. YubiKey)');
      expect(texts(steps)[0]).toBe('A security key (e.g. YubiKey) on Android phone');
    });

    it('when a provider the employee chose before is no longer allowed, the question is asked again', async () => {
      backend.passkeys = BOTH;
      const device = await choose(cardFrom((await h.say('passkey'))[0]), 'passkeyProvider', 'iCloud Keychain');
      await choose(device, 'passkeyDevice', 'Mac');
      backend.passkeys = DEVICE_BOUND_ONLY;
      const again = cardFrom((await h.say('passkey'))[0]);
      expect(texts(again)[0]).toBe('Where do you want to keep your passkey?');
      expect(providerTitles(again)).not.toContain('iCloud Keychain');
    });

    it('when a button from an earlier guide is pressed, it is refused as out of date', async () => {
      backend.passkeys = BOTH;
      const first = cardFrom((await h.say('passkey'))[0]);
      await h.say('passkey');
      const reply = cardFrom((await pressOn(h, first, 'passkeyProvider', (a) => a.title === 'Windows Hello'))[0]);
      expect(texts(reply)[0]).toBe('This card is out of date');
    });
  });

  describe('entry from a passkey finding', () => {
    it('when a passkey finding is shown, the findings card offers "Set up a passkey", which starts the guide', async () => {
      const phoneOnly = { code: 'PHONE_ONLY_MFA', severity: 'warning', fix: 'self', evidence: {}, title: 'Your only MFA method is your phone.', steps: [] } as unknown as Finding;
      backend.findings = [phoneOnly];
      backend.passkeys = DEVICE_BOUND_ONLY;
      const findings = cardFrom((await h.say('my session expired'))[0]);
      const card = cardFrom((await pressOn(h, findings, 'passkeyStart'))[0]);
      expect(texts(card)[0]).toBe('Where do you want to keep your passkey?');
      expect(providerTitles(card)).toHaveLength(3);
    });

    it('when the employee is stuck on the steps, the account diagnosis runs for the passkey and the provider they chose', async () => {
      backend.passkeys = BOTH;
      const device = await choose(cardFrom((await h.say('passkey'))[0]), 'passkeyProvider', 'Microsoft Authenticator');
      const steps = await choose(device, 'passkeyDevice', 'iPhone or iPad');
      const found = cardFrom((await pressOn(h, steps, 'passkeyStuck'))[0]);
      expect(texts(found)[0]).toBe('What I found');
      expect(backend.diagnoseCalls.at(-1)?.client).toEqual({ attemptedMethod: 'passkey', passkeyProvider: 'microsoftAuthenticator' });
    });
  });

  it('when a problem with a passkey is described, the browser check starts instead of the guide', async () => {
    const card = cardFrom((await h.say('my yubikey does nothing'))[0]);
    expect(texts(card)[0]).toBe('Quick check of your browser and network');
  });
});

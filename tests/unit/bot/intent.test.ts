import { createKeywordIntentRecognizer, SYMPTOM_PLANS, type Intent } from '../../../src/bot/intent';
import { extractErrorCodes } from '../../../src/diagnosis/errorCodes';

describe('keyword intent recognizer', () => {
  const recognizer = createKeywordIntentRecognizer({ extractErrorCodes });

  it.each<[string, Intent]>([
    ['hi', { kind: 'greeting' }],
    ['Hello!', { kind: 'greeting' }],
    ['help', { kind: 'greeting' }],
    ['start over', { kind: 'restart' }],
    ['Restart.', { kind: 'restart' }],
    ['AADSTS53003', { kind: 'errorCode', codes: ['53003'] }],
    ['Error code: 53003', { kind: 'errorCode', codes: ['53003'] }],
    ['53003', { kind: 'errorCode', codes: ['53003'] }],
    ['Something went wrong. 0x801c0003', { kind: 'errorCode', codes: ['801c0003'] }],
    ['AADSTS50089 then AADSTS53003', { kind: 'errorCode', codes: ['50089', '53003'] }],
    ['my session expired', { kind: 'symptom', symptom: 'session_expired' }],
    ['the sign-in timed out', { kind: 'symptom', symptom: 'session_expired' }],
    ['too many devices', { kind: 'symptom', symptom: 'too_many_devices' }],
    ['I hit the device limit', { kind: 'symptom', symptom: 'too_many_devices' }],
    ['the QR code will not scan', { kind: 'symptom', symptom: 'qr_code' }],
    ['I got a new phone', { kind: 'symptom', symptom: 'new_phone' }],
    ['my new phone cannot scan the QR code', { kind: 'symptom', symptom: 'new_phone' }],
    ['I lost my phone', { kind: 'symptom', symptom: 'new_phone' }],
    ['my security key is not recognised', { kind: 'symptom', symptom: 'security_key' }],
    ['YubiKey does nothing', { kind: 'symptom', symptom: 'security_key' }],
    ['my passkey fails', { kind: 'symptom', symptom: 'passkey' }],
    ['set up a passkey', { kind: 'passkeySetup' }],
    ['I want a passkey in Authenticator on my iPhone', { kind: 'passkeySetup', provider: 'microsoftAuthenticator', device: 'iOS' }],
    ['register my YubiKey on my MacBook', { kind: 'passkeySetup', provider: 'securityKey', device: 'macOS' }],
    ['Windows Hello', { kind: 'passkeySetup', provider: 'windowsHello' }],
    ['passkey in 1Password', { kind: 'passkeySetup', provider: 'otherPasswordManager' }],
    ['it says I am blocked', { kind: 'symptom', symptom: 'blocked' }],
    ['my account is locked', { kind: 'symptom', symptom: 'locked' }],
    ['no text message arrives', { kind: 'symptom', symptom: 'text_message' }],
    ['SMS never comes', { kind: 'symptom', symptom: 'text_message' }],
    ['it does not work', { kind: 'unknown' }],
    ['', { kind: 'unknown' }],
    ['call me on +44 20 7946 0958 in 2026', { kind: 'unknown' }],
  ])('"%s" is understood as %j', (text, intent) => {
    expect(recognizer.recognize(text)).toEqual(intent);
  });

  it('error codes win over symptom words in the same message', () => {
    expect(recognizer.recognize('blocked with AADSTS53003').kind).toBe('errorCode');
  });

  it('every symptom has a plan, and only browser-dependent ones go to the self-check page', () => {
    expect(Object.entries(SYMPTOM_PLANS).filter(([, p]) => p.next === 'browser').map(([s]) => s).sort()).toEqual(['passkey', 'qr_code', 'security_key']);
  });
});

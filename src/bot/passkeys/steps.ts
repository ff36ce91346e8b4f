/**
 * The steps for one provider on one device, as data: string keys (src/i18n/en/passkeys.ts
 * `steps` / `notes`) and the Microsoft Learn sources they come from (catalog.ts SOURCES).
 * `direct`: created on this device; `crossDevice`: created on a phone by scanning a QR code shown
 * on this computer (Bluetooth and internet on both, §16.5); `elsewhere`: not possible on this device.
 */
import type { PasskeyProvider } from '../../backend/api';
import { providerInfo, type DeviceOs, type SourceName } from './catalog';

export type GuideMode = 'direct' | 'crossDevice' | 'elsewhere';

export interface GuideSteps {
  mode: GuideMode;
  steps: string[];
  notes: string[];
  sources: SourceName[];
}

export interface GuideContext {
  /** Every profile that accepts this provider requires attestation (Authenticator: only in the app). */
  attestedOnly: boolean;
  /** Security keys are limited to an allow list of models. */
  keyAllowList: boolean;
}

const isPhone = (d: DeviceOs): boolean => d === 'iOS' || d === 'android';

const CROSS_DEVICE_START = ['openSecurityInfo', 'addPasskey', 'chooseOtherDevice', 'scanQr'];
const CROSS_DEVICE_NOTES = ['crossDevice', 'crossDeviceHosts'];

function directSteps(provider: PasskeyProvider, device: DeviceOs): string[] {
  switch (provider) {
    case 'microsoftAuthenticator':
      return ['authenticatorVersion', device === 'iOS' ? 'authenticatorProviderIos' : 'authenticatorProviderAndroid', 'authenticatorCreate', 'confirmBiometric', 'finish'];
    case 'securityKey':
      return ['openSecurityInfo', 'addPasskey', 'securityKeyInsert', 'securityKeyPin', 'finish'];
    case 'windowsHello':
      return ['openSecurityInfo', 'addPasskey', 'windowsHelloChoose', 'windowsHelloConfirm', 'finish'];
    case 'iCloudKeychain':
      return ['icloudOn', isPhone(device) ? 'openSecurityInfoOnPhone' : 'openSecurityInfo', 'addPasskey', 'icloudSave', 'finish'];
    case 'googlePasswordManager':
      return ['googleSignedIn', ...(device === 'iOS' ? ['googleIosProvider'] : []), isPhone(device) ? 'openSecurityInfoOnPhone' : 'openSecurityInfo', 'addPasskey', 'googleSave', 'finish'];
    case 'otherPasswordManager':
      return ['otherManagerReady', isPhone(device) ? 'openSecurityInfoOnPhone' : 'openSecurityInfo', 'addPasskey', 'otherManagerSave', 'finish'];
  }
}

export function stepsFor(provider: PasskeyProvider, device: DeviceOs, ctx: GuideContext): GuideSteps {
  const info = providerInfo(provider);
  const sources = [...info.sources];
  const tail = [...(info.type === 'synced' ? ['synced'] : []), ...(provider === 'securityKey' && ctx.keyAllowList ? ['allowedKeys'] : []), 'smsRetirement'];
  if (info.direct.includes(device)) return { mode: 'direct', steps: directSteps(provider, device), notes: ['reauth', ...tail], sources };
  if (provider === 'microsoftAuthenticator') {
    // A computer: the passkey lives on the phone, created across devices unless attestation is required.
    if (ctx.attestedOnly) return { mode: 'elsewhere', steps: ['authenticatorVersion', 'authenticatorCreate', 'confirmBiometric', 'finish'], notes: ['attestedOnly', 'reauth', ...tail], sources };
    return { mode: 'crossDevice', steps: ['authenticatorVersion', ...CROSS_DEVICE_START, 'saveInAuthenticator', 'confirmBiometric', 'finish'], notes: [...CROSS_DEVICE_NOTES, 'reauth', ...tail], sources };
  }
  if (provider === 'iCloudKeychain' && device === 'windows') {
    return { mode: 'crossDevice', steps: [...CROSS_DEVICE_START, 'saveInIcloud', 'confirmBiometric', 'finish'], notes: [...CROSS_DEVICE_NOTES, 'reauth', ...tail], sources };
  }
  if (provider === 'windowsHello') return { mode: 'elsewhere', steps: ['windowsOnly'], notes: ['reauth'], sources };
  return { mode: 'elsewhere', steps: ['icloudNotAndroid'], notes: [], sources };
}

/**
 * The passkey guide's card (adaptiveCards/passkeyGuide.json) in three views: where to keep the
 * passkey (only the allowed providers), which device, and the steps with notes and sources.
 */
import type { PasskeyDevice, PasskeyProvider } from '../backend/api/passkeys';
import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

/** Findings after which the findings card offers "Set up a passkey" (codes of issue 11, as strings until they are in FINDING_CODES). */
export const PASSKEY_GUIDE_CODES: ReadonlySet<string> = new Set([
  'PASSKEY_TYPE_NOT_ALLOWED',
  'PASSKEY_KEY_RESTRICTED',
  'PASSKEY_ATTESTATION_REQUIRED',
  'AUTHENTICATOR_UPDATE_REQUIRED',
  'PHONE_ONLY_MFA',
]);

export type PasskeyGuideCardInput =
  | { view: 'provider'; guideId: string; providers: PasskeyProvider[]; recommended?: PasskeyProvider; caution?: boolean }
  | { view: 'device'; guideId: string; provider: PasskeyProvider; recommended?: PasskeyDevice }
  | {
      view: 'steps';
      guideId: string;
      provider: PasskeyProvider;
      device: PasskeyDevice;
      steps: string[];
      notes: string[];
      sources: Array<{ title: string; url: string }>;
    };

interface Button {
  title: string;
  value: string;
  guideId: string;
  style: 'positive' | 'default';
}

function rows<T extends string>(guideId: string, values: readonly T[], title: (v: T) => string, recommended: T | undefined, perRow: number): Array<{ buttons: Button[] }> {
  const first = recommended !== undefined && values.includes(recommended) ? recommended : values[0];
  const buttons = values.map((v): Button => ({ title: title(v), value: v, guideId, style: v === first ? 'positive' : 'default' }));
  const out: Array<{ buttons: Button[] }> = [];
  for (let i = 0; i < buttons.length; i += perRow) out.push({ buttons: buttons.slice(i, i + perRow) });
  return out;
}

const DEVICE_ORDER: readonly PasskeyDevice[] = ['iOS', 'android', 'windows', 'macOS'];

export function renderPasskeyGuideCard(ctx: CardContext, input: PasskeyGuideCardInput): AdaptiveCard {
  const s = ctx.strings.passkeys;
  const name = (p: string) => s.providers[p] ?? p;
  const common = { guideId: input.guideId, securityLine: ctx.strings.securityLine, providerRows: [] as unknown[], deviceRows: [] as unknown[], isSteps: false, hasCaution: false, caution: '', hasIntro: true };
  if (input.view === 'provider') {
    return ctx.renderer.render('passkeyGuide', {
      ...common,
      title: s.chooseTitle,
      intro: s.chooseIntro,
      hasCaution: input.caution === true,
      caution: s.chooseUnknown,
      providerRows: rows(input.guideId, input.providers, name, input.recommended, 3),
    });
  }
  if (input.view === 'device') {
    return ctx.renderer.render('passkeyGuide', {
      ...common,
      title: s.deviceTitle,
      intro: fill(s.deviceIntro, { provider: name(input.provider) }),
      deviceRows: rows(input.guideId, DEVICE_ORDER, (d) => s.devices[d] ?? d, input.recommended, 2),
    });
  }
  return ctx.renderer.render('passkeyGuide', {
    ...common,
    title: fill(s.stepsTitle, { provider: name(input.provider), device: s.devices[input.device] ?? input.device }),
    hasIntro: false,
    intro: '',
    isSteps: true,
    stepsLabel: s.stepsLabel,
    steps: input.steps.map((text, i) => ({ n: i + 1, text })),
    hasNotes: input.notes.length > 0,
    notesLabel: s.notesLabel,
    notes: input.notes.map((text) => ({ text })),
    sourcesLabel: s.sourcesLabel,
    mySecurityInfo: s.mySecurityInfo,
    sources: input.sources.slice(0, 2),
    itWorked: s.itWorked,
    stillStuck: s.stillStuck,
    changeProvider: s.changeProvider,
    changeDevice: s.changeDevice,
  });
}

/**
 * The passkey guide: where do you want your passkey (only what the employee's passkey profiles
 * allow, from the backend's diagnosis) → which device → the steps for that device, including
 * cross-device registration and the "MFA within the last five minutes" re-authentication.
 * Answers are kept in conversation state and not asked again.
 */
import type { PasskeyDevice, PasskeyProvider } from '../../backend/api/passkeys';
import { renderNoticeCard } from '../../cards/noticeCard';
import { renderPasskeyGuideCard } from '../../cards/passkeyGuideCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import { runDiagnosis } from '../flow';
import { startFlow, type BotServices, type Turn } from '../turn';
import { SOURCES, providerInfo } from './catalog';
import { allowedKeyModels, offerFor, profileAccepts } from './offer';
import { readGuide, writeGuide, type GuideState } from './state';
import { stepsFor } from './steps';

export interface GuideHints {
  provider?: PasskeyProvider;
  device?: PasskeyDevice;
}

function save(svc: BotServices, turn: Turn, guide: GuideState): GuideState {
  guide.updatedAt = svc.deps.clock.now().toISOString();
  writeGuide(turn.state, guide);
  return guide;
}

/** Starts a guide: reads the employee's passkey options from the backend, keeps earlier answers. */
export async function startPasskeyGuide(svc: BotServices, turn: Turn, hints: GuideHints = {}): Promise<AdaptiveCard> {
  const n = svc.cards.strings.notices;
  const user = turn.userAadObjectId;
  if (!user) return renderNoticeCard(svc.cards, { title: n.unknownUserTitle, text: n.noIdentityText });
  const result = await svc.deps.backend.diagnose({ user, client: { attemptedMethod: 'passkey' } });
  const offer = offerFor(result.passkeys);
  const before = readGuide(turn.state);
  const remembered = before?.owner === user ? before : undefined;
  const guide = save(svc, turn, {
    v: 1,
    guideId: svc.newId(),
    owner: user,
    ...(result.passkeys ? { options: result.passkeys } : {}),
    offered: offer.providers,
    ...(hints.device ?? remembered?.device ? { device: hints.device ?? remembered?.device } : {}),
    updatedAt: '',
  });
  turn.log.info({ offered: offer.providers, basis: offer.basis, blocked: offer.blocked, hinted: hints.provider }, 'passkey guide started');
  if (offer.blocked) {
    const s = svc.cards.strings.passkeys;
    return renderNoticeCard(svc.cards, { title: s.blockedTitle, text: s.blocked[offer.blocked] ?? s.blocked.disabled ?? '' });
  }
  const wanted = [hints.provider, remembered?.provider].find((p): p is PasskeyProvider => p !== undefined && offer.providers.includes(p));
  const chosen = wanted ? chooseProvider(svc, turn, guide, wanted) : undefined;
  return chosen ?? renderPasskeyGuideCard(svc.cards, { view: 'provider', guideId: guide.guideId, providers: offer.providers, caution: offer.basis === 'unknown' });
}

/** undefined when the provider was not offered in this guide (a forged or stale button). */
export function chooseProvider(svc: BotServices, turn: Turn, guide: GuideState, provider: PasskeyProvider): AdaptiveCard | undefined {
  if (!guide.offered.includes(provider)) return undefined;
  guide.provider = provider;
  save(svc, turn, guide);
  if (!guide.device) return renderPasskeyGuideCard(svc.cards, { view: 'device', guideId: guide.guideId, provider });
  return stepsCard(svc, guide, provider, guide.device);
}

export function chooseDevice(svc: BotServices, turn: Turn, guide: GuideState, device: PasskeyDevice): AdaptiveCard | undefined {
  if (!guide.provider) return undefined;
  guide.device = device;
  save(svc, turn, guide);
  return stepsCard(svc, guide, guide.provider, device);
}

export function changeProvider(svc: BotServices, turn: Turn, guide: GuideState): AdaptiveCard {
  delete guide.provider;
  save(svc, turn, guide);
  return renderPasskeyGuideCard(svc.cards, { view: 'provider', guideId: guide.guideId, providers: guide.offered, caution: guide.options === undefined });
}

export function changeDevice(svc: BotServices, turn: Turn, guide: GuideState): AdaptiveCard | undefined {
  if (!guide.provider) return undefined;
  delete guide.device;
  save(svc, turn, guide);
  return renderPasskeyGuideCard(svc.cards, { view: 'device', guideId: guide.guideId, provider: guide.provider });
}

export function passkeyDone(svc: BotServices, turn: Turn, guide: GuideState): AdaptiveCard {
  const s = svc.cards.strings.passkeys;
  turn.log.info({ provider: guide.provider, device: guide.device }, 'employee reports the passkey is set up');
  return renderNoticeCard(svc.cards, { title: s.doneTitle, text: s.doneText, showSecurityLine: true });
}

/** "I'm stuck": the account diagnosis for the passkey the employee is creating. */
export async function passkeyStuck(svc: BotServices, turn: Turn, guide: GuideState): Promise<AdaptiveCard> {
  const flow = startFlow(svc, turn, 'welcome');
  flow.method = guide.provider === 'securityKey' ? 'fido2' : 'passkey';
  // The diagnosis judges the passkey the employee is creating against their profiles (client fact passkeyProvider).
  if (guide.provider) flow.client = { ...(flow.client ?? {}), passkeyProvider: guide.provider };
  return runDiagnosis(svc, turn, flow);
}

function stepsCard(svc: BotServices, guide: GuideState, provider: PasskeyProvider, device: PasskeyDevice): AdaptiveCard {
  const s = svc.cards.strings.passkeys;
  const info = providerInfo(provider);
  const accepting = (guide.options?.profiles ?? []).filter((p) => profileAccepts(p, info));
  const plan = stepsFor(provider, device, {
    attestedOnly: accepting.length > 0 && accepting.every((p) => p.attestationRequired),
    keyAllowList: allowedKeyModels(guide.options).length > 0,
  });
  return renderPasskeyGuideCard(svc.cards, {
    view: 'steps',
    guideId: guide.guideId,
    provider,
    device,
    steps: plan.steps.map((k) => s.steps[k] ?? k),
    notes: plan.notes.map((k) => s.notes[k] ?? k),
    sources: plan.sources.map((k) => ({ title: s.sources[k] ?? k, url: SOURCES[k] })),
  });
}

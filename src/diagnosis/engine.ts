/** diagnose(): facts about one employee → ordered findings. Pure: no I/O, no clock but `input.now`. */
import { severityOf, type Draft } from './catalog';
import { buildContext } from './context';
import type { DiagnosisInput } from './facts';
import { orderDrafts, toFinding } from './order';
import { accountRules } from './rules/account';
import { clientRules } from './rules/client';
import type { Rule } from './rules/common';
import { conditionalAccessRules } from './rules/conditionalAccess';
import { deviceRules } from './rules/devices';
import { methodsPolicyRules } from './rules/methodsPolicy';
import { passkeyRules } from './rules/passkeys';
import { phoneOnlyRules } from './rules/phoneOnly';
import { alreadyRegistered, registrationRules } from './rules/registration';
import { signInRules } from './rules/signIns';
import { tapRules } from './rules/tap';
import { en, type DiagnosisStrings } from './strings/en';
import { DEFAULT_DIAGNOSIS_SETTINGS, type DiagnosisSettings, type Finding } from './types';

const RULES: readonly Rule[] = [accountRules, deviceRules, methodsPolicyRules, conditionalAccessRules, signInRules, tapRules, registrationRules, clientRules, passkeyRules, phoneOnlyRules];

export function resolveSettings(settings?: Partial<DiagnosisSettings>): DiagnosisSettings {
  const out: DiagnosisSettings = { ...DEFAULT_DIAGNOSIS_SETTINGS };
  for (const [k, v] of Object.entries(settings ?? {})) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

export function diagnose(input: DiagnosisInput, settings?: Partial<DiagnosisSettings>, strings: DiagnosisStrings = en): Finding[] {
  const ctx = buildContext(input, resolveSettings(settings));
  let drafts: Draft[] = RULES.flatMap((rule) => rule(ctx));
  const anyBlocking = drafts.some((d) => severityOf(d) === 'blocking');
  // IP_ADDRESS_CHANGED warns only when nothing blocking explains the failure better (findings.md).
  if (anyBlocking) drafts = drafts.filter((d) => d.code !== 'IP_ADDRESS_CHANGED');
  const registered = alreadyRegistered(ctx, anyBlocking);
  if (registered) drafts.push(registered);
  return orderDrafts(drafts).map((d) => toFinding(d, strings));
}

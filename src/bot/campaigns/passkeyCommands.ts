/**
 * Passkey campaign commands, in the channel's campaign command style:
 *   campaign preview passkey [phone-only|phone-default|phone-redundant|phone] [ready|not-ready] [group <id>]
 *   campaign cohorts
 * `phone` (the default) = every phone cohort.
 */
import type { PhoneCohort } from '../../campaigns/cohorts';

export interface PasskeyPreview {
  cohorts: PhoneCohort[];
  readiness: 'ready' | 'notReady' | 'any';
}

const COHORT_WORDS: Record<string, PhoneCohort[]> = {
  'phone-only': ['phoneOnly'],
  'phone-default': ['phoneDefault'],
  'phone-redundant': ['phoneRedundant'],
  phone: ['phoneOnly', 'phoneDefault', 'phoneRedundant'],
};

/** `words` follow "passkey"; undefined when a word is not understood (the caller shows the help). */
export function parsePasskeyPreview(words: string[]): PasskeyPreview | undefined {
  const cohorts = new Set<PhoneCohort>();
  let readiness: PasskeyPreview['readiness'] = 'any';
  for (const raw of words) {
    const w = raw.toLowerCase();
    const named = COHORT_WORDS[w];
    if (named) named.forEach((c) => cohorts.add(c));
    else if (w === 'ready') readiness = 'ready';
    else if (w === 'not-ready' || w === 'notready') readiness = 'notReady';
    else return undefined;
  }
  return { cohorts: cohorts.size > 0 ? [...cohorts] : ['phoneOnly', 'phoneDefault', 'phoneRedundant'], readiness };
}

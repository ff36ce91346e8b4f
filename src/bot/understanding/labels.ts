/** An intent as one label ("symptom:new_phone", "errorCode"): for logs, the phrase set and the benchmark. */
import type { Intent } from '../intent';

export function intentLabel(intent: Intent): string {
  return intent.kind === 'symptom' ? `symptom:${intent.symptom}` : intent.kind;
}

/**
 * The passkey guide's place in conversation state (`conversation.passkeys`, beside the rescue
 * flow). The employee's answers (provider, device) outlive one guide: a new guide starts from them,
 * so each question is asked once. Storage is a boundary: what is read back is validated.
 */
import { z } from 'zod';
import { PASSKEY_DEVICES, PASSKEY_PROVIDERS, PasskeyOptionsSchema } from '../../backend/api/passkeys';
import type { AppTurnState } from '../state';

export const GuideStateSchema = z.object({
  v: z.literal(1),
  guideId: z.string().min(1).max(64),
  owner: z.string().optional(),
  /** What the backend said about the employee's passkey profiles (absent: unreadable). */
  options: PasskeyOptionsSchema.optional(),
  offered: z.array(z.enum(PASSKEY_PROVIDERS)),
  provider: z.enum(PASSKEY_PROVIDERS).optional(),
  device: z.enum(PASSKEY_DEVICES).optional(),
  updatedAt: z.string(),
});
export type GuideState = z.infer<typeof GuideStateSchema>;

export function readGuide(state: AppTurnState): GuideState | undefined {
  const parsed = GuideStateSchema.safeParse(state.conversation.passkeys);
  return parsed.success ? parsed.data : undefined;
}

export function writeGuide(state: AppTurnState, guide: GuideState): void {
  state.conversation.passkeys = guide;
}

/**
 * How old each source of a diagnosis's evidence is (issue 9, "honest freshness"). Optional in the
 * diagnose response: a backend without followers (the CLI, older builds) reads everything live and
 * sends none; a caller that does not know the field ignores it.
 */
import { z } from 'zod';

export const EVIDENCE_SOURCES = ['directory', 'signIns', 'riskyUser', 'registrationDetails', 'securityInfo', 'policies'] as const;

export const EvidenceAgeSchema = z.object({
  source: z.enum(EVIDENCE_SOURCES),
  /**
   * live: read for this diagnosis; fresh: from a follower within its expected age; stale: the
   * follower is behind (older than expected, `reason` says why); pending: not read yet (or the
   * budget was spent), so the diagnosis says nothing from this source rather than guess.
   */
  state: z.enum(['live', 'fresh', 'stale', 'pending']),
  /** When the evidence was read (ISO), null when never. */
  asOf: z.string().nullable(),
  ageSeconds: z.number().int().nonnegative().nullable(),
  reason: z.string().optional(),
});
export type EvidenceAge = z.infer<typeof EvidenceAgeSchema>;

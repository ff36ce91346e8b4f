/**
 * The conversation's position in the rescue flow, kept in teams-ai conversation state (so in
 * deps.storage: it survives a restart). Storage is a boundary: what is read back is validated.
 */
import type { TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { ClientFactsSchema, METHOD_KINDS } from '../diagnosis/facts';
import { SYMPTOMS } from './intent';
import { FindingSchema } from '../backend/api';

export const STEPS = ['welcome', 'awaitingError', 'errorCode', 'checkLink', 'diagnosed', 'deviceConfirm', 'closed', 'escalated', 'clarifying'] as const;
export type Step = (typeof STEPS)[number];

/** A finding as the backend returned it (the API's schema: one definition of its shape). */
const FindingStateSchema = FindingSchema;

export const DeviceStateSchema = z.object({
  id: z.string(),
  name: z.string(),
  os: z.string().optional(),
  lastUsed: z.string().optional(),
  status: z.enum(['pending', 'removed', 'refused']),
});
export type DeviceState = z.infer<typeof DeviceStateSchema>;

export const FlowStateSchema = z.object({
  v: z.literal(1),
  flowId: z.string(),
  step: z.enum(STEPS),
  /** The employee (Entra object id) this flow belongs to. */
  owner: z.string().optional(),
  method: z.enum(METHOD_KINDS).optional(),
  changedPhone: z.boolean().optional(),
  /** What the employee said was wrong (free text), for advice when the diagnosis finds nothing. */
  symptom: z.enum(SYMPTOMS).optional(),
  pastedCodes: z.array(z.string()),
  /** The latest browser self-check results. */
  client: ClientFactsSchema.optional(),
  diagnosis: z
    .object({
      findings: z.array(FindingStateSchema),
      gaps: z.array(z.object({ source: z.string(), reason: z.string() })),
      /** Evidence used although older than its follower promises (the card names its age). */
      stale: z.array(z.object({ source: z.string(), ageSeconds: z.number().int().nonnegative() })).optional(),
      at: z.string(),
    })
    .optional(),
  /** Which finding "Still stuck" has reached (0 = the root cause). */
  findingIndex: z.number().int().min(0),
  devices: z.array(DeviceStateSchema).optional(),
  joinedDevices: z.array(z.object({ name: z.string() })).optional(),
  pendingDeviceId: z.string().optional(),
  escalation: z.object({ requestedAt: z.string(), reference: z.string() }).optional(),
  /** When the flow started (outcome timing); absent on flows stored by older versions. */
  startedAt: z.string().optional(),
  updatedAt: z.string(),
});
export type FlowState = z.infer<typeof FlowStateSchema>;

export interface ConversationData {
  flow?: unknown;
  /** The reader's time zone and locale (src/bot/reader.ts). */
  reader?: unknown;
  /** Answers to clarifying questions, kept across flows (src/bot/clarify/). */
  answers?: unknown;
  /** The passkey guide (src/bot/passkeys/state.ts), beside the flow. */
  passkeys?: unknown;
  /** The employee's own language choice ("speak English"), over the Teams language (src/bot/language.ts). */
  language?: unknown;
}
export type AppTurnState = TurnState<ConversationData>;

/** The stored flow, or undefined when there is none or it does not validate (then it is replaced). */
export function readFlow(state: AppTurnState): FlowState | undefined {
  const parsed = FlowStateSchema.safeParse(state.conversation.flow);
  return parsed.success ? parsed.data : undefined;
}

export function writeFlow(state: AppTurnState, flow: FlowState | undefined): void {
  state.conversation.flow = flow;
}

export function newFlow(flowId: string, now: Date, owner: string | undefined, step: Step): FlowState {
  return { v: 1, flowId, step, owner, pastedCodes: [], findingIndex: 0, startedAt: now.toISOString(), updatedAt: now.toISOString() };
}

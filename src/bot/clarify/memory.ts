/**
 * What the employee already told us, kept in conversation state (it outlives one flow): a question
 * is asked once, and its answer is applied to every later diagnosis of this conversation.
 */
import { z } from 'zod';
import { METHOD_KINDS } from '../../diagnosis/facts';
import type { FlowState } from '../state';

export const QUESTIONS = ['newPhone', 'method', 'device'] as const;
export type QuestionId = (typeof QUESTIONS)[number];

export const PHONE_ANSWERS = ['new', 'lost', 'same'] as const;
export const DEVICE_ANSWERS = ['company', 'personal', 'phone'] as const;
export const TOPIC_ANSWERS = ['authenticator', 'phone', 'securityKey', 'error', 'newPhone', 'locked'] as const;
export const METHOD_ANSWERS = ['microsoftAuthenticator', 'phone', 'fido2', 'passkey'] as const;

/** Answers each question offers (besides "skip"); `topic` is the not-understood menu. */
export const ANSWERS: Record<QuestionId | 'topic', readonly string[]> = {
  newPhone: PHONE_ANSWERS,
  method: METHOD_ANSWERS,
  device: DEVICE_ANSWERS,
  topic: TOPIC_ANSWERS,
};

const MemorySchema = z.object({
  asked: z.array(z.enum(QUESTIONS)).max(QUESTIONS.length),
  newPhone: z.enum(PHONE_ANSWERS).optional(),
  method: z.enum(METHOD_KINDS).optional(),
  device: z.enum(DEVICE_ANSWERS).optional(),
});
export type Memory = z.infer<typeof MemorySchema>;

export function readMemory(conversation: { answers?: unknown }): Memory {
  const parsed = MemorySchema.safeParse(conversation.answers);
  return parsed.success ? parsed.data : { asked: [] };
}

export function writeMemory(conversation: { answers?: unknown }, memory: Memory): void {
  conversation.answers = MemorySchema.parse({ ...memory, asked: [...new Set(memory.asked)] });
}

/** Applies remembered answers to a flow that has not said otherwise (before a diagnosis). */
export function applyMemory(flow: FlowState, memory: Memory): void {
  if (flow.changedPhone === undefined && memory.newPhone) flow.changedPhone = memory.newPhone !== 'same';
  if (flow.method === undefined && memory.method) flow.method = memory.method;
}

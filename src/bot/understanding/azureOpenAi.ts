/**
 * Optional second recogniser: Azure OpenAI chat completions (the `openai` package's AzureOpenAI
 * client) returning the structured intent of modelAnswer.ts. It sees only the employee's message
 * text: no name, no ids, no conversation. The deterministic recogniser answers first when it is
 * certain (error codes, greetings, "start over": nothing is sent), and it is the answer whenever
 * the model fails, times out, is rate-limited beyond its retries, answers invalid JSON, says
 * "unknown" or is less confident than `minConfidence`.
 */
import { AzureOpenAI } from 'openai';
import type { Logger } from '../../shared/logger';
import type { Intent, IntentRecognizer, Symptom, SyncIntentRecognizer } from '../intent';
import { passkeyHints } from '../passkeys/intent';
import { MODEL_JSON_SCHEMA, ModelAnswerSchema, SYSTEM_PROMPT, type ModelAnswer } from './modelAnswer';

export interface AzureOpenAiSettings {
  /** https://<resource>.openai.azure.com (no /openai suffix). */
  endpoint: string;
  deployment: string;
  apiKey: string;
  apiVersion: string;
  /** Per attempt. */
  timeoutMs: number;
  /** Retries on 429 / 5xx / connection errors (honouring retry-after). */
  maxRetries: number;
  minConfidence: number;
}

export interface ModelRecognizerDeps {
  settings: AzureOpenAiSettings;
  fallback: SyncIntentRecognizer;
  logger: Logger;
}

/** Messages longer than this are cut before they are sent. */
export const MAX_MESSAGE_CHARS = 1000;

function toIntent(answer: ModelAnswer, text: string): Intent {
  const label = answer.intent;
  if (label === 'errorCode') return answer.codes.length > 0 ? { kind: 'errorCode', codes: answer.codes.map((c) => c.toLowerCase()) } : { kind: 'unknown' };
  if (label === 'greeting' || label === 'restart' || label === 'help' || label === 'unknown') return { kind: label };
  if (label === 'passkeySetup') return passkeyHints(text);
  return { kind: 'symptom', symptom: label.slice('symptom:'.length) as Symptom };
}

function reasonOf(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}${'status' in e && typeof e.status === 'number' ? ` ${e.status}` : ''}`;
  return 'error';
}

export function createAzureOpenAiRecognizer(deps: ModelRecognizerDeps): IntentRecognizer {
  const { settings, fallback, logger } = deps;
  const client = new AzureOpenAI({
    baseURL: `${settings.endpoint.replace(/\/+$/, '')}/openai`,
    deployment: settings.deployment,
    apiKey: settings.apiKey,
    apiVersion: settings.apiVersion,
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
  });

  async function ask(text: string): Promise<ModelAnswer | string> {
    try {
      const completion = await client.chat.completions.create({
        model: settings.deployment,
        temperature: 0,
        max_tokens: 100,
        response_format: { type: 'json_schema', json_schema: MODEL_JSON_SCHEMA },
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: text.slice(0, MAX_MESSAGE_CHARS) },
        ],
      });
      const content = completion.choices[0]?.message?.content;
      if (!content) return 'empty answer';
      let json: unknown;
      try {
        json = JSON.parse(content) as unknown;
      } catch {
        return 'invalid JSON';
      }
      const parsed = ModelAnswerSchema.safeParse(json);
      return parsed.success ? parsed.data : 'answer does not match the schema';
    } catch (e) {
      return reasonOf(e);
    }
  }

  return {
    async recognize(text: string): Promise<Intent> {
      const certain = fallback.recognize(text);
      if (certain.kind === 'errorCode' || certain.kind === 'greeting' || certain.kind === 'restart' || text.trim() === '') return certain;
      const answer = await ask(text);
      if (typeof answer === 'string') {
        logger.warn({ reason: answer }, 'language model recogniser failed; the deterministic answer is used');
        return certain;
      }
      if (answer.intent === 'unknown' || answer.confidence < settings.minConfidence) {
        logger.info({ intent: answer.intent, confidence: answer.confidence }, 'language model unsure; the deterministic answer is used');
        return certain;
      }
      const intent = toIntent(answer, text);
      logger.info({ intent: answer.intent, confidence: answer.confidence, deterministic: certain.kind }, 'message understood by the language model');
      return intent;
    },
  };
}

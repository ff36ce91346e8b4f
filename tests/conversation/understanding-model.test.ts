/**
 * The optional Azure OpenAI recogniser, against a local stand-in speaking the chat-completions wire
 * format: it sees only the message text, its structured answer drives the conversation, and every
 * failure (rate limit beyond the retry, 500, timeout, invalid JSON, low confidence) falls back to
 * the deterministic recogniser.
 */
import { createAzureOpenAiRecognizer, type AzureOpenAiSettings } from '../../src/bot/understanding/azureOpenAi';
import { SYSTEM_PROMPT } from '../../src/bot/understanding/modelAnswer';
import { createMultilingualIntentRecognizer } from '../../src/bot/understanding/recognizer';
import { extractErrorCodes } from '../../src/diagnosis/errorCodes';
import { silentLogger } from '../../src/shared/logger';
import { startAzureOpenAiStandIn, type StandIn } from './azureOpenAiStandIn';
import { cardFrom, texts } from './cards';
import { MFA_NOT_DONE } from './fixtures';
import { CONVERSATION, TENANT, USER, createHarness } from './harness';

const DEPLOYMENT = 'mfa-intents';
const KEY = 'standin-key-0123456789';
const answer = (intent: string, confidence = 0.9, codes: string[] = []) => ({ content: JSON.stringify({ intent, codes, confidence }) });

describe('Azure OpenAI recogniser (stand-in on loopback)', () => {
  let standIn: StandIn;
  const deterministic = createMultilingualIntentRecognizer({ extractErrorCodes });
  const recognizer = (over: Partial<AzureOpenAiSettings> = {}) =>
    createAzureOpenAiRecognizer({
      settings: { endpoint: standIn.endpoint, deployment: DEPLOYMENT, apiKey: KEY, apiVersion: '2024-10-21', timeoutMs: 2000, maxRetries: 1, minConfidence: 0.6, ...over },
      fallback: deterministic,
      logger: silentLogger(),
    });

  beforeEach(async () => {
    standIn = await startAzureOpenAiStandIn({ deployment: DEPLOYMENT, apiKey: KEY });
  });
  afterEach(() => standIn.close());

  it('the model sees only the message text: no name, no ids, no conversation (checked on the request the stand-in received)', async () => {
    standIn.replies.push(answer('symptom:push_not_arriving'));
    const h = createHarness({ deps: { intents: recognizer() } });
    try {
      h.backend.findings = [MFA_NOT_DONE];
      const text = 'the thing on my phone stays silent when I try to sign in';
      await h.say(text);

      expect(standIn.requests).toHaveLength(1);
      const seen = standIn.requests[0];
      expect(seen?.path).toBe(`/openai/deployments/${DEPLOYMENT}/chat/completions`);
      expect(seen?.query['api-version']).toBe('2024-10-21');
      expect(seen?.headers['api-key']).toBe(KEY);
      const body = seen?.body as { messages: unknown[]; user?: unknown; response_format: { type: string } };
      expect(body.messages).toEqual([
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: text },
      ]);
      expect(body.user).toBeUndefined();
      expect(body.response_format.type).toBe('json_schema');
      const wire = JSON.stringify(seen?.body) + JSON.stringify(seen?.headers);
      for (const secret of ['Alice', USER, TENANT, CONVERSATION, '29:alice']) expect(wire).not.toContain(secret);
      // The model's answer drove the flow: an Authenticator diagnosis.
      expect(h.backend.diagnoseCalls[0]?.client?.attemptedMethod).toBe('microsoftAuthenticator');
    } finally {
      h.cleanup();
    }
  });

  it('a structured answer is the intent (passkey wishes keep the provider named in the text)', async () => {
    standIn.replies.push(answer('passkeySetup'), answer('symptom:no_phone'));
    const r = recognizer();
    await expect(r.recognize('hätte gern so einen Schlüssel auf dem iPhone')).resolves.toEqual({ kind: 'passkeySetup', device: 'iOS' });
    await expect(r.recognize('mon téléphone est resté à la maison')).resolves.toEqual({ kind: 'symptom', symptom: 'no_phone' });
  });

  it('error codes, greetings and "start over" are answered without asking the model', async () => {
    const r = recognizer();
    await expect(r.recognize('AADSTS53003')).resolves.toEqual({ kind: 'errorCode', codes: ['53003'] });
    await expect(r.recognize('hallo')).resolves.toEqual({ kind: 'greeting' });
    await expect(r.recognize('start over')).resolves.toEqual({ kind: 'restart' });
    expect(standIn.requests).toHaveLength(0);
  });

  it('a 429 with retry-after is retried once after the wait it asks for, and the answer then counts', async () => {
    standIn.replies.push({ status: 429, headers: { 'retry-after-ms': '20', 'retry-after': '1' }, error: { code: '429', message: 'Rate limit is exceeded.' } }, answer('symptom:code_expired'));
    await expect(recognizer().recognize('the numbers it gives me are never taken')).resolves.toEqual({ kind: 'symptom', symptom: 'code_expired' });
    expect(standIn.requests).toHaveLength(2);
  });

  it.each<[string, Parameters<StandIn['replies']['push']>, Partial<AzureOpenAiSettings>]>([
    ['rate-limited beyond the retry (429, 429)', [{ status: 429, headers: { 'retry-after-ms': '10' } }, { status: 429, headers: { 'retry-after-ms': '10' } }], {}],
    ['a server error (500)', [{ status: 500 }], { maxRetries: 0 }],
    ['no answer in time', [{ hang: true }], { timeoutMs: 50, maxRetries: 0 }],
    ['an answer that is not JSON', [{ content: 'Sure! The intent is new phone.' }], {}],
    ['JSON outside the schema', [{ content: JSON.stringify({ intent: 'symptom:alien_abduction', codes: [], confidence: 1 }) }], {}],
    ['a low confidence', [answer('symptom:blocked', 0.3)], {}],
    ['"unknown"', [answer('unknown', 0.95)], {}],
  ])('when the model gives %s, the deterministic answer is used', async (_what, replies, over) => {
    standIn.replies.push(...replies);
    await expect(recognizer(over).recognize('Ich bekomme keine Push-Benachrichtigung')).resolves.toEqual({ kind: 'symptom', symptom: 'push_not_arriving' });
    expect(standIn.requests.length).toBeGreaterThanOrEqual(1);
  });

  it('in a conversation, a model outage still answers from the deterministic recogniser', async () => {
    standIn.replies.push({ status: 500 }, { status: 500 });
    const h = createHarness({ deps: { intents: recognizer({ maxRetries: 0 }) } });
    try {
      const card = cardFrom((await h.say('qwertz uiop'))[0]);
      expect(texts(card)[0]).toBe("Sorry, I didn't understand that");
    } finally {
      h.cleanup();
    }
  });
});

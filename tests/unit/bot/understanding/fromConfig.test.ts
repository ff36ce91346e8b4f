import { intentRecognizerFromConfig } from '../../../../src/bot/understanding/fromConfig';
import { silentLogger } from '../../../../src/shared/logger';

describe('the recogniser the configuration asks for', () => {
  it('without Azure OpenAI settings it is the deterministic recogniser (answers at once)', () => {
    const r = intentRecognizerFromConfig({}, silentLogger());
    expect(r.recognize('el código expiró')).toEqual({ kind: 'symptom', symptom: 'code_expired' });
  });

  it('with Azure OpenAI settings the model is asked first (an answer comes later); codes are still read without it', async () => {
    const azureOpenAi = { endpoint: 'http://127.0.0.1:9', deployment: 'd', apiKey: 'k', apiVersion: '2024-10-21', timeoutMs: 1000 };
    const r = intentRecognizerFromConfig({ understanding: { azureOpenAi } }, silentLogger());
    const answer = r.recognize('AADSTS53003');
    expect(answer).toBeInstanceOf(Promise);
    await expect(answer).resolves.toEqual({ kind: 'errorCode', codes: ['53003'] });
  });
});

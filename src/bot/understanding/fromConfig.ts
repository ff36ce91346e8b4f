/** The recogniser the configuration asks for: the deterministic one, with the language model in front when configured. */
import type { Config } from '../../config';
import { extractErrorCodes } from '../../diagnosis/errorCodes';
import type { Logger } from '../../shared/logger';
import type { IntentRecognizer } from '../intent';
import { createAzureOpenAiRecognizer } from './azureOpenAi';
import { createMultilingualIntentRecognizer } from './recognizer';

/** Model answers below this confidence are not trusted over the deterministic one. */
export const MIN_MODEL_CONFIDENCE = 0.6;

export function intentRecognizerFromConfig(config: Pick<Config, 'understanding'>, logger: Logger): IntentRecognizer {
  const deterministic = createMultilingualIntentRecognizer({ extractErrorCodes });
  const azure = config.understanding?.azureOpenAi;
  if (!azure) return deterministic;
  logger.info({ deployment: azure.deployment, apiVersion: azure.apiVersion }, 'free text is also understood by Azure OpenAI (message text only)');
  return createAzureOpenAiRecognizer({
    settings: { ...azure, maxRetries: 1, minConfidence: MIN_MODEL_CONFIDENCE },
    fallback: deterministic,
    logger: logger.child({ component: 'understanding' }),
  });
}

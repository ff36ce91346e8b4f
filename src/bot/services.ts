/** Resolves the optional deps into the services the handlers use. */
import { createCardRenderer } from '../cards/renderCard';
import { extractErrorCodes, lookupErrorCode } from '../diagnosis/errorCodes';
import { localizedCards } from '../cards/cardContext';
import { catalogues } from '../i18n/catalogues';
import { newId, newReference } from '../shared/ids';
import { createOutcomeRecorder } from '../insights/outcomes';
import type { BotDeps } from './deps';
import { createRecordingEscalationService } from './escalation';
import type { BotServices } from './turn';
import { createMultilingualIntentRecognizer } from './understanding/recognizer';

export function createServices(deps: BotDeps): BotServices {
  const ref = deps.newReference ?? newReference;
  return {
    deps,
    cards: localizedCards(deps.renderer ?? createCardRenderer(), deps.strings),
    catalogues: deps.catalogues ?? catalogues(),
    intents: deps.intents ?? createMultilingualIntentRecognizer({ extractErrorCodes }),
    errorCodes: deps.errorCodes ?? { extract: extractErrorCodes, meaning: (code) => lookupErrorCode(code)?.meaning },
    escalations: deps.escalations ?? createRecordingEscalationService(deps.store, ref),
    newReference: ref,
    newId: deps.newId ?? newId,
    outcomes: createOutcomeRecorder(deps.audit, deps.clock, deps.logger.child({ component: 'outcomes' })),
  };
}

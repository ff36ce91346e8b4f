/**
 * The shape of a message catalogue, derived from locales/en.json (the single source of the
 * English wording). Code reads messages as `strings.welcome.title`; a key path in code is the
 * dotted key of the catalogue. Sections whose keys are chosen at run time (status words, finding
 * codes read by code, refusal reasons...) are open maps, listed in OpenMaps.
 */
import type EnCatalogue from '../../locales/en.json';

type Widen<T> = T extends string ? string : T extends readonly (infer E)[] ? Array<Widen<E>> : { [K in keyof T]: Widen<T[K]> };

declare const OPEN: unique symbol;
/** Marks a section read with a run-time key: its type becomes Record<string, V>. */
interface Open<V> {
  readonly [OPEN]: V;
}
type Patch<T, O> = { [K in keyof T]: K extends keyof O ? (O[K] extends Open<infer V> ? Record<string, V> : Patch<T[K], O[K]>) : T[K] };

interface ClarifyQuestion {
  title: string;
  text: string;
  answers: Record<string, string>;
}

interface OpenMaps {
  gapSources: Open<string>;
  advice: { actor: Open<string>; stepsLabel: Open<string>; agentActor: Open<string>; agentTitles: Open<string> };
  campaigns: { status: Open<string> };
  clarify: { questions: Open<ClarifyQuestion>; deviceAdvice: Open<string[]> };
  tap: {
    status: Open<string>;
    verifyMethods: Open<string>;
    refusals: Open<string>;
    redactedText: Open<string>;
    managerOutcome: Open<string>;
    verification: { tiers: Open<string>; kinds: Open<string>; ticketWho: Open<string> };
  };
  passkeys: {
    blocked: Open<string>;
    providers: Open<string>;
    devices: Open<string>;
    steps: Open<string>;
    notes: Open<string>;
    sources: Open<string>;
    campaign: { cohortNames: Open<string>; readiness: Open<string> };
  };
  understanding: { symptomSteps: Open<string[]> };
}

/** Every string the employee, approver or admin reads, in one locale. */
export type Strings = Patch<Widen<typeof EnCatalogue>, OpenMaps>;

/** A catalogue as read from disk: nested objects of ICU messages (and lists of them). */
export interface CatalogueTree {
  [key: string]: string | string[] | CatalogueTree;
}

// Loads the adaptivecards package's dist bundle. Plain Node cannot load the package's main entry
// (lib/ is ESM with extensionless imports); the UMD bundle parses and validates without a DOM, and
// renders under happy-dom. Only tests need it, so it lives here, not in cards/.
import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

const require = createRequire(import.meta.url);

export type AdaptiveCardsModule = typeof AdaptiveCards;

export function loadAdaptiveCards(): AdaptiveCardsModule {
  const ac = require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;
  // Hosts plug in their own markdown; without one the SDK warns on every text. Show text as-is.
  ac.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    result.didProcess = true;
  };
  return ac;
}

export interface ParseReport {
  card: AdaptiveCards.AdaptiveCard;
  /** Parse warnings (unknown types, bad values) and validation failures, as "event: message". */
  problems: string[];
}

/** Parses a card JSON with the official SDK and collects every parse event and validation failure. */
export function parseWithSdk(ac: AdaptiveCardsModule, json: unknown): ParseReport {
  const card = new ac.AdaptiveCard();
  const context = new ac.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse ${ac.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents) {
    problems.push(`validate ${ac.ValidationEvent[e.event]}: ${e.message}`);
  }
  return { card, problems };
}

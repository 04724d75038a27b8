// Outbound → Bot Framework message activity. A card goes as an Adaptive Card 1.5 attachment and the text
// becomes the notification summary (it is the fallback, not a second copy of the card); a card that cannot be
// rendered degrades to its text, which every client shows (adapters/shared/render.ts).
import { type Activity, CardFactory } from 'botbuilder';
import type { Outbound } from '../../bot/core/types.js';
import type { Logger } from '../../bot/log/logger.js';
import { type AdaptiveCardJson, renderAdaptiveCard } from '../../cards/adaptive.js';
import { renderWithFallback } from '../shared/render.js';
import { PLATFORM } from './identity.js';

/** Teams refuses messages over ~100 KB (UTF-16); plain text is kept well below with a visible cut. */
export const MAX_TEXT_CHARS = 20_000;

export function renderCard(out: Outbound, logger: Logger): AdaptiveCardJson | undefined {
  return renderWithFallback(PLATFORM, out, renderAdaptiveCard, logger).card;
}

export function toActivity(out: Outbound, logger: Logger): Partial<Activity> {
  const rendered = renderWithFallback(PLATFORM, out, renderAdaptiveCard, logger);
  const text = rendered.text.length > MAX_TEXT_CHARS ? `${rendered.text.slice(0, MAX_TEXT_CHARS - 1)}…` : rendered.text;
  if (rendered.card) {
    return {
      type: 'message',
      summary: text.slice(0, 250),
      attachments: [CardFactory.adaptiveCard(rendered.card)],
    };
  }
  return { type: 'message', text, textFormat: 'markdown' };
}

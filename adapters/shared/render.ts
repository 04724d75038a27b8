// The one rule every surface follows when it sends an Outbound: the text always goes along (the message itself, or
// the notification and fallback for clients without cards), and a card that cannot be rendered (a platform limit
// broken, a bug) degrades to that text instead of costing the person the message.
import type { Outbound, Platform } from '../../bot/core/types.js';
import type { Logger } from '../../bot/log/logger.js';
import type { CardSpec } from '../../cards/spec.js';

export interface RenderedOutbound<Card> {
  /** Plain text, never empty when there is anything to say: `out.text`, else the card's own fallback text. */
  text: string;
  /** The platform's card, when there is one and it rendered. */
  card?: Card;
}

export function renderWithFallback<Card>(
  platform: Platform,
  out: Outbound,
  render: (card: CardSpec) => Card,
  log: Logger,
): RenderedOutbound<Card> {
  const text = out.text || out.card?.fallbackText || '';
  if (!out.card) return { text };
  try {
    return { text, card: render(out.card) };
  } catch (error) {
    log.warn({ err: error, event: `${platform}.card_failed`, card: out.card.kind }, 'card not rendered; sent as text');
    return { text };
  }
}

// The App Home tab: the person's overview card from the core, or a short "not enrolled" note.
import { type Block, escapeMrkdwn, renderBlockKit } from '../../cards/blockkit.js';
import type { CardSpec } from '../../cards/spec.js';
import { t } from '../../bot/i18n/index.js';

export interface HomeView {
  type: 'home';
  blocks: Block[];
}

export function homeView(card: CardSpec | null, locale: string): HomeView {
  if (card) {
    // A message holds 50 blocks and the Home tab 100, so a card that fits a message fits here.
    return { type: 'home', blocks: renderBlockKit(card).blocks };
  }
  return {
    type: 'home',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(t(locale, 'common.notEnrolled')) } }],
  };
}

// One Outbound → one Slack message: chat.postMessage with the card's Block Kit blocks and the text as the
// notification/fallback, or chat.update when the Outbound replaces an earlier card.
import { webApi } from '@slack/bolt';
import type { Block } from '../../cards/blockkit.js';
import { renderBlockKit } from '../../cards/blockkit.js';
import type { MessageRef, Outbound } from '../../bot/core/types.js';
import type { Logger } from '../../bot/log/logger.js';
import { renderWithFallback } from '../shared/render.js';
import { PLATFORM } from './inbound.js';
import { slackFromPlain } from './text.js';

/** Errors after which a replacement is posted as a new message instead (the old one is gone or frozen). */
const NOT_UPDATABLE = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed', 'channel_not_found']);

export interface RenderedMessage {
  text: string;
  blocks?: Block[];
}

export function renderOutbound(out: Outbound, log: Logger): RenderedMessage {
  const rendered = renderWithFallback(PLATFORM, out, (card) => renderBlockKit(card).blocks, log);
  const text = slackFromPlain(rendered.text || ' ');
  return rendered.card ? { text, blocks: rendered.card } : { text };
}

export async function postOutbound(
  client: webApi.WebClient,
  channelId: string,
  out: Outbound,
  log: Logger,
): Promise<MessageRef> {
  const message = renderOutbound(out, log);
  const target = out.replaces?.platform === PLATFORM ? out.replaces : undefined;
  if (target) {
    try {
      // Without `blocks`, chat.update keeps the old ones: an empty list clears a card replaced by plain text.
      const result = await client.chat.update({
        channel: target.channelId,
        ts: target.messageId,
        text: message.text,
        blocks: message.blocks ?? [],
      });
      return {
        platform: PLATFORM,
        channelId: result.channel ?? target.channelId,
        messageId: result.ts ?? target.messageId,
      };
    } catch (error) {
      if (!(error instanceof webApi.WebAPIPlatformError) || !NOT_UPDATABLE.has(error.data.error)) throw error;
      log.debug({ event: 'slack.update_fallback', error: error.data.error }, 'replaced message not updatable; posting');
    }
  }
  const result = await client.chat.postMessage({
    channel: channelId,
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    unfurl_links: false,
    unfurl_media: false,
  });
  if (!result.ts) throw new Error('chat.postMessage returned no ts');
  return { platform: PLATFORM, channelId: result.channel ?? channelId, messageId: result.ts };
}

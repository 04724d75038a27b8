// Slack message text is mrkdwn: '&', '<' and '>' arrive escaped, and links and mentions arrive as <…> tokens.
// The core reads and writes plain text, so the adapter converts at the edge in both directions.
import { escapeMrkdwn } from '../../cards/blockkit.js';
import { truncateEncoded } from '../../cards/render-utils.js';

/** What a person typed, as plain text: `<https://x|label>` → label, `<@U1>` → @U1, entities decoded. */
export function plainFromSlack(text: string): string {
  const unwrapped = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (label) return label;
    if (target.startsWith('@') || target.startsWith('#')) return target;
    if (target.startsWith('!')) return `@${target.slice(1)}`;
    return target.replace(/^mailto:/, '');
  });
  return unwrapped.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&').trim();
}

/** Slack cuts a message's `text` at 40,000 characters; we cut visibly a little earlier. */
const SLACK_TEXT_LIMIT = 39_000;

/** Plain core text → a Slack `text` field that shows exactly that text. */
export function slackFromPlain(text: string): string {
  return truncateEncoded(text, SLACK_TEXT_LIMIT, escapeMrkdwn);
}

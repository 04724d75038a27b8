// Loads the Slack surface only when Slack is configured: Bolt takes about half a second to import, which every
// start of the local playground would otherwise pay (docs/architecture.md, "Start-up").
import type { SlackAdapter, SlackAdapterOptions } from './adapter.js';

export async function loadSlackAdapter(options: SlackAdapterOptions): Promise<SlackAdapter | null> {
  if (!options.config.SLACK_BOT_TOKEN?.trim()) {
    options.logger
      .child({ adapter: 'slack' })
      .info({ event: 'slack.disabled' }, 'Slack disabled: SLACK_BOT_TOKEN/SLACK_SIGNING_SECRET not set');
    return null;
  }
  const { createSlackAdapter } = await import('./adapter.js');
  return createSlackAdapter(options);
}

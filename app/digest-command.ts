// `leerkans digest --now [--coach EMAIL]`: the command's logic, kept apart from the CLI's argument handling.
import type { Config } from '../bot/config/env.js';
import { planDigestsNow } from '../bot/digest/now.js';
import { createNarrator } from '../bot/llm/narrative.js';
import type { Db } from '../db/db.js';

/**
 * Where chart links point: PUBLIC_URL, or the local server when only the playground runs. Slack and Teams fetch
 * images themselves (Slack refuses a whole message whose image it cannot download), so with a chat platform
 * configured and no PUBLIC_URL, cards go out without a chart.
 */
export const chartBaseUrl = (
  config: Pick<Config, 'PUBLIC_URL' | 'PORT' | 'SLACK_BOT_TOKEN' | 'MicrosoftAppId'>,
  port: number = config.PORT,
): string | undefined => {
  if (config.PUBLIC_URL) return config.PUBLIC_URL;
  if (config.SLACK_BOT_TOKEN || config.MicrosoftAppId) return undefined;
  return `http://localhost:${port}`;
};

export async function digestNowCommand(
  db: Db,
  args: { coach?: string | undefined },
  out: (text: string) => void,
  config: Config,
): Promise<void> {
  const narrator = createNarrator({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
  });
  const result = await planDigestsNow(
    db,
    { narrator, chartBaseUrl: chartBaseUrl(config), defaultTimeZone: config.LEERKANS_TIMEZONE },
    { coachEmail: args.coach },
  );
  if (result.planned.length === 0) {
    out('No coach has students assigned: no digest planned');
    return;
  }
  for (const p of result.planned) out(`Planned the digest for ${p.coach} (${p.students} students)`);
  out('The running bot delivers them within seconds (or at its next start).');
}

// `leerkans digest --now [--coach EMAIL]`: plans the digests into the outbox; the running server delivers them.
import type { Config } from '../../bot/config/env.js';
import { planDigestsNow } from '../../bot/digest/now.js';
import { createNarrator } from '../../bot/llm/narrative.js';
import type { Db } from '../../db/db.js';
import { chartBaseUrl } from '../http/charts.js';

export async function digestNowCommand(
  db: Db,
  args: { coach?: string | undefined },
  out: (text: string) => void,
  config: Config,
): Promise<void> {
  // The narrative is free text written by the LLM: only in the full LLM mode (LEERKANS_LLM).
  const narrator = createNarrator({
    apiKey: config.LEERKANS_LLM === 'full' ? config.OPENAI_API_KEY : undefined,
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

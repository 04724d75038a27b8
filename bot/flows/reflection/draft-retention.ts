// How long a paused reflection is kept before the daily retention job deletes it (LEERKANS_RETAIN_CONVERSATIONS_DAYS):
// a student who is told their draft "is kept" is told for how long.
import { DEFAULT_RETAIN_CONVERSATIONS_DAYS } from '../../config/env.js';
import type { TurnContext } from '../../core/turn.js';

export const draftDays = (ctx: TurnContext): number =>
  ctx.env.settings.draftRetentionDays ?? DEFAULT_RETAIN_CONVERSATIONS_DAYS;

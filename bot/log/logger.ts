// Structured logs only (pino). Secrets are redacted by path so a stray log of a config or request cannot leak them.
import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

export function createLogger(level = 'info', name = 'leerkans'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['*.password', '*.token', '*.authorization', '*.MicrosoftAppPassword', '*.SLACK_BOT_TOKEN', '*.apiKey'],
      censor: '[redacted]',
    },
  });
}

export const silentLogger: Logger = pino({ level: 'silent' });

// Bolt and the WebClient log through @slack/logger's interface; this sends their lines to our pino logger, so
// nothing from Slack's libraries reaches the console directly. Their debug lines include whole request bodies (a
// student's message, a mentor's feedback), so they go to pino's `trace`, below LOG_LEVEL=debug.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../bot/log/logger.js';

export function boltLogger(logger: Logger): SlackLogger {
  const log = logger.child({ lib: 'bolt' });
  const write =
    (level: 'trace' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) => {
      const err = parts.find((p): p is Error => p instanceof Error);
      const text = parts
        .filter((p) => p !== err)
        .map((p) => (typeof p === 'string' ? p : safeJson(p)))
        .join(' ');
      if (err) log[level]({ err }, text || err.message);
      else log[level](text);
    };
  return {
    debug: write('trace'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // pino's level is set once for the whole process (LOG_LEVEL); Bolt may ask, but it does not decide.
    setLevel: () => undefined,
    getLevel: () => toSlackLevel(log.level),
    setName: () => undefined,
  };
}

function toSlackLevel(level: string): LogLevel {
  switch (level) {
    case 'trace':
      return LogLevel.DEBUG;
    case 'debug':
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

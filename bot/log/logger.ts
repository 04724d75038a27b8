// Structured logs only (pino). Secrets are redacted by path so a stray log of a config or request cannot leak them.
// In a terminal the same records are printed as readable lines (pino-pretty); piped or in a container they stay
// JSON, one object a line, for the log collector.
import { type DestinationStream, type Logger, pino } from 'pino';
import PinoPretty from 'pino-pretty';

export type { Logger } from 'pino';

export type LogFormat = 'auto' | 'pretty' | 'json';

const prettyStream = (): DestinationStream =>
  PinoPretty({ colorize: true, sync: true, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,name' });

export function createLogger(level = 'info', name = 'leerkans', format: LogFormat = 'auto'): Logger {
  const pretty = format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
  const options = {
    name,
    level,
    redact: {
      paths: ['*.password', '*.token', '*.authorization', '*.MicrosoftAppPassword', '*.SLACK_BOT_TOKEN', '*.apiKey'],
      censor: '[redacted]',
    },
  };
  return pretty ? pino(options, prettyStream()) : pino(options);
}

export const silentLogger: Logger = pino({ level: 'silent' });

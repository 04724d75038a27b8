// Configuration from the environment (the names in the README's configuration table), validated once at start-up.
// A bad value becomes one line naming the variable and what was expected.
import { validate as cronValidate } from 'node-cron';
import { z } from 'zod';
import { isIanaTimeZone } from '../imports/validators.js';
import { LLM_MODES } from '../llm/mode.js';
import { validateCron } from '../schedule/cron.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const url = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => URL.canParse(v), { message: `expected ${what}` });

const isFiveFieldCron = (v: string): boolean => {
  try {
    validateCron(v);
    return true;
  } catch {
    return false;
  }
};

/** A whole number of days in [min, max]. */
/** Days an unfinished conversation (a paused reflection) is kept; students are told this number when they pause. */
export const DEFAULT_RETAIN_CONVERSATIONS_DAYS = 30;

const days = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ invalid_type_error: 'expected a number of days' })
    .int('expected a whole number of days')
    .min(min, `expected a number of days from ${min} to ${max}`)
    .max(max, `expected a number of days from ${min} to ${max}`)
    .default(fallback);

const schema = z.object({
  PORT: z.coerce
    .number({ invalid_type_error: 'expected a port number' })
    .int('expected a whole port number')
    .min(0, 'expected a port number from 0 to 65535')
    .max(65535, 'expected a port number from 0 to 65535')
    .default(3978),
  PUBLIC_URL: url('an absolute URL such as https://leerkans.example.be').optional(),
  DATABASE_URL: url('a PostgreSQL URL such as postgres://user@host:5432/leerkans')
    .refine((v) => /^postgres(ql)?:\/\//i.test(v), {
      message: 'expected a postgres:// or postgresql:// URL',
    })
    .optional(),
  LEERKANS_DATA_DIR: z.string().trim().min(1).default('./.leerkans'),
  // A migrated empty database to start a new data directory from (built by npm's postinstall); unset → the default.
  LEERKANS_TEMPLATE_DIR: optionalString,
  SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message: 'expected a bot token starting with xoxb-',
  }),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'expected an app-level token starting with xapp-',
  }),
  SLACK_API_URL: url('an absolute URL such as https://slack.com/api/').default('https://slack.com/api/'),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url('an absolute URL such as https://api.openai.com/v1').optional(),
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  // What may be sent to the LLM at all (docs/privacy.md); `off` wins over a configured key.
  LEERKANS_LLM: z.enum(LLM_MODES, { message: `expected one of ${LLM_MODES.join(', ')}` }).default('full'),
  LEERKANS_LOCALE: z.enum(['nl-BE', 'nl', 'en', 'en-GB', 'en-US']).default('nl-BE'),
  LEERKANS_TIMEZONE: z
    .string()
    .trim()
    .refine(isIanaTimeZone, { message: 'expected an IANA time zone such as Europe/Brussels' })
    .default('Europe/Brussels'),
  LEERKANS_HELPLINE: z.string().trim().min(1).default('Tele-Onthaal 106'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  // local: only from this machine (the default; it lets anyone chat as any roster person). remote: from anywhere
  // that reaches the port (a container on a trusted host). off: no playground routes at all (production).
  LEERKANS_PLAYGROUND: z.enum(['local', 'remote', 'off']).default('local'),
  LEERKANS_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  // When the nudge planner runs (node-cron syntax; a sixth, leading field is seconds) and how late a nudge may
  // still go out after the bot was down.
  LEERKANS_PLANNER_CRON: z
    .string()
    .trim()
    .refine((v) => cronValidate(v), { message: 'expected a cron expression such as "* * * * *"' })
    .default('* * * * *'),
  LEERKANS_CATCH_UP_HOURS: z.coerce
    .number({ invalid_type_error: 'expected a number of hours' })
    .min(0, 'expected 0 or more hours')
    .max(168, 'expected at most 168 hours (a week)')
    .default(6),
  // Days after which a mentor gets the one reminder of an unanswered feedback request.
  LEERKANS_MENTOR_REMINDER_DAYS: z.coerce
    .number({ invalid_type_error: 'expected a number of days' })
    .int('expected a whole number of days')
    .min(1, 'expected a number of days from 1 to 30')
    .max(30, 'expected a number of days from 1 to 30')
    .default(3),
  // Retention per data class (docs/privacy.md), enforced by the daily job (bot/privacy/retention.ts).
  LEERKANS_RETENTION_CRON: z
    .string()
    .trim()
    .refine(isFiveFieldCron, { message: 'expected a five-field cron expression such as "30 3 * * *"' })
    .default('30 3 * * *'),
  LEERKANS_RETAIN_CONVERSATIONS_DAYS: days(1, 365, DEFAULT_RETAIN_CONVERSATIONS_DAYS),
  LEERKANS_RETAIN_REFLECTIONS_DAYS: days(30, 3650, 1280),
  LEERKANS_RETAIN_DELETED_REFLECTIONS_DAYS: days(0, 90, 0),
  LEERKANS_RETAIN_ASSESSMENTS_DAYS: days(30, 3650, 1280),
  LEERKANS_RETAIN_SHIFTS_DAYS: days(7, 3650, 365),
  // At least 14: the digest shows messages that failed in the last 14 days, and planners read recent outbox rows.
  LEERKANS_RETAIN_OUTBOX_DAYS: days(14, 3650, 30),
  LEERKANS_RETAIN_EVENTS_DAYS: days(1, 365, 7),
  LEERKANS_RETAIN_AUDIT_DAYS: days(30, 3650, 730),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface LoadOptions {
  /** False for commands that only describe the app (the Teams package needs the app id, not its password). */
  requireSecrets?: boolean;
}

/** Parses the environment; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Config {
  // An empty variable counts as unset (a blank line in .env, `FOO= npm start`).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = issue.path.join('.');
    throw new ConfigError(`Invalid ${variable}: ${issue.message} (got ${JSON.stringify(env[variable] ?? '')})`);
  }
  const config = result.data;
  if (config.SLACK_BOT_TOKEN && config.SLACK_SIGNING_SECRET === undefined && !config.SLACK_APP_TOKEN) {
    throw new ConfigError('Invalid SLACK_SIGNING_SECRET: required (non-empty) when SLACK_BOT_TOKEN is set');
  }
  const requireSecrets = options.requireSecrets ?? true;
  if (
    requireSecrets &&
    config.MicrosoftAppId &&
    !config.MicrosoftAppPassword &&
    config.MicrosoftAppType !== 'UserAssignedMSI'
  ) {
    throw new ConfigError('Invalid MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppTenantId) {
    throw new ConfigError('Invalid MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
  }
  return config;
}

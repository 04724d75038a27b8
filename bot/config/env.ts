// Configuration from the environment (names from DESIGN.md), validated once at start-up.
// A bad value becomes one line naming the variable and what was expected.
import { z } from 'zod';
import { isIanaTimeZone } from '../imports/validators.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const url = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => URL.canParse(v), { message: `expected ${what}` });

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
  LEERKANS_LOCALE: z.enum(['nl-BE', 'nl', 'en', 'en-GB', 'en-US']).default('nl-BE'),
  LEERKANS_TIMEZONE: z
    .string()
    .trim()
    .refine(isIanaTimeZone, { message: 'expected an IANA time zone such as Europe/Brussels' })
    .default('Europe/Brussels'),
  LEERKANS_HELPLINE: z.string().trim().min(1).default('Tele-Onthaal 106'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LEERKANS_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  // Days after which a mentor gets the one reminder of an unanswered feedback request.
  LEERKANS_MENTOR_REMINDER_DAYS: z.coerce
    .number({ invalid_type_error: 'expected a number of days' })
    .int('expected a whole number of days')
    .min(1, 'expected a number of days from 1 to 30')
    .max(30, 'expected a number of days from 1 to 30')
    .default(3),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
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
  if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('Invalid MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppTenantId) {
    throw new ConfigError('Invalid MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
  }
  return config;
}

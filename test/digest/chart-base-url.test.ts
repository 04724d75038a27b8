// Where chart links point: never at a local address that Slack or Teams would have to fetch.
import { describe, expect, it } from 'vitest';
import { chartBaseUrl } from '../../app/http/charts.js';
import { loadConfig } from '../../bot/config/env.js';

describe('chart base URL', () => {
  it('uses PUBLIC_URL, the local server for the playground alone, and nothing for Slack or Teams without PUBLIC_URL', () => {
    expect(
      chartBaseUrl(
        loadConfig({ PUBLIC_URL: 'https://leerkans.example.be', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }),
      ),
    ).toBe('https://leerkans.example.be');
    expect(chartBaseUrl(loadConfig({ PORT: '3978' }))).toBe('http://localhost:3978');
    expect(chartBaseUrl(loadConfig({ PORT: '0' }), 41234)).toBe('http://localhost:41234');
    expect(chartBaseUrl(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).toBeUndefined();
    expect(
      chartBaseUrl(
        loadConfig({
          MicrosoftAppId: '00000000-0000-0000-0000-000000000000',
          MicrosoftAppPassword: 'p',
          MicrosoftAppTenantId: 't',
          MicrosoftAppType: 'SingleTenant',
        }),
      ),
    ).toBeUndefined();
  });

  it('refuses a reminder delay outside 1–30 days with one clear line', () => {
    expect(loadConfig({}).LEERKANS_MENTOR_REMINDER_DAYS).toBe(3);
    expect(loadConfig({ LEERKANS_MENTOR_REMINDER_DAYS: '5' }).LEERKANS_MENTOR_REMINDER_DAYS).toBe(5);
    expect(() => loadConfig({ LEERKANS_MENTOR_REMINDER_DAYS: '0' })).toThrow(/LEERKANS_MENTOR_REMINDER_DAYS/);
  });
});

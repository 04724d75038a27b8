// manifest/slack-app.yaml: the scopes are exactly what the adapter's code calls (found by reading its source), the
// Messages tab is on, every URL is our one endpoint, and the documented manifest limits hold.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Manifest {
  display_information: { name: string; description: string; long_description: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; description: string; usage_hint: string }[];
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync(new URL('../../manifest/slack-app.yaml', import.meta.url), 'utf8')) as Manifest;

/** Bot scopes per Web API method (Slack's method reference); methods needing none map to []. */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'conversations.open': ['im:write'],
  // The email field of users.info needs users:read.email on top of users:read.
  'users.info': ['users:read', 'users:read.email'],
  'views.open': [],
  'views.publish': [],
};
const EVENT_SCOPES: Record<string, string[]> = { 'message.im': ['im:history'], app_home_opened: [] };

function methodsCalledByTheAdapter(): string[] {
  const dir = new URL('../../adapters/slack/', import.meta.url);
  const source = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(new URL(f, dir), 'utf8'))
    .join('\n');
  const calls = [...source.matchAll(/client\.(\w+)\.(\w+)\(/g), ...source.matchAll(/replies\.(\w+)\.(\w+)\(/g)];
  return [...new Set(calls.map((m) => `${m[1]}.${m[2]}`))].sort();
}

describe('Slack app manifest', () => {
  it('asks for exactly the bot scopes the adapter uses, and no user scopes', () => {
    const methods = methodsCalledByTheAdapter();
    expect(methods).toEqual([
      'auth.test',
      'chat.postMessage',
      'chat.update',
      'conversations.open',
      'users.info',
      'views.open',
      'views.publish',
    ]);
    const needed = new Set([
      ...methods.flatMap((m) => METHOD_SCOPES[m] ?? [`unknown method ${m}`]),
      ...manifest.settings.event_subscriptions.bot_events.flatMap((e) => EVENT_SCOPES[e] ?? [`unknown event ${e}`]),
      ...(manifest.features.slash_commands.length > 0 ? ['commands'] : []),
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('enables the Messages tab (people must be able to write to the bot) and the Home tab', () => {
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });

  it('sends events, interactivity and /leerkans to the one endpoint, and defaults to HTTP mode', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ];
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'message.im']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/leerkans']);
  });

  it('stays within the documented manifest limits', () => {
    const d = manifest.display_information;
    expect(d.name).toBe('Leerkans');
    expect(manifest.features.bot_user.display_name).toBe('Leerkans');
    expect(d.description.length).toBeLessThanOrEqual(140);
    expect(d.long_description.length).toBeGreaterThanOrEqual(175);
    expect(d.long_description.length).toBeLessThanOrEqual(4000);
    for (const c of manifest.features.slash_commands) {
      expect(c.command.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(2000);
      expect(c.usage_hint.length).toBeLessThanOrEqual(1000);
    }
  });
});

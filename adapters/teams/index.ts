// The Teams surface, for the composition root (app/main.ts). botbuilder and teams-ai take a second or more to
// load, so they are imported in the background: the server starts at once, and a Teams request or proactive
// send that arrives before they are loaded simply waits for them.
import type { Delivery, Outbound, Recipient, Surface } from '../../bot/core/types.js';
import type { Route } from '../shared/route.js';
import type { SurfaceAdapter } from '../shared/surface.js';
import type { TeamsAdapterOptions } from './adapter.js';

export type { TeamsAdapterOptions } from './adapter.js';
export type { CredentialsFactory, TeamsAuthOptions } from './auth.js';
export { classifyTeamsError, TEAMS_ERROR_RULES } from './errors.js';

export interface TeamsAdapter extends SurfaceAdapter {
  readonly routes: Route[];
  /** Resolves when no acknowledged turn is running or waiting. */
  idle(): Promise<void>;
  /** Refuses new activities (503, which the Bot Service retries) and waits for acknowledged turns and sends. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves when botbuilder and teams-ai are loaded and the adapter is built; rejects if that failed. */
  ready: Promise<void>;
}

export function createTeamsAdapter(options: TeamsAdapterOptions): TeamsAdapter {
  const loaded = import('./adapter.js').then((m) => m.buildTeamsAdapter(options));
  const ready = loaded.then(() => undefined);
  // Failures surface where the adapter is used (and through `ready`), not as an unhandled rejection.
  ready.catch((error: unknown) =>
    options.logger.error({ err: error, adapter: 'teams' }, 'Teams adapter failed to load'),
  );
  const route: Route = {
    method: 'POST',
    path: '/api/messages',
    handle: async (req, res) => (await loaded).routes[0]!.handle(req, res),
  };
  const surface: Surface = {
    platform: 'teams',
    send: async (to: Recipient, out: Outbound): Promise<Delivery> => (await loaded).surface.send(to, out),
  };
  return {
    name: 'teams',
    routes: [route],
    surface,
    ready,
    // Nothing to wait for: the SDKs keep loading in the background (see above), so start-up stays fast.
    start: async () => undefined,
    idle: async () => (await loaded).idle(),
    stop: async (timeoutMs?: number) => (await loaded).stop(timeoutMs),
  };
}

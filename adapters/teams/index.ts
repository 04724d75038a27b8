// The Teams surface, for the composition root (app/main.ts). botbuilder and teams-ai take a second or more to
// load, so they are imported in the background or on first use: the server starts at once, and a Teams request
// or proactive send that arrives before they are loaded simply waits for them.
import type { Delivery, Outbound, Recipient, Surface } from '../../bot/core/types.js';
import { type Route, sendJson } from '../shared/route.js';
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
  // Loaded on first use (a request, a proactive send, `ready`), or at start() when a Teams app is configured, so a
  // playground-only start does not spend its first seconds loading SDKs it may never need.
  let loading: Promise<Awaited<ReturnType<typeof import('./adapter.js').buildTeamsAdapter>>> | undefined;
  let stopped = false;
  const load = () => {
    if (!loading) {
      loading = import('./adapter.js').then((m) => m.buildTeamsAdapter(options));
      // Failures surface where the adapter is used (and through `ready`), not as an unhandled rejection.
      loading.catch((error: unknown) =>
        options.logger.error({ err: error, adapter: 'teams' }, 'Teams adapter failed to load'),
      );
    }
    return loading;
  };
  const route: Route = {
    method: 'POST',
    path: '/api/messages',
    handle: async (req, res) => {
      // Stopped before anything was loaded: refuse as the loaded adapter would (the Bot Service retries a 503).
      if (stopped && !loading) return sendJson(res, 503, { error: 'stopping' });
      return (await load()).routes[0]!.handle(req, res);
    },
  };
  const surface: Surface = {
    platform: 'teams',
    send: async (to: Recipient, out: Outbound): Promise<Delivery> => (await load()).surface.send(to, out),
  };
  return {
    name: 'teams',
    routes: [route],
    surface,
    get ready() {
      return load().then(() => undefined);
    },
    // Does not wait: the SDKs load in the background, so start-up stays fast.
    start: async () => {
      if (options.config.MicrosoftAppId) void load().catch(() => undefined);
    },
    // Nothing loaded means nothing to wait for.
    idle: async () => (loading ? (await loading).idle() : undefined),
    stop: async (timeoutMs?: number) => {
      stopped = true;
      if (loading) await (await loading.catch(() => undefined))?.stop(timeoutMs);
    },
  };
}

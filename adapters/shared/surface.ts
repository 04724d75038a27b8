// The contract every surface (Slack, Teams, the playground) offers the composition root: app/main.ts starts the
// enabled ones, serves their routes, gives their `surface` to the outbox, and stops them, all in one loop.
// Neutral ground: app/ and every adapter may import adapters/shared/, which imports no adapter and nothing of app/.
import type { Platform, Surface } from '../../bot/core/types.js';
import type { Route } from './route.js';

export interface SurfaceAdapter {
  readonly name: Platform;
  /** Served on the shared HTTP server; empty when the surface needs none (Slack Socket Mode, playground off). */
  readonly routes: readonly Route[];
  /** For the outbox: proactive messages to a person on this platform. */
  readonly surface: Surface;
  /**
   * Called once before the server listens. A configuration the platform refuses fails start-up here (a bad Slack
   * token); a platform that is merely unreachable does not block it.
   */
  start(): Promise<void>;
  /** Refuses new requests and waits up to `graceMs` for the work already acknowledged. */
  stop(graceMs: number): Promise<void>;
}

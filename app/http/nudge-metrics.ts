// Nudges dropped because their moment passed longer ago than the catch-up window, read from the database at scrape
// time (so the figure is the same on every instance and survives restarts).
import { Gauge } from 'prom-client';
import type { Metrics } from './metrics.js';

export function registerNudgeMetrics(metrics: Metrics, readDropped: () => Promise<number>): void {
  new Gauge({
    name: 'leerkans_nudges_dropped',
    help: 'Nudges not sent because the bot was down for longer than the catch-up window',
    registers: [metrics.registry],
    async collect() {
      this.set(await readDropped());
    },
  });
}

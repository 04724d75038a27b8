// Issue: the embedded database must be safe under concurrency. The whole server under a mixed load, on PGlite and
// (with DATABASE_URL) PostgreSQL: every request answered, no failed turn, stored data exactly what was sent.
import { describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { runConcurrencyScenario } from './concurrency-scenario.js';

// The scenario starts the whole server on a database of each kind (a data directory, or a new PostgreSQL database).
describe.each(databases.map((d) => d.name))('32 requests in flight on %s', (database) => {
  it('answers every request, fails no turn and stores exactly what was sent', { timeout: 240_000 }, async () => {
    const report = await runConcurrencyScenario({ database, students: 30, answers: 3, inFlight: 32 });
    console.info(
      `${database}: ${report.requests} requests in ${Math.round(report.ms)} ms, p50 ${Math.round(report.latency.p50)} ms, p99 ${Math.round(report.latency.p99)} ms`,
    );
    expect(report.failedRequests).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.mismatches).toEqual([]);
    expect(report.cli).toEqual({ import: 0, export: 0 });
    // 36 first contacts, 30 × (reflectie + 3 answers), 30 feedback submits.
    expect(report.requests).toBe(36 + 30 * 4 + 30);
  });
});

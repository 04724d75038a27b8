// `npm run bench -- concurrency`: the concurrency test's mixed load (test/app/concurrency-scenario.ts), longer —
// more students — on PGlite and, with DATABASE_URL, PostgreSQL. Prints what failed (nothing,
// if all is well), the request latency and the duration. BENCH_CONCURRENCY_STUDENTS (default 90; half on Slack,
// half on Teams), BENCH_CONCURRENCY_ANSWERS (1 to 3, default 3: the first STARR steps, before the flow's follow-up
// question), BENCH_CONCURRENCY_IN_FLIGHT (default 32).
import { runConcurrencyScenario } from '../test/app/concurrency-scenario.js';
import { benchDatabases } from './support.js';

export async function run(): Promise<void> {
  const students = Number(process.env.BENCH_CONCURRENCY_STUDENTS ?? 90);
  const answers = Math.min(3, Number(process.env.BENCH_CONCURRENCY_ANSWERS ?? 3));
  const inFlight = Number(process.env.BENCH_CONCURRENCY_IN_FLIGHT ?? 32);
  const rows: string[][] = [];
  // The scenario starts the whole server on a database of this kind (a data directory, or a new PostgreSQL one).
  for (const { kind: database } of benchDatabases(0)) {
    const r = await runConcurrencyScenario({ database, students, answers, inFlight });
    rows.push([
      database,
      String(r.requests),
      String(r.failedRequests.length),
      String(r.errors.length),
      String(r.mismatches.length),
      `${r.cli.import}/${r.cli.export}`,
      r.latency.p50.toFixed(0),
      r.latency.p99.toFixed(0),
      (r.ms / 1000).toFixed(1),
      (r.requests / (r.ms / 1000)).toFixed(1),
    ]);
    for (const line of [...r.failedRequests, ...r.errors, ...r.mismatches].slice(0, 20))
      console.log(`  ${database}: ${line}`);
  }
  const header = [
    'database',
    'requests',
    'unanswered',
    'errors',
    'wrong data',
    'CLI exit',
    'p50 ms',
    'p99 ms',
    's',
    'req/s',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padStart(widths[i]!)).join(' | ')} |`;
  console.log(
    `\nConcurrency: ${students} students (Slack and Teams) reflecting with ${answers} answers, 6 mentors submitting cards, the outbox sending, a CLI import and export; ${inFlight} requests in flight`,
  );
  console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
  console.log(
    'latency: from the request to the reply reaching the fake Slack API or Bot Connector (a person waits for it)',
  );
}

if (process.argv[2]?.endsWith('bench/concurrency.ts')) await run();

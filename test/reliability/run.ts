// `npm run reliability`: every reliability test at full size (the fast ones, also in `npm test`, and the slow
// *.slow.ts ones), one file at a time, then a one-page report of what they measured. The tests write their
// figures to LEERKANS_RELIABILITY_REPORT (support/figures.ts); vitest's own output goes to a log file, whose
// path the report names. Exits non-zero when a test failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FigureLine } from './support/figures.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'leerkans-reliability-'));
const figuresFile = join(dir, 'figures.jsonl');
const resultsFile = join(dir, 'results.json');
const logFile = join(dir, 'vitest.log');
writeFileSync(figuresFile, '');

const started = Date.now();
process.stdout.write(`Running the reliability suite (a few minutes); vitest's output: ${logFile}\n`);
const code = await new Promise<number>((resolve) => {
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      'test/reliability/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${resultsFile}`,
      // Extra arguments (a file filter, -t NAME) go to vitest; argv[2] is this file (bin/run-ts.js runs it).
      ...process.argv.slice(3),
    ],
    {
      cwd: root,
      env: { ...process.env, LEERKANS_RELIABILITY_REPORT: figuresFile, LEERKANS_RELIABILITY_FULL: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout.on('data', (d: Buffer) => {
    log += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    log += d.toString();
  });
  child.on('close', (status) => {
    writeFileSync(logFile, log);
    resolve(status ?? 1);
  });
});

interface Results {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { name: string; status: string; assertionResults: { fullName: string; status: string }[] }[];
}
const results: Results | undefined = existsSync(resultsFile)
  ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Results)
  : undefined;
const lines = readFileSync(figuresFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as FigureLine);

const out: string[] = [];
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const databases = process.env.DATABASE_URL ? 'PGlite and PostgreSQL' : 'PGlite only (set DATABASE_URL for PostgreSQL)';
out.push(
  '',
  `LEERKANS RELIABILITY REPORT · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${minutes} min`,
);
out.push(`Databases: ${databases} · Node ${process.version}`);
if (results) {
  const verdict = results.numFailedTests === 0 && code === 0 ? 'PASS' : 'FAIL';
  out.push(
    `Result: ${verdict} — ${results.numPassedTests}/${results.numTotalTests} tests passed` +
      (results.numPendingTests ? `, ${results.numPendingTests} skipped` : '') +
      ' · no uncaught exception or unhandled rejection in any test process (each file fails on one)',
  );
  for (const file of results.testResults.filter((f) => f.status !== 'passed')) {
    out.push(`  FAILED ${file.name.replace(root, '')}`);
    for (const t of file.assertionResults.filter((a) => a.status === 'failed')) out.push(`    × ${t.fullName}`);
  }
} else {
  out.push(`Result: FAIL — vitest produced no results (exit ${code}); see the log`);
}

const SECTIONS: { title: string; match: (s: string) => boolean; must: string }[] = [
  {
    title: 'Bad input through every entry point',
    match: (s) => s.startsWith('bad input'),
    must: 'no crash, no unhandled rejection, a clear answer or error for each, nothing half-stored',
  },
  {
    title: 'PostgreSQL restarted under load',
    match: (s) => s.startsWith('PostgreSQL'),
    must: 'every acknowledged message handled, recovery without a restart',
  },
  {
    title: 'SIGKILL during a 1,000-nudge fan-out',
    match: (s) => s.startsWith('SIGKILL'),
    must: 'none lost after the restart, duplicates ≤ in flight, counted',
  },
  {
    title: 'Platforms throttling (429), failing (5xx), timing out, blocking users',
    match: (s) => s.startsWith('platforms'),
    must: 'never above the configured rate in any 1 s, every message sent or failed with its reason',
  },
];
const show = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en') : String(v));
for (const [i, section] of SECTIONS.entries()) {
  out.push('', `${i + 1}. ${section.title} — must: ${section.must}`);
  const mine = lines.filter((l) => section.match(l.section));
  if (mine.length === 0) out.push('   (no figures: the test did not run or failed before measuring)');
  for (const l of mine) {
    // "bad input: chat text" on pglite → "chat text, pglite"; a section without a detail → its subject alone.
    const detail = l.section.includes(': ') ? l.section.slice(l.section.indexOf(': ') + 2) : undefined;
    const label = detail ? `${detail}, ${l.subject}` : l.subject;
    const figures = Object.entries(l.figures).map(([k, v]) => `${k} ${show(v)}`);
    // Wrapped at about 118 characters, so the page stays readable in a terminal.
    let line = `   ${label}:`;
    for (const f of figures) {
      if (line.length + f.length + 3 > 118) {
        out.push(line);
        line = '     ';
      }
      line += line.endsWith(':') || line.trim() === '' ? ` ${f}` : ` · ${f}`;
    }
    out.push(line);
  }
}
out.push('', `Figures: ${figuresFile} · vitest log: ${logFile}`);
process.stdout.write(`${out.join('\n')}\n`);
process.exitCode = code === 0 && results?.numFailedTests === 0 ? 0 : 1;

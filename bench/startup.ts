// `npm run bench -- startup`: how long `npm start` takes until /healthz answers 200 — a first start on an empty
// data directory without the install-time template (initdb and migrations: the baseline), the same with the
// template (what `npm install && npm start` does), and a later start on the existing directory. Each the median
// of a few runs of the real server process, in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEmbeddedTemplate } from '../db/embedded-template.js';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const RUNS = 3;

/** Milliseconds from spawning bin/server.js to the first 200 from /healthz; then stops it. */
async function timeStart(dataDir: string, extraEnv: Record<string, string>): Promise<number> {
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/server.js'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      LEERKANS_DATA_DIR: dataDir,
      ...extraEnv,
    },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 120_000) throw new Error('server did not become healthy in 120 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<void> {
  await buildEmbeddedTemplate();
  const noTemplate = mkdtempSync(join(tmpdir(), 'lk-bench-notemplate-'));
  const results = { baseline: [] as number[], template: [] as number[], later: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    const a = mkdtempSync(join(tmpdir(), 'lk-bench-start-'));
    const b = mkdtempSync(join(tmpdir(), 'lk-bench-start-'));
    try {
      results.baseline.push(await timeStart(a, { LEERKANS_TEMPLATE_DIR: noTemplate }));
      results.template.push(await timeStart(b, {}));
      results.later.push(await timeStart(b, {}));
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  }
  rmSync(noTemplate, { recursive: true, force: true });
  const base = median(results.baseline);
  const row = (name: string, xs: number[]) =>
    `${name.padEnd(44)} ${median(xs).toFixed(0).padStart(6)} ms  (${xs.map((x) => x.toFixed(0)).join(', ')})  ×${(median(xs) / base).toFixed(2)}`;
  process.stdout.write(
    [
      `startup: spawn → /healthz 200, median of ${RUNS}, embedded database with demo data`,
      row('first start, no template (baseline: initdb)', results.baseline),
      row('first start with the install-time template', results.template),
      row('later start on the same data directory', results.later),
      '',
    ].join('\n'),
  );
}

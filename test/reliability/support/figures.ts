// Figures for the one-page report of `npm run reliability`: each test records what it measured; the runner
// (test/reliability/run.ts) points LEERKANS_RELIABILITY_REPORT at a file and prints the page afterwards.
// Under `npm test` the variable is unset and nothing is written.
import { appendFileSync } from 'node:fs';

export type Figure = string | number | boolean;

export interface FigureLine {
  section: string;
  /** Which database or platform the figures are about, e.g. "pglite", "postgres", "slack". */
  subject: string;
  figures: Record<string, Figure>;
}

export function recordFigures(section: string, subject: string, figures: Record<string, Figure>): void {
  const file = process.env.LEERKANS_RELIABILITY_REPORT;
  if (!file) return;
  const line: FigureLine = { section, subject, figures };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/** The full (slow) sizes under `npm run reliability`; small ones under `npm test`. */
export const fullRun = (): boolean => process.env.LEERKANS_RELIABILITY_FULL === '1';

/** The most requests in any window [t, t + 1 s), over sorted instants in ms. */
export function maxPerSecond(instants: number[]): number {
  const sorted = [...instants].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

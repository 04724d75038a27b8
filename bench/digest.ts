// Digest benchmark: 20 coaches × 30 students × 8 weeks of generated activity, and the same at twice the data
// (twice the coaches and students; and twice the weeks of history), on PGlite and, with DATABASE_URL, PostgreSQL.
// Per size: the time to build every coach's digest (queries, numbers, template narrative, chart link, card), the
// time per coach (median and slowest), the time to draw one cohort chart PNG, and the peak memory of the process
// while it ran. The ratios against the 1× run of the same database show how it grows.
import { buildCoachDigest } from '../bot/digest/build.js';
import { chartPngForToken } from '../bot/digest/charts.js';
import { templateNarrator } from '../bot/llm/narrative.js';
import type { Db } from '../db/db.js';
import { digestCoaches } from '../db/queries/digest.js';
import { migrate } from '../db/migrate.js';
import { generateCohort } from './cohort.js';
import { benchDatabases, percentile } from './support.js';

const NOW = new Date('2026-11-30T07:30:00Z');
const MB = 1024 * 1024;

interface Size {
  label: string;
  coaches: number;
  students: number;
  weeks: number;
}

const SIZES: Size[] = [
  { label: '1× (20 coaches × 30 students × 8 weeks)', coaches: 20, students: 30, weeks: 8 },
  { label: '2× students (40 coaches × 30 × 8 weeks)', coaches: 40, students: 30, weeks: 8 },
  { label: '2× history (20 coaches × 30 × 16 weeks)', coaches: 20, students: 30, weeks: 16 },
];

export interface DigestFigures {
  database: string;
  size: string;
  rows: number;
  totalMs: number;
  perCoachMedianMs: number;
  perCoachMaxMs: number;
  chartPngMs: number;
  /** The process's peak resident memory while the digests were built (the embedded database included). */
  peakRssMb: number;
  /** How far the resident memory grew above where it was when the round started. */
  rssGrowthMb: number;
  /** How far the JS heap grew above where it was when the round started. */
  peakHeapMb: number;
}

/** Samples the process's memory while fn runs; returns the peaks above what was in use when it started. */
async function withPeakMemory<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; rssMb: number; heapMb: number; peakRssMb: number }> {
  globalThis.gc?.();
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 5);
  try {
    const value = await fn();
    const m = process.memoryUsage();
    return {
      value,
      peakRssMb: Math.max(rss, m.rss) / MB,
      rssMb: (Math.max(rss, m.rss) - start.rss) / MB,
      heapMb: (Math.max(heap, m.heapUsed) - start.heapUsed) / MB,
    };
  } finally {
    clearInterval(timer);
  }
}

async function measure(database: string, size: Size, open: () => Promise<{ db: Db; dispose(): Promise<void> }>) {
  const { db, dispose } = await open();
  try {
    await migrate(db);
    const model = await generateCohort(db, {
      coaches: size.coaches,
      studentsPerCoach: size.students,
      weeks: size.weeks,
      now: NOW,
      seed: 11,
    });
    const rows = model.reflections.length + model.assessments.length + model.feedback.length + model.requests.length;
    const coaches = await digestCoaches(db, NOW.toISOString().slice(0, 10));
    // A warm-up round (JIT, caches, the database's buffers): the measured round is the second.
    for (const coach of coaches) await buildCoachDigest(db, coach, NOW, { narrator: templateNarrator });
    const perCoach: number[] = [];
    let chartUrl = '';
    const started = performance.now();
    const { rssMb, heapMb, peakRssMb } = await withPeakMemory(async () => {
      for (const coach of coaches) {
        const t = performance.now();
        const digest = await buildCoachDigest(db, coach, NOW, { narrator: templateNarrator, chartBaseUrl: 'http://b' });
        perCoach.push(performance.now() - t);
        const image = digest?.card.elements.find((e) => e.type === 'image');
        if (image && image.type === 'image') chartUrl = image.url;
      }
    });
    const totalMs = performance.now() - started;
    const token = /charts\/([\w-]+)\.png$/.exec(chartUrl)?.[1];
    if (!token || coaches.length !== size.coaches) throw new Error('the digest was not built for every coach');
    const t = performance.now();
    const png = await chartPngForToken(db, token, NOW);
    const chartPngMs = performance.now() - t;
    if (!png) throw new Error('no chart PNG');
    perCoach.sort((a, b) => a - b);
    return {
      database,
      size: size.label,
      rows,
      totalMs,
      perCoachMedianMs: percentile(perCoach, 50),
      perCoachMaxMs: perCoach.at(-1)!,
      chartPngMs,
      peakRssMb,
      rssGrowthMb: rssMb,
      peakHeapMb: heapMb,
    } satisfies DigestFigures;
  } finally {
    await dispose();
  }
}

const fmt = (n: number) => n.toFixed(n < 10 ? 1 : 0);

export async function run(): Promise<DigestFigures[]> {
  const all: DigestFigures[] = [];
  for (const target of benchDatabases(2)) {
    const database = target.name;
    const results: DigestFigures[] = [];
    for (const size of SIZES) results.push(await measure(database, size, () => target.open()));
    const base = results[0]!;
    console.log(`\ndigest on ${database}`);
    console.log(
      'size                                      rows     total ms  per coach ms (median / max)  chart png ms  peak rss MB (+growth)  heap growth MB  ratio total / per coach',
    );
    for (const r of results) {
      console.log(
        [
          r.size.padEnd(40),
          String(r.rows).padStart(7),
          fmt(r.totalMs).padStart(11),
          `${fmt(r.perCoachMedianMs)} / ${fmt(r.perCoachMaxMs)}`.padStart(28),
          fmt(r.chartPngMs).padStart(13),
          `${fmt(r.peakRssMb)} (+${fmt(r.rssGrowthMb)})`.padStart(21),
          fmt(r.peakHeapMb).padStart(15),
          `${(r.totalMs / base.totalMs).toFixed(2)} / ${(r.perCoachMedianMs / base.perCoachMedianMs).toFixed(2)}`.padStart(
            24,
          ),
        ].join('  '),
      );
    }
    all.push(...results);
  }
  return all;
}

// Reflection benchmark: simulated students each complete a whole STARR reflection through the core
// (createBot with the deterministic assistant), on PGlite in memory and on PostgreSQL (DATABASE_URL), side by
// side: messages per second and latency per turn (p50, p99). Each student's turns run in order; several
// students chat at once, as they do after a shift ends.
//
// BENCH_STUDENTS or --students=N sets the number of students (default 1,000); BENCH_CONCURRENCY or
// --concurrency=N how many chat at the same time (default 8).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Bot } from '../bot/core/bot.js';
import { createLeerkansBot as createBot } from '../bot/routes.js';
import type { Inbound, Outbound, PlatformIdentity } from '../bot/core/types.js';
import { importFramework } from '../bot/imports/framework.js';
import { importRoster } from '../bot/imports/roster.js';
import { DeterministicAssistant } from '../bot/llm/client.js';
import { silentLogger } from '../bot/log/logger.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { benchDatabases, percentile } from './support.js';

const flag = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const STUDENTS = Number(flag('students') ?? process.env.BENCH_STUDENTS ?? 1000);
const CONCURRENCY = Number(flag('concurrency') ?? process.env.BENCH_CONCURRENCY ?? 8);
const MENTORS = Math.max(2, Math.ceil(STUDENTS / 8));

export interface ReflectionFigures {
  database: string;
  students: number;
  turns: number;
  seconds: number;
  messagesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function roster(): string {
  const rows = ['email,name,roles,cohort,mentors,teachers,coaches,timezone,locale'];
  rows.push('coach@school.example.be,Coach Een,coach,,,,,Europe/Brussels,nl-BE');
  rows.push('teacher@school.example.be,Docent Een,teacher,,,,,Europe/Brussels,nl-BE');
  for (let m = 0; m < MENTORS; m++)
    rows.push(`mentor${m}@work.example.be,Mentor ${m},mentor,,,,,Europe/Brussels,nl-BE`);
  for (let s = 0; s < STUDENTS; s++) {
    // Half of the students have two mentors, as in Flemish practice.
    const mentors = [`mentor${s % MENTORS}@work.example.be`];
    if (s % 2 === 0) mentors.push(`mentor${(s + 1) % MENTORS}@work.example.be`);
    const locale = s % 5 === 0 ? 'en' : 'nl-BE';
    rows.push(
      `student${s}@student.example.be,Student ${s},student,BENCH,${mentors.join(';')},teacher@school.example.be,coach@school.example.be,Europe/Brussels,${locale}`,
    );
  }
  return `${rows.join('\n')}\n`;
}

type Event =
  | { kind: 'text'; text: string }
  | { kind: 'action'; verb: string; data: Record<string, string>; inputs: Record<string, string> };
type Step = (from: PlatformIdentity, last: Outbound[]) => Event;

const text =
  (value: string): Step =>
  () => ({ kind: 'text', text: value });
const action =
  (verb: string, data: Record<string, string>, inputs: (last: Outbound[]) => Record<string, string> = () => ({})) =>
  (_from: PlatformIdentity, last: Outbound[]) => ({ kind: 'action' as const, verb, data, inputs: inputs(last) });

/** The value of the first option of a choice input on the last card (the first suggestion, the first level). */
const firstOption = (last: Outbound[], id: string): string | undefined => {
  for (const out of last) {
    for (const el of out.card?.elements ?? []) if (el.type === 'choice' && el.id === id) return el.options[0]?.value;
  }
  return undefined;
};
const assessData = (last: Outbound[]): Record<string, string> => {
  for (const out of last)
    for (const el of out.card?.elements ?? [])
      if (el.type === 'actions') for (const a of el.actions) if (a.verb === 'reflection.assess') return a.data ?? {};
  return {};
};

// One reflection: 11 turns, including the adaptive follow-up on a thin "Actie" answer.
const SCRIPT: Step[] = [
  text('reflectie'),
  action('reflection.environment', { environment: 'workplace' }),
  text('Een nieuwe cliënt kwam aan het onthaal met vragen over zijn huur en een brief van de huisbaas.'),
  text('Ik moest het intakegesprek voeren en zijn hulpvraag in kaart brengen.'),
  text('Ik vatte samen.'),
  text('Ik vatte samen wat hij vertelde, vroeg door naar zijn netwerk en checkte of ik het goed begreep.'),
  text('Hij voelde zich gehoord en we maakten een afspraak met het OCMW voor volgende week.'),
  text('Volgende keer vraag ik meteen naar wie hem kan helpen met de post.'),
  action('reflection.indicators', { choice: 'selected' }, (last) => ({
    suggested: firstOption(last, 'suggested') ?? '',
  })),
];

async function simulate(bot: Bot, student: number, latencies: number[]): Promise<void> {
  const from: PlatformIdentity = {
    platform: 'web',
    tenantId: 'bench',
    userId: `student-${student}`,
    email: `student${student}@student.example.be`,
  };
  let last: Outbound[] = [];
  let n = 0;
  const turn = async (event: Event) => {
    const started = performance.now();
    const inbound: Inbound = { ...event, from, key: `bench-${student}-${n++}` };
    last = await bot.handle(inbound);
    latencies.push(performance.now() - started);
  };
  for (const step of SCRIPT) await turn(step(from, last));
  // After the indicators: a self-assessment when an indicator was confirmed, then visibility and feedback.
  const assess = assessData(last);
  if (assess.indicatorId)
    await turn({ kind: 'action', verb: 'reflection.assess', data: assess, inputs: { level: '2' } });
  await turn({ kind: 'action', verb: 'reflection.visibility', data: { visibility: 'coach_mentors' }, inputs: {} });
  await turn({ kind: 'action', verb: 'reflection.feedback', data: { answer: 'yes' }, inputs: {} });
}

async function measure(name: string, db: Db): Promise<ReflectionFigures> {
  await migrate(db);
  const framework = await readFile(new URL('../db/demo/framework-social-work.yaml', import.meta.url), 'utf8');
  await importFramework(db, 'framework.yaml', framework);
  await importRoster(db, 'bench.csv', roster(), { timeZone: 'Europe/Brussels', locale: 'nl-BE' });
  const bot = createBot({
    db,
    assistant: new DeterministicAssistant(),
    logger: silentLogger,
    settings: { defaultLocale: 'nl-BE', defaultTimeZone: 'Europe/Brussels', helpline: 'Tele-Onthaal 106' },
  });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, STUDENTS) }, async () => {
      while (next < STUDENTS) await simulate(bot, next++, latencies);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const saved = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reflections');
  if (saved.rows[0]!.n !== STUDENTS) throw new Error(`expected ${STUDENTS} reflections, found ${saved.rows[0]!.n}`);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    database: name,
    students: STUDENTS,
    turns: latencies.length,
    seconds,
    messagesPerSecond: latencies.length / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? 0,
  };
}

export async function run(): Promise<ReflectionFigures[]> {
  const results: ReflectionFigures[] = [];
  for (const target of benchDatabases(CONCURRENCY)) {
    const { db, dispose } = await target.open();
    try {
      results.push(await measure(target.name, db));
    } finally {
      await dispose();
    }
  }
  const ms = (v: number) => `${v.toFixed(1).padStart(8)} ms`;
  console.log(`\nReflection benchmark: ${STUDENTS} students, ${CONCURRENCY} at a time, one STARR reflection each`);
  console.log(
    `${'database'.padEnd(20)} ${'turns'.padStart(7)} ${'seconds'.padStart(8)} ${'msg/s'.padStart(8)} ${'p50/turn'.padStart(11)} ${'p99/turn'.padStart(11)} ${'max'.padStart(11)}`,
  );
  for (const r of results) {
    console.log(
      `${r.database.padEnd(20)} ${String(r.turns).padStart(7)} ${r.seconds.toFixed(1).padStart(8)} ${r.messagesPerSecond.toFixed(0).padStart(8)} ${ms(r.p50Ms)} ${ms(r.p99Ms)} ${ms(r.maxMs)}`,
    );
  }
  if (results.length === 2) {
    const [a, b] = results as [ReflectionFigures, ReflectionFigures];
    console.log(
      `PGlite / PostgreSQL: throughput ${(a.messagesPerSecond / b.messagesPerSecond).toFixed(2)}×, p99 latency ${(a.p99Ms / b.p99Ms).toFixed(2)}×`,
    );
  } else {
    console.log('PostgreSQL: not measured (set DATABASE_URL to include it)');
  }
  return results;
}

// Run directly: `node bin/run-ts.js bench/reflection.ts [--students=N]`.
// (bin/run-ts.js takes the file as its first argument; `npm run bench` imports this module and calls run().)
if (process.argv[2] && pathToFileURL(resolve(process.argv[2])).href === import.meta.url) await run();

// Pseudonymiser benchmark: what masking every person a student writes about costs per LLM request, next to a
// baseline measured in the same run — replacing only the roster names with one regular expression, roughly what
// was done before. Also the one-off cost of building the word lists (time and heap).
//
// BENCH_REFLECTIONS or --reflections=N sets how many reflections are pseudonymised (default 2,000).
import { readFileSync } from 'node:fs';
import { getLexicon } from '../bot/llm/pii/lexicon.js';
import { pseudonymise } from '../bot/llm/pseudonymise.js';
import { percentile } from './support.js';

const flag = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const REFLECTIONS = Number(flag('reflections') ?? process.env.BENCH_REFLECTIONS ?? 2000);

interface LabelledFile {
  roster: string[];
  sentences: { text: string }[];
}

function reflections(): { texts: string[]; roster: string[] } {
  const file = JSON.parse(
    readFileSync(new URL('../test/fixtures/pseudonymise/labelled-sentences.json', import.meta.url), 'utf8'),
  ) as LabelledFile;
  const texts: string[] = [];
  // Six sentences make a reflection of about 600 characters, the size of a real one.
  for (let i = 0; i < REFLECTIONS; i++) {
    const parts: string[] = [];
    for (let k = 0; k < 6; k++) parts.push(file.sentences[(i * 7 + k * 13) % file.sentences.length]!.text);
    texts.push(parts.join(' '));
  }
  return { texts, roster: file.roster };
}

function rosterOnly(roster: string[]): (text: string) => string {
  const words = roster.flatMap((n) => [n, ...n.split(/\s+/)]).sort((a, b) => b.length - a.length);
  const re = new RegExp(`\\b(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'gi');
  return (text) => text.replace(re, '[PERSOON]');
}

function time(texts: string[], f: (text: string) => unknown): { perMs: number; p50Us: number; p99Us: number } {
  const each: number[] = [];
  const started = performance.now();
  for (const t of texts) {
    const s = performance.now();
    f(t);
    each.push((performance.now() - s) * 1000);
  }
  const total = performance.now() - started;
  each.sort((a, b) => a - b);
  return { perMs: texts.length / total, p50Us: percentile(each, 50), p99Us: percentile(each, 99) };
}

export async function run(): Promise<void> {
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStarted = performance.now();
  getLexicon();
  const buildMs = performance.now() - buildStarted;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

  const { texts, roster } = reflections();
  const baseline = rosterOnly(roster);
  // Warm both paths so the JIT does not favour the second one.
  for (const t of texts.slice(0, 50)) {
    baseline(t);
    pseudonymise(t, roster);
  }
  const base = time(texts, baseline);
  const full = time(texts, (t) => pseudonymise(t, roster));

  console.log(`pseudonymise: ${texts.length} reflections of ~${Math.round(texts[0]!.length)} characters`);
  console.log(`  word lists: built in ${buildMs.toFixed(0)} ms, ~${heapMb.toFixed(0)} MB of heap, once per process`);
  console.log(
    `  roster only (baseline): ${base.perMs.toFixed(1)} reflections/ms, p50 ${base.p50Us.toFixed(0)} µs, p99 ${base.p99Us.toFixed(0)} µs`,
  );
  console.log(
    `  full pseudonymiser:     ${full.perMs.toFixed(2)} reflections/ms, p50 ${full.p50Us.toFixed(0)} µs, p99 ${full.p99Us.toFixed(0)} µs`,
  );
  console.log(`  ratio: ${(full.p50Us / base.p50Us).toFixed(0)}× the baseline per reflection (p50)`);
}

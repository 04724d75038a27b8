// Tagging benchmark: how well indicator suggestions match labelled reflections (test/fixtures/tagging-*.jsonl)
// on the demo framework, on the development split (tuned on) and the held-out test split (never tuned on; its
// reflections are marked "split": "test" and were written after the others had been used for tuning):
// micro- and macro-F1, per-indicator F1, top-3 recall and the most frequent confusions. The baseline in the same
// run is the same matcher without the framework's look-fors and examples (labels only).
//
// The demo framework's example reflections are the development split's reflections. So on the development split
// the matcher is cross-validated (5 folds: each fold matched with examples from the other four, never its own);
// on the held-out split it uses the framework as it is. Both also show the matcher without examples. When a recording of LLM answers is
// present, the LLM path (prompt → recorded answer → validation → merge with the matcher) is measured too.
//
// `npm run bench -- tagging` prints both splits; `--split=dev` only the development split (use this while tuning).
//
// The LLM path runs against the fake OpenAI server replaying test/fixtures/tagging-llm-recorded.jsonl: per
// reflection the hash of the exact prompt sent (system and user message, names already replaced) and the model's
// answer. `npm run bench -- tagging --record-llm` (with OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL) sends the
// prompts to the real endpoint once and writes that file; a changed prompt makes its recording stale, and a
// reflection without a valid recording is counted as an LLM failure (the bot then falls back to the matcher).
// Without a recording, the merge is still measured with a simulated model (a stated, deterministic error rate on
// the gold labels), to show what merging does to an imperfect LLM's proposals.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseFramework } from '../bot/imports/framework.js';

import { type IndicatorText, suggestIndicatorsLexically } from '../bot/llm/lexical-matcher.js';
import {
  type LabelledReflection,
  parseLabelledReflections,
  splitLabelledReflections,
} from '../bot/llm/tagging/dataset.js';
import { crossValidatedProposals } from '../bot/llm/tagging/cross-validate.js';
import { frameworkIndicatorTexts } from '../bot/llm/tagging/framework-indicators.js';
import { LLM_TICK_RELEVANCE } from '../bot/llm/merge-suggestions.js';
import { evaluateTagging, formatTaggingFigures, type TaggingFigures } from '../bot/llm/tagging/metrics.js';
import { type Recording, recordLlmAnswers, replayLlmPath, runLlmPath } from '../test/support/tagging-llm.js';

const RECORDING = fileURLToPath(new URL('../test/fixtures/tagging-llm-recorded.jsonl', import.meta.url));

async function loadRecordings(): Promise<Recording[]> {
  if (!existsSync(RECORDING)) return [];
  const lines = (await readFile(RECORDING, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  return lines.map((l) => JSON.parse(l) as Recording);
}

/** Sends every prompt once to the configured real endpoint and records the answers. */
async function recordLlm(items: LabelledReflection[], indicators: IndicatorText[]): Promise<void> {
  const apiKey = process.env.OPENAI_API_KEY;
  if (!apiKey)
    throw new Error('--record-llm needs OPENAI_API_KEY (and OPENAI_BASE_URL, OPENAI_MODEL for a non-OpenAI endpoint)');
  const base = (process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1').replace(/\/$/, '');
  const model = process.env.OPENAI_MODEL ?? 'gpt-4o-mini';
  const recordings = await recordLlmAnswers(items, indicators, async (body) => {
    const response = await fetch(`${base}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ ...body, model }),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const completion = (await response.json()) as { choices: { message: { content: string } }[] };
    try {
      return JSON.parse(completion.choices[0]?.message.content ?? 'null') as unknown;
    } catch {
      return null; // recorded as a failure: the bot would fall back too
    }
  });
  await writeFile(RECORDING, `${recordings.map((r) => JSON.stringify(r)).join('\n')}\n`);
  console.log(`recorded ${recordings.length} answers of ${model} to ${RECORDING}`);
}

/**
 * A stand-in for a model, to measure the merge without one. It knows each reflection's gold indicators but misses
 * the second of two in one reflection in two, gives a wrong indicator instead of the right one in one in eight,
 * and adds a weak wrong one (relevance 0.4, not pre-ticked) in one in four. Deterministic (by a hash of the id).
 */
export function simulatedAnswer(
  item: LabelledReflection,
  codes: string[],
): { suggestions: { code: string; relevance: number }[] } {
  const h = createHash('sha256').update(item.id).digest().readUInt32BE(0);
  const others = codes.filter((c) => !item.indicators.includes(c));
  const wrong = others[h % others.length]!;
  let gold = item.indicators;
  if (gold.length === 2 && h % 2 === 0) gold = gold.slice(0, 1);
  const suggestions = gold.map((code, i) => ({ code: i === 0 && h % 8 === 3 ? wrong : code, relevance: 0.8 }));
  if (h % 4 === 1) suggestions.push({ code: others[(h >>> 8) % others.length]!, relevance: 0.4 });
  return { suggestions: suggestions.filter((s, i) => suggestions.findIndex((x) => x.code === s.code) === i) };
}

const flag = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

export async function loadTaggingSet(): Promise<{ indicators: IndicatorText[]; items: LabelledReflection[] }> {
  const frameworkText = await readFile(new URL('../db/demo/framework-social-work.yaml', import.meta.url), 'utf8');
  const indicators = frameworkIndicatorTexts(parseFramework('framework-social-work.yaml', frameworkText));
  const file = new URL('../test/fixtures/tagging-social-work.jsonl', import.meta.url);
  const items = parseLabelledReflections('tagging-social-work.jsonl', await readFile(file, 'utf8'), {
    knownCodes: indicators.map((i) => i.code),
  });
  return { indicators, items };
}

function measure(
  items: LabelledReflection[],
  indicators: IndicatorText[],
  crossValidate = false,
): { figures: TaggingFigures; msPer: number } {
  const started = performance.now();
  const proposals = crossValidate
    ? crossValidatedProposals(items, indicators)
    : items.map((item) =>
        suggestIndicatorsLexically(item.text, indicators, item.language, 3).map((s) => ({
          code: s.code,
          ticked: s.confident !== false,
        })),
      );
  const msPer = (performance.now() - started) / Math.max(1, items.length);
  return {
    figures: evaluateTagging(
      items,
      proposals,
      indicators.map((i) => i.code),
    ),
    msPer,
  };
}

const short = (f: TaggingFigures): string =>
  `macro-F1 ${f.macroF1.toFixed(3)}, micro-F1 ${f.microF1.toFixed(3)}, top-3 recall ${f.top3Recall.toFixed(3)}, ` +
  `highest false-positive rate ${f.maxFalsePositiveRate.toFixed(3)}`;

export async function run(): Promise<void> {
  const { indicators, items } = await loadTaggingSet();
  const { dev, test } = splitLabelledReflections(items);
  // The framework's examples must never include a held-out reflection: that would measure memory, not matching.
  const heldOut = new Set(test.map((i) => i.text));
  const leaked = indicators.flatMap((i) => (i.examples ?? []).filter((e) => heldOut.has(e)).map(() => i.code));
  if (leaked.length > 0) throw new Error(`held-out reflections among the framework's examples: ${leaked.join(', ')}`);
  const noExamples = indicators.map(({ examples: _x, ...rest }) => rest);
  const labelsOnly = noExamples.map(({ lookForsNl: _nl, lookForsEn: _en, ...rest }) => rest);
  const splits = flag('split') === 'dev' ? { dev } : { dev, test };
  console.log(`tagging: ${items.length} labelled reflections (${dev.length} dev, ${test.length} held-out test)`);
  for (const [name, set] of Object.entries(splits)) {
    // Warm the index caches so the timing is about matching, not stemming the framework.
    measure(set.slice(0, 1), indicators);
    measure(set.slice(0, 1), labelsOnly);
    const crossValidate = name === 'dev';
    const full = measure(set, indicators, crossValidate);
    const withoutExamples = measure(set, noExamples);
    const baseline = measure(set, labelsOnly);
    const how = crossValidate ? 'cross-validated (5 folds, examples from the other folds)' : 'examples from dev';
    console.log(formatTaggingFigures(`\nmatcher, ${name} split, ${how}`, full.figures));
    console.log(`  without examples (label + look-fors): ${short(withoutExamples.figures)}`);
    console.log(
      `  per indicator F1 without → with examples: ${withoutExamples.figures.perIndicator
        .map((p, i) => `${p.code} ${p.f1.toFixed(2)}→${full.figures.perIndicator[i]!.f1.toFixed(2)}`)
        .join(', ')}`,
    );
    console.log(
      `  baseline (labels only, no look-fors or examples): macro-F1 ${baseline.figures.macroF1.toFixed(2)}, ` +
        `micro-F1 ${baseline.figures.microF1.toFixed(2)}, top-3 recall ${baseline.figures.top3Recall.toFixed(2)}; ` +
        `look-fors and examples gain ×${(full.figures.macroF1 / Math.max(0.01, baseline.figures.macroF1)).toFixed(2)} macro-F1`,
    );
    if (!crossValidate)
      console.log(
        `  speed: ${full.msPer.toFixed(3)} ms per reflection (labels only ${baseline.msPer.toFixed(3)} ms, ` +
          `×${(full.msPer / Math.max(0.001, baseline.msPer)).toFixed(2)})`,
      );
  }

  if (process.argv.includes('--record-llm')) await recordLlm(items, indicators);
  const codes = indicators.map((i) => i.code);
  const recordings = await loadRecordings();
  if (recordings.length === 0)
    console.log('\nLLM path: no recording yet (npm run bench -- tagging --record-llm, with OPENAI_API_KEY set)');
  for (const [name, set] of Object.entries(splits)) {
    // On dev, the framework's examples are the reflections themselves: the merge is measured without them there.
    const matcherIndicators = name === 'dev' ? noExamples : indicators;
    if (recordings.length > 0) {
      const { proposals, missing } = await replayLlmPath(set, matcherIndicators, recordings);
      const figures = evaluateTagging(set, proposals, codes);
      console.log(
        formatTaggingFigures(`\nLLM path (recorded answers, merged with the matcher), ${name} split`, figures),
      );
      if (missing > 0) console.log(`  ${missing} reflections without a current recording fell back to the matcher`);
    }
    // The simulated model alone, and through the bot's path (validation, merge with the matcher).
    const alone = set.map((item: LabelledReflection) =>
      simulatedAnswer(item, codes).suggestions.map((s) => ({
        code: s.code,
        ticked: s.relevance >= LLM_TICK_RELEVANCE,
      })),
    );
    let next = 0;
    const merged = await runLlmPath(set, matcherIndicators, () => simulatedAnswer(set[next++]!, codes));
    const a = evaluateTagging(set, alone, codes);
    const m = evaluateTagging(set, merged, codes);
    const line = (f: TaggingFigures) =>
      `macro-F1 ${f.macroF1.toFixed(2)}, micro-F1 ${f.microF1.toFixed(2)}, top-3 recall ${f.top3Recall.toFixed(2)}, ` +
      `highest false-positive rate ${f.maxFalsePositiveRate.toFixed(2)}`;
    console.log(
      `\nsimulated LLM (misses the second of two gold indicators in 1 of 2, a wrong one instead of the gold in 1 of 8, ` +
        `a weak extra in 1 of 4), ${name} split${name === 'dev' ? ' (matcher without examples)' : ''}:`,
    );
    console.log(`  alone:                   ${line(a)}`);
    console.log(`  merged with the matcher: ${line(m)}`);
  }
}

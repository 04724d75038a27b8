// Tagging benchmark: how well indicator suggestions match labelled reflections (test/fixtures/tagging-*.jsonl)
// on the demo framework, on the development split (tuned on) and the held-out test split (never tuned on):
// micro- and macro-F1, per-indicator F1, top-3 recall and the most frequent confusions. The baseline in the same
// run is the same matcher without the framework's look-fors (labels only). When a recording of LLM answers is
// present, the LLM path (prompt → recorded answer → validation → merge with the matcher) is measured too.
//
// `npm run bench -- tagging` prints both splits; `--split=dev` only the development split (use this while tuning).
//
// The LLM path runs against the fake OpenAI server replaying test/fixtures/tagging-llm-recorded.jsonl: per
// reflection the hash of the exact prompt sent (system and user message, names already replaced) and the model's
// answer. `npm run bench -- tagging --record-llm` (with OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL) sends the
// prompts to the real endpoint once and writes that file; a changed prompt makes its recording stale, and a
// reflection without a valid recording is counted as an LLM failure (the bot then falls back to the matcher).
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
import { frameworkIndicatorTexts } from '../bot/llm/tagging/framework-indicators.js';
import { evaluateTagging, formatTaggingFigures, type TaggingFigures } from '../bot/llm/tagging/metrics.js';
import type { RecordedRequest } from '../test/fakes/openai-server.js';
import { promptHash, runLlmPath } from '../test/support/tagging-llm.js';

const RECORDING = fileURLToPath(new URL('../test/fixtures/tagging-llm-recorded.jsonl', import.meta.url));

interface Recording {
  id: string;
  /** sha256 of the system and user messages as sent. */
  prompt: string;
  answer: unknown;
}

async function loadRecordings(): Promise<Map<string, Recording>> {
  if (!existsSync(RECORDING)) return new Map();
  const lines = (await readFile(RECORDING, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  return new Map(lines.map((l) => JSON.parse(l) as Recording).map((r) => [r.prompt, r]));
}

/** Sends every prompt once to the configured real endpoint (through a local forwarding server) and records it. */
async function recordLlm(items: LabelledReflection[], indicators: IndicatorText[]): Promise<void> {
  const apiKey = process.env.OPENAI_API_KEY;
  if (!apiKey)
    throw new Error('--record-llm needs OPENAI_API_KEY (and OPENAI_BASE_URL, OPENAI_MODEL for a non-OpenAI endpoint)');
  const base = (process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1').replace(/\/$/, '');
  const model = process.env.OPENAI_MODEL ?? 'gpt-4o-mini';
  const recordings: Recording[] = [];
  for (const item of items) {
    // Capture the exact request the assistant would send, then send it for real.
    let captured: RecordedRequest | undefined;
    await runLlmPath([item], indicators, (request) => {
      captured = request;
      return null;
    });
    if (!captured) throw new Error(`no request for ${item.id}`);
    const response = await fetch(`${base}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ ...captured.body, model }),
    });
    if (!response.ok) throw new Error(`${item.id}: HTTP ${response.status}`);
    const completion = (await response.json()) as { choices: { message: { content: string } }[] };
    let answer: unknown = null;
    try {
      answer = JSON.parse(completion.choices[0]?.message.content ?? 'null');
    } catch {
      answer = null; // recorded as a failure: the bot would fall back too
    }
    recordings.push({ id: item.id, prompt: promptHash(captured), answer });
  }
  await writeFile(RECORDING, `${recordings.map((r) => JSON.stringify(r)).join('\n')}\n`);
  console.log(`recorded ${recordings.length} answers of ${model} to ${RECORDING}`);
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

function measure(items: LabelledReflection[], indicators: IndicatorText[]): { figures: TaggingFigures; msPer: number } {
  const started = performance.now();
  const proposals = items.map((item) =>
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

export async function run(): Promise<void> {
  const { indicators, items } = await loadTaggingSet();
  const { dev, test } = splitLabelledReflections(items);
  const labelsOnly = indicators.map(({ lookForsNl: _nl, lookForsEn: _en, ...rest }) => rest);
  const splits = flag('split') === 'dev' ? { dev } : { dev, test };
  console.log(`tagging: ${items.length} labelled reflections (${dev.length} dev, ${test.length} held-out test)`);
  for (const [name, set] of Object.entries(splits)) {
    // Warm the index caches so the timing is about matching, not stemming the framework.
    measure(set.slice(0, 1), indicators);
    measure(set.slice(0, 1), labelsOnly);
    const withLookFors = measure(set, indicators);
    const baseline = measure(set, labelsOnly);
    console.log(formatTaggingFigures(`\nmatcher, ${name} split`, withLookFors.figures));
    console.log(
      `  baseline (labels only, no look-fors): macro-F1 ${baseline.figures.macroF1.toFixed(2)}, ` +
        `micro-F1 ${baseline.figures.microF1.toFixed(2)}, top-3 recall ${baseline.figures.top3Recall.toFixed(2)}; ` +
        `look-fors gain ×${(withLookFors.figures.macroF1 / Math.max(0.01, baseline.figures.macroF1)).toFixed(2)} macro-F1`,
    );
    console.log(
      `  speed: ${withLookFors.msPer.toFixed(3)} ms per reflection (baseline ${baseline.msPer.toFixed(3)} ms, ` +
        `×${(withLookFors.msPer / Math.max(0.001, baseline.msPer)).toFixed(2)})`,
    );
  }

  if (process.argv.includes('--record-llm')) await recordLlm(items, indicators);
  const recordings = await loadRecordings();
  if (recordings.size === 0) {
    console.log('\nLLM path: no recording yet (npm run bench -- tagging --record-llm, with OPENAI_API_KEY set)');
    return;
  }
  for (const [name, set] of Object.entries(splits)) {
    let missing = 0;
    const proposals = await runLlmPath(set, indicators, (request) => {
      const r = recordings.get(promptHash(request));
      if (!r) missing += 1;
      return r?.answer ?? null;
    });
    const figures = evaluateTagging(
      set,
      proposals,
      indicators.map((i) => i.code),
    );
    console.log(formatTaggingFigures(`\nLLM path (recorded answers, merged with the matcher), ${name} split`, figures));
    if (missing > 0) console.log(`  ${missing} reflections without a current recording fell back to the matcher`);
  }
}

// Tagging benchmark: how well indicator suggestions match labelled reflections (test/fixtures/tagging-*.jsonl)
// on the demo framework, on the development split (tuned on) and the held-out test split (never tuned on):
// micro- and macro-F1, per-indicator F1, top-3 recall and the most frequent confusions. The baseline in the same
// run is the same matcher without the framework's look-fors (labels only). When a recording of LLM answers is
// present, the LLM path (prompt → recorded answer → validation → merge with the matcher) is measured too.
//
// `npm run bench -- tagging` prints both splits; `--split=dev` only the development split (use this while tuning).
import { readFile } from 'node:fs/promises';
import { parseFramework } from '../bot/imports/framework.js';
import { type IndicatorText, suggestIndicatorsLexically } from '../bot/llm/lexical-matcher.js';
import {
  type LabelledReflection,
  parseLabelledReflections,
  splitLabelledReflections,
} from '../bot/llm/tagging/dataset.js';
import { frameworkIndicatorTexts } from '../bot/llm/tagging/framework-indicators.js';
import { evaluateTagging, formatTaggingFigures, type TaggingFigures } from '../bot/llm/tagging/metrics.js';

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
}

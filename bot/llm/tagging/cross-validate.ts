// Measuring a matcher that learns from example reflections on the reflections it learnt from would flatter it.
// Cross-validation: the labelled reflections are dealt into folds (grouped by their first gold indicator, so every
// fold holds some of each); each fold is matched with examples from the other folds only, never its own.
import { type IndicatorText, suggestIndicatorsLexically } from '../lexical-matcher.js';
import type { LabelledReflection } from './dataset.js';
import type { Proposal } from './metrics.js';

/** The indicators with, as examples, the texts of the labelled reflections about each one. */
export function withExamplesFrom(indicators: IndicatorText[], items: LabelledReflection[]): IndicatorText[] {
  return indicators.map((i) => ({
    ...i,
    examples: items.filter((item) => item.indicators.includes(i.code)).map((item) => item.text),
  }));
}

/** The fold of every reflection (by id): stratified by first gold indicator, ordered by id; deterministic. */
export function foldsOf(items: LabelledReflection[], folds: number): Map<string, number> {
  const sorted = [...items].sort(
    (a, b) => (a.indicators[0] ?? 'none').localeCompare(b.indicators[0] ?? 'none') || a.id.localeCompare(b.id),
  );
  return new Map(sorted.map((item, i) => [item.id, i % folds]));
}

/**
 * The matcher's proposals for every reflection, each made with the framework's own examples replaced by the
 * reflections of the other folds. In the order of `items`.
 */
export function crossValidatedProposals(
  items: LabelledReflection[],
  indicators: IndicatorText[],
  folds = 5,
): Proposal[][] {
  const fold = foldsOf(items, folds);
  const proposals: Proposal[][] = items.map(() => []);
  for (let f = 0; f < folds; f++) {
    const matched = withExamplesFrom(
      indicators,
      items.filter((item) => fold.get(item.id) !== f),
    );
    items.forEach((item, i) => {
      if (fold.get(item.id) !== f) return;
      proposals[i] = suggestIndicatorsLexically(item.text, matched, item.language, 3).map((s) => ({
        code: s.code,
        ticked: s.confident !== false,
      }));
    });
  }
  return proposals;
}

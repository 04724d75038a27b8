// The deterministic matcher against the labelled development set (test/fixtures/tagging-social-work.jsonl), on
// the held-out 30% split that was never used for tuning. `npm run bench -- tagging` prints the full figures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { suggestIndicatorsLexically } from '../../bot/llm/lexical-matcher.js';
import { parseLabelledReflections, splitLabelledReflections } from '../../bot/llm/tagging/dataset.js';
import { evaluateTagging } from '../../bot/llm/tagging/metrics.js';
import { demoIndicators } from './framework.js';

/**
 * The held-out figures reported for this matcher (`npm run bench -- tagging`, test split, measured once after
 * tuning): macro-F1 0.746 and top-3 recall 0.907 — just below the 0.75 macro-F1 the issue asks for. The development
 * split (183 reflections, 91 of them dev-only and written later) reaches 0.82 / 0.96.
 */
const REPORTED_HELD_OUT = { macroF1: 0.746, top3Recall: 0.907 };
/** How far the held-out macro-F1 may drop below the reported figure before this test fails. */
const ALLOWED_DROP = 0.05;

const indicators = demoIndicators();
const codes = indicators.map((i) => i.code);
const items = parseLabelledReflections(
  'tagging-social-work.jsonl',
  readFileSync(new URL('../fixtures/tagging-social-work.jsonl', import.meta.url), 'utf8'),
  { knownCodes: codes },
);
const { dev, test } = splitLabelledReflections(items);
const measure = (set: typeof items) =>
  evaluateTagging(
    set,
    set.map((item) =>
      suggestIndicatorsLexically(item.text, indicators, item.language).map((s) => ({
        code: s.code,
        ticked: s.confident !== false,
      })),
    ),
    codes,
  );

describe('the labelled set', () => {
  it('has at least 100 reflections in Dutch and English, with two indicators, one, or none', () => {
    expect(items.length).toBeGreaterThanOrEqual(100);
    expect(items.filter((i) => i.language === 'en').length).toBeGreaterThanOrEqual(30);
    expect(items.filter((i) => i.language === 'nl').length).toBeGreaterThanOrEqual(60);
    expect(items.filter((i) => i.indicators.length === 2).length).toBeGreaterThanOrEqual(10);
    expect(items.filter((i) => i.indicators.length === 0).length).toBeGreaterThanOrEqual(10);
  });

  it('covers every demo indicator at least five times, and in both splits', () => {
    for (const code of codes) {
      expect(items.filter((i) => i.indicators.includes(code)).length, code).toBeGreaterThanOrEqual(5);
      expect(
        dev.some((i) => i.indicators.includes(code)),
        `${code} in dev`,
      ).toBe(true);
      expect(
        test.some((i) => i.indicators.includes(code)),
        `${code} in test`,
      ).toBe(true);
    }
  });

  it('splits 70/30 (reflections added later as dev-only aside), the same way every time, whatever the order', () => {
    const stratified = items.filter((i) => !i.devOnly);
    expect(test.length / stratified.length).toBeGreaterThan(0.27);
    expect(test.length / stratified.length).toBeLessThan(0.37);
    expect(test.some((i) => i.devOnly)).toBe(false);
    const again = splitLabelledReflections([...items].reverse());
    expect(again.test.map((i) => i.id).sort()).toEqual(test.map((i) => i.id).sort());
  });
});

describe('the deterministic matcher on the held-out split', () => {
  const figures = measure(test);

  it(`keeps macro-F1 within ${ALLOWED_DROP} of the reported figure`, () => {
    expect(figures.macroF1).toBeGreaterThanOrEqual(REPORTED_HELD_OUT.macroF1 - ALLOWED_DROP);
  });

  it('keeps top-3 recall within 0.05 of the reported figure', () => {
    expect(figures.top3Recall).toBeGreaterThanOrEqual(REPORTED_HELD_OUT.top3Recall - 0.05);
  });

  it('shows no indicator for more than a third of the reflections that are not about it', () => {
    for (const set of [dev, test]) expect(measure(set).maxFalsePositiveRate).toBeLessThanOrEqual(1 / 3);
  });

  it('pre-ticks nothing for most reflections about none of the indicators', () => {
    expect(measure(items).noneCorrect).toBeGreaterThanOrEqual(0.7);
  });
});

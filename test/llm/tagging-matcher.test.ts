// The deterministic matcher against the labelled set (test/fixtures/tagging-social-work.jsonl), on its held-out
// split: 124 reflections marked "split": "test", written after every other reflection had been used for tuning
// and never tuned on. The demo framework's example reflections are the development split's, never held-out ones. `npm run bench -- tagging` prints the full figures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { suggestIndicatorsLexically } from '../../bot/llm/lexical-matcher.js';
import { crossValidatedProposals } from '../../bot/llm/tagging/cross-validate.js';
import { parseLabelledReflections, splitLabelledReflections } from '../../bot/llm/tagging/dataset.js';
import { evaluateTagging, MAX_FALSE_POSITIVE_RATE } from '../../bot/llm/tagging/metrics.js';
import { demoIndicators } from './framework.js';

/**
 * The held-out figures reported for this matcher (`npm run bench -- tagging`, test split), with the demo
 * framework's example reflections (the development split): macro-F1 0.773, top-3 recall 0.929. Without the
 * examples (label and look-fors only): 0.728 and 0.911; the matcher before that: 0.662 and 0.839. The development
 * split (280 reflections), cross-validated over 5 folds: 0.851 and 0.961 (0.832 and 0.953 without examples).
 */
const REPORTED_HELD_OUT = { macroF1: 0.773, top3Recall: 0.929 };
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
const proposals = (set: typeof items) =>
  set.map((item) =>
    suggestIndicatorsLexically(item.text, indicators, item.language).map((s) => ({
      code: s.code,
      ticked: s.confident !== false,
    })),
  );
const measure = (set: typeof items) => evaluateTagging(set, proposals(set), codes);
// The demo framework's examples are the development reflections: on dev the matcher is cross-validated.
const measureDev = () => evaluateTagging(dev, crossValidatedProposals(dev, indicators), codes);

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

  it('keeps at least 30% aside: exactly the reflections marked as held out, whatever the order of the file', () => {
    expect(test.length / items.length).toBeGreaterThanOrEqual(0.3);
    expect(test.map((i) => i.id).sort()).toEqual(
      items
        .filter((i) => i.split === 'test')
        .map((i) => i.id)
        .sort(),
    );
    expect(dev.some((i) => i.split === 'test')).toBe(false);
    const again = splitLabelledReflections([...items].reverse());
    expect(again.test.map((i) => i.id).sort()).toEqual(test.map((i) => i.id).sort());
  });

  it('has held-out reflections in both languages, about two indicators and about none', () => {
    expect(test.filter((i) => i.language === 'en').length).toBeGreaterThanOrEqual(30);
    expect(test.filter((i) => i.indicators.length === 2).length).toBeGreaterThanOrEqual(10);
    expect(test.filter((i) => i.indicators.length === 0).length).toBeGreaterThanOrEqual(10);
    for (const code of codes)
      expect(test.filter((i) => i.indicators.includes(code)).length, code).toBeGreaterThanOrEqual(5);
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

  it('shows no indicator for more than a third of the reflections that are not about it, on either split', () => {
    for (const [name, split] of [
      ['dev', measureDev()],
      ['test', figures],
    ] as const)
      for (const p of split.perIndicator)
        expect(p.falsePositiveRate, `${p.code} on ${name}`).toBeLessThanOrEqual(MAX_FALSE_POSITIVE_RATE);
  });

  // Measured: 0.75 on the development split (cross-validated, 18 of 24), only 0.25 on the held-out one (3 of 12;
  // 5 of 12 before the framework's examples were used): fresh reflections about nothing in particular still often
  // reach one indicator's threshold. The bound is "more than half", over both splits (measured 21 of 36, 0.58).
  it('pre-ticks nothing for more than half of the reflections about none of the indicators', () => {
    const all = [...dev, ...test];
    const figures = evaluateTagging(all, [...crossValidatedProposals(dev, indicators), ...proposals(test)], codes);
    expect(figures.noneCorrect).toBeGreaterThan(0.5);
  });
});

describe("the demo framework's example reflections", () => {
  it('are exactly the development reflections labelled with each indicator, and never a held-out one', () => {
    const heldOut = new Set(test.map((i) => i.text));
    for (const ind of indicators) {
      const examples = ind.examples ?? [];
      expect(
        examples.filter((e) => heldOut.has(e)),
        ind.code,
      ).toEqual([]);
      expect([...examples].sort(), ind.code).toEqual(
        dev
          .filter((i) => i.indicators.includes(ind.code))
          .map((i) => i.text)
          .sort(),
      );
    }
  });
});

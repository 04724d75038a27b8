import { describe, expect, it } from 'vitest';
import { ImportError } from '../../bot/imports/import-error.js';
import {
  type LabelledReflection,
  parseLabelledReflections,
  splitLabelledReflections,
} from '../../bot/llm/tagging/dataset.js';
import { evaluateTagging, formatTaggingFigures } from '../../bot/llm/tagging/metrics.js';

const item = (id: string, indicators: string[]): LabelledReflection => ({ id, language: 'nl', text: id, indicators });
const p = (...codes: string[]) =>
  codes.map((code) => ({ code, ticked: !code.endsWith('?') })).map((x) => ({ ...x, code: x.code.replace('?', '') }));

describe('evaluateTagging', () => {
  const items = [item('a', ['A']), item('b', ['B', 'C']), item('c', []), item('d', ['A'])];
  const proposals = [p('A', 'B?'), p('B', 'A?', 'C?'), p('C?'), p('B')];
  const f = evaluateTagging(items, proposals, ['A', 'B', 'C']);

  it('computes F1 over the pre-ticked proposals, per indicator and overall', () => {
    // Ticked: a→A (tp), b→B (tp), d→B (fp). Gold: A×2, B, C.
    expect(f.perIndicator.find((x) => x.code === 'A')).toMatchObject({
      gold: 2,
      proposed: 1,
      precision: 1,
      recall: 0.5,
    });
    expect(f.perIndicator.find((x) => x.code === 'B')).toMatchObject({
      gold: 1,
      proposed: 2,
      precision: 0.5,
      recall: 1,
    });
    expect(f.perIndicator.find((x) => x.code === 'C')).toMatchObject({ gold: 1, proposed: 0, f1: 0 });
    expect(f.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 0) / 3, 6);
    expect(f.microPrecision).toBeCloseTo(2 / 3, 6);
    expect(f.microRecall).toBeCloseTo(2 / 4, 6);
  });

  it('computes top-3 recall over everything shown: all gold indicators of a reflection must be there', () => {
    // a: A shown ✓; b: B and C shown ✓; d: A not shown ✗ → 2 of 3.
    expect(f.top3Recall).toBeCloseTo(2 / 3, 6);
  });

  it('counts a shown but unticked proposal for a reflection about nothing as a false positive, not a wrong "none"', () => {
    expect(f.noneCorrect).toBe(1);
    // C was shown for c (about nothing); reflections not about C: a, c, d.
    expect(f.perIndicator.find((x) => x.code === 'C')!.falsePositiveRate).toBeCloseTo(1 / 3, 6);
    expect(f.maxFalsePositiveRate).toBeCloseTo(2 / 3, 6); // B shown for a and d, both not about B (of a, c, d)
  });

  it('says which indicator was shown instead of which', () => {
    expect(f.confusions).toContainEqual({ proposed: 'B', insteadOf: 'A', count: 1 });
    expect(f.confusions).toContainEqual({ proposed: 'C', insteadOf: '(none)', count: 1 });
    expect(formatTaggingFigures('t', f)).toMatch(/B → A: 1×/);
  });

  it("prints every indicator's false-positive rate and flags those above a third", () => {
    const text = formatTaggingFigures('t', f);
    expect(text).toMatch(/highest 0\.67 \(B\); above 1\/3: A 0\.50, B 0\.67/);
    expect(text).toMatch(/\n {2}B +1 +2 +0\.50 +1\.00 +0\.67 +0\.67 +> 1\/3/);
    expect(text).toMatch(/\n {2}C +1 +0 +0\.00 +0\.00 +0\.00 +0\.33\n/);
  });

  it('refuses proposals that do not line up with the reflections', () => {
    expect(() => evaluateTagging(items, proposals.slice(1), ['A'])).toThrow(/one list of proposals per reflection/);
  });
});

describe('parseLabelledReflections', () => {
  it('reads JSONL, skips blank lines and defaults the id and language', () => {
    const parsed = parseLabelledReflections(
      'set.jsonl',
      '{"text": "Ik vatte samen.", "indicators": ["sw1.3"]}\n\n{"id": "x", "language": "en", "text": "Nothing", "indicators": []}\n',
      { knownCodes: ['SW1.3'] },
    );
    expect(parsed).toEqual([
      { id: 'line 1', language: 'nl', text: 'Ik vatte samen.', indicators: ['SW1.3'] },
      { id: 'x', language: 'en', text: 'Nothing', indicators: [] },
    ]);
  });

  it('names the line of every problem and returns nothing', () => {
    const content = [
      '{"text": "ok", "indicators": ["SW1.3"]}',
      'not json',
      '{"text": "", "indicators": []}',
      '{"text": "typo", "indicators": ["SW1.33"]}',
      '{"text": "no list"}',
    ].join('\n');
    const error = (() => {
      try {
        parseLabelledReflections('set.jsonl', content, { knownCodes: ['SW1.3'] });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ImportError);
    const message = (error as Error).message;
    expect(message).toMatch(/set\.jsonl:2: is not a JSON object/);
    expect(message).toMatch(/set\.jsonl:3: text: is empty/);
    expect(message).toMatch(/set\.jsonl:4: indicators: unknown indicator "SW1\.33"/);
    expect(message).toMatch(/set\.jsonl:5: indicators: Required/);
  });

  it('refuses an empty file', () => {
    expect(() => parseLabelledReflections('set.jsonl', '\n\n')).toThrow(/holds no reflections/);
  });
});

describe('splitLabelledReflections', () => {
  it('keeps about 30% of each indicator aside; adding a reflection about another indicator moves nothing', () => {
    const items = Array.from({ length: 40 }, (_, i) => item(`r${i}`, [i % 2 === 0 ? 'A' : 'B']));
    const { dev, test } = splitLabelledReflections(items);
    expect(dev.length + test.length).toBe(40);
    expect(test.filter((i) => i.indicators[0] === 'A')).toHaveLength(6);
    expect(test.filter((i) => i.indicators[0] === 'B')).toHaveLength(6);
    const more = splitLabelledReflections([...items, item('r40', ['C'])]);
    for (const t of test) expect(more.test.map((i) => i.id)).toContain(t.id);
  });

  it('puts marked reflections where they say, and moves no other reflection', () => {
    const items = Array.from({ length: 40 }, (_, i) => item(`r${i}`, ['A']));
    const before = splitLabelledReflections(items);
    const dev = Array.from({ length: 7 }, (_, i) => ({ ...item(`d${i}`, ['A']), split: 'dev' as const }));
    const held = Array.from({ length: 5 }, (_, i) => ({ ...item(`h${i}`, ['A']), split: 'test' as const }));
    const after = splitLabelledReflections([...dev, ...items, ...held]);
    expect(after.test.map((i) => i.id).sort()).toEqual([...before.test, ...held].map((i) => i.id).sort());
    expect(after.dev.map((i) => i.id).sort()).toEqual([...before.dev, ...dev].map((i) => i.id).sort());
  });

  it('reads "split": "dev" and "split": "test" from the file, and nothing else', () => {
    const [dev] = parseLabelledReflections('f.jsonl', '{"id": "x", "text": "t", "indicators": [], "split": "dev"}');
    expect(dev?.split).toBe('dev');
    const [test] = parseLabelledReflections('f.jsonl', '{"text": "t", "indicators": [], "split": "test"}');
    expect(test?.split).toBe('test');
    expect(() => parseLabelledReflections('f.jsonl', '{"text": "t", "indicators": [], "split": "train"}')).toThrow();
  });
});

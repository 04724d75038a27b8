// Precision and recall of the wellbeing check on a labelled set: no self-statement may be missed, and no
// quote, description or ordinary stress may stop a reflection. "unsure" asks the student once; it does not stop.
import { describe, expect, it } from 'vitest';
import { assessWellbeing } from '../../bot/safety/crisis.js';
import { CRISIS_SENTENCES } from '../fixtures/safety/crisis-sentences.js';

describe('wellbeing check on the labelled set', () => {
  const results = CRISIS_SENTENCES.map((s) => ({ ...s, verdict: assessWellbeing(s.text) }));

  it('has at least 60 sentences of every label in both languages', () => {
    expect(CRISIS_SENTENCES.length).toBeGreaterThanOrEqual(60);
    for (const label of ['self', 'quote', 'description', 'stress'] as const)
      for (const language of ['nl', 'en'] as const)
        expect(CRISIS_SENTENCES.filter((s) => s.label === label && s.language === language).length).toBeGreaterThan(3);
  });

  it('stops every self-statement (recall 1) and nothing else (precision 1)', () => {
    const stopped = results.filter((r) => r.verdict === 'self');
    const selfs = results.filter((r) => r.label === 'self');
    const truePositives = stopped.filter((r) => r.label === 'self').length;
    const recall = truePositives / selfs.length;
    const precision = stopped.length === 0 ? 0 : truePositives / stopped.length;
    expect(
      selfs.filter((r) => r.verdict !== 'self').map((r) => r.text),
      'missed self-statements',
    ).toEqual([]);
    expect(
      stopped.filter((r) => r.label !== 'self').map((r) => `${r.label}: ${r.text}`),
      'stopped but not about the student',
    ).toEqual([]);
    expect(recall).toBe(1);
    expect(precision).toBe(1);
  });

  it('asks rather than stops only rarely: at most one in ten of the others is "unsure"', () => {
    const others = results.filter((r) => r.label !== 'self');
    const unsure = others.filter((r) => r.verdict === 'unsure');
    expect(unsure.length / others.length).toBeLessThanOrEqual(0.1);
  });

  it('lets the walkthrough sentence through: a client quoted to the student', () => {
    expect(
      assessWellbeing(
        'Situatie: een cliënt in schuldbemiddeling zei letterlijk tegen mij: "ik wil er niet meer zijn". Ik heb meteen mijn mentor erbij gehaald en we hebben de crisisprocedure gevolgd.',
      ),
    ).toBe('none');
  });

  it('is unsure about a bare quotation and about reported speech without a clear speaker', () => {
    expect(assessWellbeing('"Ik wil dood."')).toBe('unsure');
    expect(assessWellbeing('Ze zei ik kan niet meer')).toBe('unsure');
  });
});

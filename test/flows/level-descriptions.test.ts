import { describe, expect, it } from 'vitest';
import { assessPrompt } from '../../bot/flows/reflection/cards.js';
import { levelDescription, levelDescriptionLines } from '../../bot/flows/level-descriptions.js';
import type { IndicatorRow, ScaleLevelRow } from '../../db/queries/student-context.js';

const scale: ScaleLevelRow[] = [
  { value: 1, code: 'L1', label_nl: 'Beginnend', label_en: 'Novice', counts_as_level: true },
  { value: 2, code: 'L2', label_nl: 'Bekwaam', label_en: 'Competent', counts_as_level: true },
  { value: 0, code: 'NA', label_nl: 'Niet aan bod', label_en: 'Not observed', counts_as_level: false },
];
const indicator: IndicatorRow = {
  id: 7,
  code: 'SW1.3',
  label_nl: 'Luistert actief',
  label_en: 'Listens actively',
  competence_label_nl: 'C',
  competence_label_en: 'C',
  look_fors: { nl: [], en: [] },
  level_descriptions: { '2': { nl: 'Vat geregeld samen.', en: 'Regularly summarises.' } },
};

describe('level descriptions', () => {
  it('gives the description of a level in the reader’s language, or null', () => {
    expect(levelDescription(indicator, 2, 'nl-BE')).toBe('Vat geregeld samen.');
    expect(levelDescription(indicator, 2, 'en')).toBe('Regularly summarises.');
    expect(levelDescription(indicator, 1, 'en')).toBeNull();
    expect(levelDescriptionLines(indicator, scale, 'en')).toEqual(['Competent: Regularly summarises.']);
  });

  it('shows them on the self-assessment card when the framework has them, and nothing extra otherwise', () => {
    const withText = assessPrompt('nl-BE', indicator, scale);
    expect(withText.text).toContain('Bekwaam: Vat geregeld samen.');
    expect(JSON.stringify(withText.card)).toContain('Bekwaam: Vat geregeld samen.');
    const without = assessPrompt('nl-BE', { ...indicator, level_descriptions: {} }, scale);
    expect(without.card!.elements.length).toBe(withText.card!.elements.length - 1);
  });
});

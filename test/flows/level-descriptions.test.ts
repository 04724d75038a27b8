// A framework may describe each level per indicator (its `levels`): the self-assessment card and the mentor's card
// then show that indicator's own words next to the level; without them, the scale's general descriptions.
import { describe, expect, it } from 'vitest';
import { feedbackCard } from '../../bot/flows/feedback/card.js';
import { levelChoiceLabel, levelDescription } from '../../bot/flows/level-description.js';
import { selfAssessmentPrompt } from '../../bot/flows/reflection/self-assessment.js';
import type { IndicatorRow, ScaleLevelRow } from '../../db/queries/student-context.js';

const scale: ScaleLevelRow[] = [
  {
    value: 1,
    code: 'L1',
    labelNl: 'Beginnend',
    labelEn: 'Novice',
    countsAsLevel: true,
    descriptionNl: 'Met veel sturing.',
    descriptionEn: 'With a lot of guidance.',
  },
  {
    value: 2,
    code: 'L2',
    labelNl: 'Bekwaam',
    labelEn: 'Competent',
    countsAsLevel: true,
    descriptionNl: 'Zelfstandig.',
    descriptionEn: 'Independently.',
  },
  {
    value: 0,
    code: 'NA',
    labelNl: 'Niet aan bod gekomen',
    labelEn: 'Not observed',
    countsAsLevel: false,
    descriptionNl: '',
    descriptionEn: '',
  },
];
const own = { '2': { nl: 'Vat geregeld samen wat de cliënt zei.', en: 'Regularly summarises what the client said.' } };
const indicator: IndicatorRow = {
  id: 7,
  code: 'SW1.3',
  labelNl: 'Luistert actief',
  labelEn: 'Listens actively',
  competenceLabelNl: 'C',
  competenceLabelEn: 'C',
  lookFors: { nl: [], en: [] },
  levelDescriptions: own,
};

describe('level descriptions per indicator', () => {
  it("prefer the indicator's own words, in the reader's language, and fall back to the scale's", () => {
    expect(levelDescription(scale[1]!, 'en', { levelDescriptions: own })).toBe(
      'Regularly summarises what the client said.',
    );
    expect(levelDescription(scale[0]!, 'nl', { levelDescriptions: own })).toBe('Met veel sturing.');
    expect(levelChoiceLabel(scale[1]!, 'nl', { levelDescriptions: own })).toBe(
      'Bekwaam: Vat geregeld samen wat de cliënt zei.',
    );
    expect(levelChoiceLabel(scale[0]!, 'nl', { levelDescriptions: own })).toBe('Beginnend');
  });

  it('show on the self-assessment card next to the level, only for the indicator that has them', () => {
    const other = { ...indicator, id: 8, code: 'SW1.2', levelDescriptions: {} };
    const json = JSON.stringify(selfAssessmentPrompt('nl-BE', [indicator, other], scale).card);
    expect(json.match(/Bekwaam: Vat geregeld samen wat de cliënt zei\./g)).toHaveLength(1);
  });

  it("show on the mentor's card next to the level", () => {
    const choice = {
      id: 7,
      code: 'SW1.3',
      labelNl: 'Luistert actief',
      labelEn: 'Listens actively',
      levelDescriptions: own,
    };
    const spec = feedbackCard({
      locale: 'en',
      studentName: 'Amira',
      studentId: 1,
      focus: [choice],
      indicators: [choice],
      scale,
    } as Parameters<typeof feedbackCard>[0]);
    expect(JSON.stringify(spec)).toContain('Competent: Regularly summarises what the client said.');
  });
});

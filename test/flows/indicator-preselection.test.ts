// The indicator question pre-ticks only the suggestions the assistant is confident about; the others are shown
// unticked next to them, and the rest of the framework under "other".
import { describe, expect, it } from 'vitest';
import type { IndicatorRow } from '../../db/queries/student-context.js';
import { indicatorsPrompt } from '../../bot/flows/reflection/cards.js';

const row = (id: number, code: string): IndicatorRow => ({
  id,
  code,
  labelNl: `Label ${code}`,
  labelEn: `Label ${code}`,
  competenceLabelNl: 'C',
  competenceLabelEn: 'C',
  lookFors: { nl: [], en: [] },
  levelDescriptions: {},
});

describe('indicatorsPrompt', () => {
  const all = [row(1, 'A1'), row(2, 'A2'), row(3, 'A3'), row(4, 'A4')];
  const choice = (out: ReturnType<typeof indicatorsPrompt>, id: string) =>
    out.card!.elements.find((e) => e.type === 'choice' && e.id === id) as { value?: string; options: unknown[] };

  it('pre-ticks the confident suggestions only', () => {
    const out = indicatorsPrompt('nl-BE', [all[1]!, all[2]!], all, [], [3]);
    expect(choice(out, 'suggested').options).toHaveLength(2);
    expect(choice(out, 'suggested').value).toBe('3');
    expect(choice(out, 'other').options).toHaveLength(2);
  });

  it('pre-ticks every suggestion when no confidence is known (older conversations)', () => {
    const out = indicatorsPrompt('en', [all[1]!, all[2]!], all);
    expect(choice(out, 'suggested').value).toBe('2,3');
  });
});

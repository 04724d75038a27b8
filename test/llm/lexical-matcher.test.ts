import { describe, expect, it } from 'vitest';
import { type IndicatorText, suggestIndicatorsLexically } from '../../bot/llm/lexical-matcher.js';
import { demoIndicators } from './framework.js';

const indicators = demoIndicators();
const codes = (text: string, language: 'nl' | 'en' = 'nl', max = 3) =>
  suggestIndicatorsLexically(text, indicators, language, max).map((s) => s.code);
const label = (code: string) => {
  const i = indicators.find((x) => x.code === code)!;
  return `${i.labelNl} ${i.labelEn}`.toLowerCase();
};
/** Words (3+ letters) that a text and an indicator label share literally, without any stemming. */
const sharedWords = (text: string, code: string) => {
  const words = (s: string) => new Set(s.toLowerCase().match(/\p{L}{3,}/gu) ?? []);
  const inLabel = words(label(code));
  return [...words(text)].filter((w) => inLabel.has(w));
};

describe('suggestIndicatorsLexically on the demo framework', () => {
  it('loads all 15 demo indicators', () => {
    expect(indicators).toHaveLength(15);
  });

  it('finds active listening in a Dutch text about listening, summarising and asking further', () => {
    const text =
      'In het gesprek met de cliënt heb ik actief geluisterd, samengevat wat ze vertelde en doorgevraagd over haar zorgen.';
    expect(codes(text)).toContain('SW1.3');
    expect(codes(text)[0]).toBe('SW1.3');
  });

  it('finds targeted referral with follow-up in an English text', () => {
    const text = 'I referred the client to another service and followed up with a phone call the next week.';
    expect(codes(text, 'en')[0]).toBe('SW4.2');
  });

  it('matches English text against the English labels even when the interface is Dutch (students mix)', () => {
    const text = 'During the intake I listened actively, summarised what she said and asked probing questions.';
    expect(codes(text, 'nl')[0]).toBe('SW1.3');
  });

  it('returns nothing for a text that is not about the work', () => {
    expect(codes('Vandaag was het mooi weer en ik heb een boterham gegeten in de kantine.')).toEqual([]);
    expect(codes('The weather was nice and I had lunch in the canteen.', 'en')).toEqual([]);
    expect(codes('   ')).toEqual([]);
  });

  it('relies on stemming: inflected Dutch forms meet the label ("formuleerde"/"formuleert", "haalbaar"/"haalbare")', () => {
    const text = 'Daarna formuleerde ik een haalbaar plan.';
    expect(codes(text)[0]).toBe('SW3.1');
    // No content word of the text occurs as such in the label: only their stems connect them.
    expect(sharedWords(text, 'SW3.1')).toEqual([]);
  });

  it('relies on stemming in English ("summarised"/"summarises", "checked"/"checks")', () => {
    const text = 'I summarised her story and checked it with her.';
    expect(codes(text, 'en')).toContain('SW1.3');
    expect(sharedWords(text, 'SW1.3')).toEqual([]);
  });

  it('meets separable Dutch verbs: "doorverwezen … volg … op" matches "Verwijst gericht door en volgt op"', () => {
    expect(codes('Ik heb mevrouw doorverwezen naar het CAW en volg dat volgende week op.')[0]).toBe('SW4.2');
    expect(codes('Ik vat samen wat de cliënt zegt en vraag door.')[0]).toBe('SW1.3');
  });

  it('uses the small synonym list for everyday words ("beroepsgeheim", "feedback", "dossier")', () => {
    expect(codes('Ik heb het beroepsgeheim gerespecteerd en niets verteld aan de buren.')[0]).toBe('SW6.1');
    expect(codes('Ik heb feedback gevraagd aan mijn mentor en een volgende stap bepaald.')[0]).toBe('SW6.3');
    expect(codes('Ik heb alles netjes in het dossier genoteerd.')[0]).toBe('SW4.3');
  });

  it('returns at most max suggestions, sorted by score, all above zero', () => {
    const text =
      'Ik stelde mezelf voor en legde mijn rol uit. Ik luisterde actief, vatte samen, verwees de cliënt door naar ' +
      'het OCMW, volgde op en documenteerde alles in het dossier. Achteraf heb ik feedback gevraagd aan mijn mentor.';
    const all = suggestIndicatorsLexically(text, indicators, 'nl', 10);
    expect(all.length).toBeGreaterThan(3);
    const top = suggestIndicatorsLexically(text, indicators, 'nl', 3);
    expect(top).toEqual(all.slice(0, 3));
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.score).toBeGreaterThanOrEqual(all[i]!.score);
    expect(suggestIndicatorsLexically(text, indicators, 'nl', 0)).toEqual([]);
  });

  it('is deterministic and breaks ties by code (numerically: X1.2 before X1.10)', () => {
    const twins: IndicatorText[] = [
      { id: 3, code: 'X1.10', labelNl: 'Schrijft een verslag', labelEn: 'Writes a report' },
      { id: 1, code: 'X1.2', labelNl: 'Schrijft een verslag', labelEn: 'Writes a report' },
      { id: 2, code: 'X2.1', labelNl: 'Rijdt met de fiets', labelEn: 'Rides a bike' },
    ];
    const first = suggestIndicatorsLexically('Ik schreef een verslag.', twins, 'nl');
    expect(first.map((s) => s.code)).toEqual(['X1.2', 'X1.10']);
    expect(first[0]!.score).toBe(first[1]!.score);
    expect(suggestIndicatorsLexically('Ik schreef een verslag.', [...twins].reverse(), 'nl')).toEqual(first);
  });

  it('returns ids and codes of the given indicators', () => {
    const [top] = suggestIndicatorsLexically('Ik verwijs gericht door en volg op.', indicators, 'nl');
    expect(top).toMatchObject({ code: 'SW4.2', indicatorId: indicators.find((i) => i.code === 'SW4.2')!.id });
  });
});

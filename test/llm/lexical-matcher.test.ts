import { describe, expect, it } from 'vitest';
import {
  explainLexicalScore,
  type IndicatorText,
  MATCHER_TUNING,
  scoreIndicatorsLexically,
  suggestIndicatorsLexically,
} from '../../bot/llm/lexical-matcher.js';
import { demoIndicators, demoLabelsOnly } from './framework.js';

const indicators = demoIndicators();
/** The demo framework without its example reflections: labels and look-fors only. */
const withoutExamples = indicators.map(({ examples: _x, ...rest }) => rest);
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
    const weather = 'Vandaag was het mooi weer en ik heb een boterham gegeten in de kantine.';
    expect(suggestIndicatorsLexically(weather, withoutExamples, 'nl')).toEqual([]);
    // Measured: the examples lift SW1.2 just over the minimum score here ("mooi", "gegeten" occur in its
    // examples), but far from a clear match: shown for the student to tick, never pre-ticked.
    expect(suggestIndicatorsLexically(weather, indicators, 'nl').filter((s) => s.confident)).toEqual([]);
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

  it('returns at most max suggestions, sorted by score, above the minimum score', () => {
    const text =
      'Ik stelde mezelf voor en legde mijn rol uit. Ik luisterde actief, vatte samen, verwees de cliënt door naar ' +
      'het OCMW, volgde op en documenteerde alles in het dossier. Achteraf heb ik feedback gevraagd aan mijn mentor.';
    const all = scoreIndicatorsLexically(text, indicators);
    expect(all).toHaveLength(15);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.score).toBeGreaterThanOrEqual(all[i]!.score);
    const top = suggestIndicatorsLexically(text, indicators, 'nl', 3);
    expect(top.map((s) => s.code)).toEqual(all.slice(0, 3).map((s) => s.code));
    expect(top.every((s) => s.score >= MATCHER_TUNING.minScore)).toBe(true);
    expect(suggestIndicatorsLexically(text, indicators, 'nl', 2)).toHaveLength(2);
    expect(suggestIndicatorsLexically(text, indicators, 'nl', 0)).toEqual([]);
  });

  it('pre-ticks only clear matches: a weaker second indicator is shown but not confident', () => {
    const [first, ...rest] = suggestIndicatorsLexically(
      'Ik vat samen wat de cliënt zegt, vraag door en check of ik het goed begrepen heb. Ik werk in een team.',
      indicators,
      'nl',
    );
    expect(first).toMatchObject({ code: 'SW1.3', confident: true });
    for (const s of rest) {
      expect(s.confident).toBe(false);
      expect(s.score).toBeLessThan(first!.score * MATCHER_TUNING.confidentRelative);
    }
  });

  it('pre-ticks the best proposal below the confident score when it is clearly ahead of the second', () => {
    const text = 'Ik heb een tolk gevraagd.';
    const [best, second] = scoreIndicatorsLexically(text, indicators);
    expect(best!.score).toBeLessThan(MATCHER_TUNING.confidentScore);
    expect(best!.score).toBeGreaterThanOrEqual(MATCHER_TUNING.leadScore);
    expect(best!.score).toBeGreaterThanOrEqual(MATCHER_TUNING.leadRatio * second!.score);
    expect(suggestIndicatorsLexically(text, indicators, 'nl')[0]).toMatchObject({ code: 'SW1.2', confident: true });
  });

  // On labels and look-fors: with the examples, this reflection is a clear match for SW4.3 (students write
  // about late reports under it).
  it('leaves a weak best proposal unticked', () => {
    const text = 'Mijn verslag was te laat.';
    const [best] = scoreIndicatorsLexically(text, withoutExamples);
    expect(best!.score).toBeLessThan(MATCHER_TUNING.leadScore);
    expect(suggestIndicatorsLexically(text, withoutExamples, 'nl')[0]).toMatchObject({
      code: 'SW4.3',
      confident: false,
    });
  });

  it('keeps an interpreter apart from interpretations (same English stem)', () => {
    expect(codes('We used an interpreter because she speaks no Dutch.', 'en')[0]).toBe('SW1.2');
    expect(codes('We used an interpreter.', 'en')).not.toContain('SW2.2');
  });

  it('is deterministic and breaks ties by code (numerically: X1.2 before X1.10)', () => {
    const filler = ['Rijdt met de fiets', 'Kookt een maaltijd', 'Plant een boom', 'Schildert een muur'];
    const twins: IndicatorText[] = [
      { id: 3, code: 'X1.10', labelNl: 'Schrijft een verslag', labelEn: 'Writes a report' },
      { id: 1, code: 'X1.2', labelNl: 'Schrijft een verslag', labelEn: 'Writes a report' },
      ...filler.map((labelNl, i) => ({ id: 10 + i, code: `X2.${i + 1}`, labelNl, labelEn: labelNl })),
    ];
    const first = suggestIndicatorsLexically('Ik schreef een verslag.', twins, 'nl');
    expect(first.map((s) => s.code)).toEqual(['X1.2', 'X1.10']);
    expect(first[0]!.score).toBe(first[1]!.score);
    expect(suggestIndicatorsLexically('Ik schreef een verslag.', [...twins].reverse(), 'nl')).toEqual(first);
  });

  it('weighs terms by how specific they are: a word under many indicators counts for less than a rare one', () => {
    const text = 'Ik heb de cliënt doorverwezen.';
    const terms = explainLexicalScore(text, indicators, 'SW4.2');
    const score = (term: string) => Number(terms.find((t) => t.startsWith(`${term} `))?.split(' ')[1] ?? 0);
    expect(score('~refer')).toBeGreaterThan(3 * score('client'));
  });

  it('uses the look-fors: a reflection in everyday words that the labels alone miss', () => {
    // About SW1.2 (plain language, slowly, no jargon) without a word of its label.
    const text = 'Meneer verstaat weinig Nederlands, dus ik sprak traag, zonder vakjargon, en tekende het op een blad.';
    expect(suggestIndicatorsLexically(text, demoLabelsOnly(), 'nl').map((s) => s.code)).not.toContain('SW1.2');
    expect(codes(text)[0]).toBe('SW1.2');
  });

  it('reads a negated behaviour as weak evidence ("ik heb níet doorverwezen")', () => {
    const done = scoreIndicatorsLexically('Ik heb de jongen doorverwezen naar het JAC.', indicators);
    const notDone = scoreIndicatorsLexically('Ik heb de jongen niet doorverwezen naar het JAC.', indicators);
    const of = (list: typeof done) => list.find((s) => s.code === 'SW4.2')!.score;
    expect(of(notDone)).toBeLessThan(of(done) * 0.75);
  });

  it('joins separated Dutch particles to their verb ("ze vroeg door", "ik vatte het samen")', () => {
    expect(codes('Ze vroeg door op wat hij bedoelde en ik vatte het verhaal samen.')[0]).toBe('SW1.3');
  });

  it('finds one-letter typos and Dutch compounds of known words', () => {
    expect(codes('ik heb alles in het dosier genoteerd na het huisbezoek')).toContain('SW4.3');
    expect(codes('Ik bracht het op het teamoverleg en we verdeelden de taken met de collegas.')[0]).toBe('SW5.1');
  });
  it('hears keeping a confidence in a refusal to tell, in Dutch and English, but not in "wel en niet"', () => {
    const nl = 'Een buurman vroeg hoe het met mevrouw gaat. Ik heb gezegd dat ik daar niks over mag zeggen.';
    const en = "Her neighbour asked how she was doing, I told him I can't share anything about her.";
    for (const [text, language] of [
      [nl, 'nl'],
      [en, 'en'],
    ] as const) {
      expect(codes(text, language)[0], text).toBe('SW6.1');
      expect(explainLexicalScore(text, indicators, 'SW6.1')[0]).toMatch(/^~withheld /);
    }
    expect(explainLexicalScore('Ik heb uitgelegd wat we wel en niet doen.', indicators, 'SW6.1')).toEqual([]);
  });

  it('reads "voorstellen" as introducing oneself only with a reflexive pronoun, else as proposing', () => {
    const proposed = 'Ik heb op het teamoverleg voorgesteld om het probleem bij de stad te melden.';
    expect(explainLexicalScore(proposed, indicators, 'SW1.1').join(' ')).not.toMatch(/~introduce/);
    expect(explainLexicalScore(proposed, indicators, 'SW5.2').join(' ')).toMatch(/~propose/);
    expect(codes(proposed)[0]).toBe('SW5.2');
    const introduced = 'Bij het huisbezoek heb ik me eerst voorgesteld.';
    expect(explainLexicalScore(introduced, indicators, 'SW1.1').join(' ')).toMatch(/~introduce/);
    expect(codes(introduced)[0]).toBe('SW1.1');
  });

  it('strips ge- only from participles and keeps "zinnen" apart from "zin hebben"', () => {
    // "gezin" is no participle of "zin", and "zin hebben" is no sentence.
    expect(explainLexicalScore('Ik heb het hele gezin gezien.', indicators, 'SW1.2')).toEqual([]);
    expect(explainLexicalScore('Ik had zin om het zelf te doen.', indicators, 'SW1.2').join(' ')).not.toMatch(/zin/);
    expect(explainLexicalScore('Ik praatte trager en in korte zinnen.', indicators, 'SW1.2')[0]).toMatch(/^~sentence /);
  });

  it('keeps English "rights" (not the everyday "right") and folds it with "rechten"', () => {
    const text = 'I explained her rights as a tenant and checked she understood.';
    expect(codes(text, 'en')[0]).toBe('SW4.1');
    expect(explainLexicalScore(text, indicators, 'SW4.1')[0]).toMatch(/^~rights /);
  });

  it('splits a compound only into two known words', () => {
    expect(explainLexicalScore('de dossieradministratie', indicators, 'SW4.3').join(' ')).toMatch(
      /~document .*administratie/,
    );
    // "kast" is no word of the framework, so "dossierkast" (a filing cabinet) is not read as "dossier".
    expect(explainLexicalScore('de dossierkast', indicators, 'SW4.3')).toEqual([]);
  });

  it('returns ids and codes of the given indicators', () => {
    const [top] = suggestIndicatorsLexically('Ik verwijs gericht door en volg op.', indicators, 'nl');
    expect(top).toMatchObject({ code: 'SW4.2', indicatorId: indicators.find((i) => i.code === 'SW4.2')!.id });
  });
});

describe('example reflections in the framework', () => {
  const base: IndicatorText[] = [
    { id: 1, code: 'A1', labelNl: 'Werkt veilig met materiaal', labelEn: 'Works safely with equipment' },
    { id: 2, code: 'A2', labelNl: 'Plant de eigen taken', labelEn: 'Plans own tasks' },
    { id: 3, code: 'A3', labelNl: 'Overlegt met collega’s', labelEn: 'Consults colleagues' },
  ];
  const withExamples: IndicatorText[] = base.map((i) => ({
    ...i,
    examples:
      i.code === 'A1'
        ? ['heftruck gecontroleerd voor ik begon, vandaag op de werf', 'helm en handschoenen aangedaan']
        : i.code === 'A2'
          ? ['lijstje gemaakt van wat ik vandaag op de werf moest doen', 'mijn agenda voor de week ingevuld']
          : ['op de werf met de ploegbaas overlegd', 'samen met een collega de aanpak besproken'],
  }));

  it('scores an indicator through words only its examples use', () => {
    const text = 'Ik heb de heftruck nagekeken en mijn helm opgezet.';
    expect(scoreIndicatorsLexically(text, base).every((s) => s.score === 0)).toBe(true);
    const [first, ...rest] = scoreIndicatorsLexically(text, withExamples);
    expect(first!.code).toBe('A1');
    expect(first!.score).toBeGreaterThan(0);
    expect(rest.map((s) => s.score)).toEqual([0, 0]);
  });

  it('gives next to nothing for a word every indicator’s examples use', () => {
    const shared = Math.max(...scoreIndicatorsLexically('Op de werf.', withExamples).map((s) => s.score));
    const own = scoreIndicatorsLexically('Mijn helm.', withExamples)[0]!.score;
    expect(own).toBeGreaterThan(0);
    // Without the contrast (less the mean over indicators) it would be more than half of `own`.
    expect(shared).toBeLessThan(own / 5);
  });

  it('scores exactly as before when a framework has no examples', () => {
    const text = 'Ik heb mijn taken gepland en met een collega overlegd.';
    expect(scoreIndicatorsLexically(text, base)).toEqual(
      scoreIndicatorsLexically(
        text,
        base.map((i) => ({ ...i, examples: [] })),
      ),
    );
    expect(scoreIndicatorsLexically(text, base)[0]!.score).toBeGreaterThan(0);
  });
});

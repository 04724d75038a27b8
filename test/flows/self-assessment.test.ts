// Issue item 6: one self-assessment card for all confirmed indicators, with the scale's level descriptions;
// free wording understood and echoed; one word for "not observed" everywhere.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseLevels, parseLevelWords } from '../../bot/flows/reflection/self-assessment.js';
import { t } from '../../bot/i18n/index.js';
import type { ScaleLevelRow } from '../../db/queries/student-context.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { cardKinds, DEMO, indicatorId, makeBot, say, textOf } from '../support/harness.js';

const level = (value: number, nl: string, en: string, counts = true): ScaleLevelRow => ({
  value,
  code: `L${value}`,
  labelNl: nl,
  labelEn: en,
  countsAsLevel: counts,
  descriptionNl: '',
  descriptionEn: '',
});
const SCALE = [
  level(1, 'Beginnend', 'Novice'),
  level(2, 'In ontwikkeling', 'Advanced beginner'),
  level(3, 'Bekwaam', 'Competent'),
  level(4, 'Zelfstandig & wendbaar', 'Proficient'),
  level(0, 'Niet aan bod gekomen', 'Not observed', false),
];

describe('free wording of a level', () => {
  it.each([
    ['beginnend denk ik', 1],
    ['eerder bekwaam', 3],
    ['level 3', 3],
    ['niveau 2 denk ik', 2],
    ['in ontwikkeling', 2],
    ['Zelfstandig & wendbaar', 4],
    ['L4', 4],
    ['bekw', 3],
    ['competent, I think', 3],
    ['niet geobserveerd', 'not_observed'],
    ['niet aan bod gekomen', 'not_observed'],
    ['0', 'not_observed'],
    ['overslaan', 'skipped'],
  ] as const)('reads "%s"', (text, expected) => {
    expect(parseLevelWords(text, SCALE, 'nl')).toBe(expected);
  });

  it('refuses what is not a level', () => {
    expect(parseLevelWords('vijf', SCALE, 'nl')).toBeNull();
    expect(parseLevelWords('7', SCALE, 'nl')).toBeNull();
  });

  it('reads several levels in the order asked', () => {
    expect(parseLevels('2 3', [10, 11], SCALE, 'nl')).toEqual({ '10': 2, '11': 3 });
    expect(parseLevels('beginnend denk ik, niet aan bod gekomen', [10, 11], SCALE, 'nl')).toEqual({
      '10': 1,
      '11': 'not_observed',
    });
    expect(parseLevels('2', [10, 11], SCALE, 'nl')).toBeNull();
  });
});

describe.each(databases)('the self-assessment card on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create(DEMO);
  });
  afterEach(async () => {
    await db.close();
  });

  it('asks all confirmed indicators at once, shows what each level means, and echoes free wording', async () => {
    const bot = makeBot(db);
    for (const text of [
      'reflectie',
      'werkplek',
      'Een cliënt kwam langs met vragen over zijn huur.',
      'Ik moest het gesprek voorbereiden en leiden.',
      'Ik heb samengevat wat de cliënt vertelde en doorgevraagd naar wat hij zelf wilde doen.',
      'De cliënt voelde zich gehoord en we maakten samen een afspraak voor volgende week.',
    ])
      await say(bot, 'tom', text);
    await say(bot, 'tom', 'Volgende keer vraag ik sneller door.');
    const assess = await say(bot, 'tom', 'SW1.3 SW2.1');
    expect(cardKinds(assess)).toEqual(['reflection-assess']);
    const card = assess[0]!.card!;
    const [sw13, sw21] = [await indicatorId(db, 'SW1.3'), await indicatorId(db, 'SW2.1')];
    const inputs = card.elements.filter((e) => e.type === 'choice');
    expect(inputs.map((e) => (e.type === 'choice' ? e.id : ''))).toEqual([`level_${sw13}`, `level_${sw21}`]);
    expect(textOf(assess)).toContain('Doet het met veel sturing en voorbeelden van de mentor.');
    // One word for "not observed": the scale's own, in the question and on the card.
    expect(JSON.stringify(card)).not.toMatch(/niet geobserveerd/i);
    expect(JSON.stringify(card)).toContain('Niet aan bod gekomen');
    const next = await say(bot, 'tom', 'eerder bekwaam, niet aan bod');
    expect(textOf(next)).toContain(
      t('nl', 'reflection.assessEcho', { levels: 'SW1.3 Bekwaam; SW2.1 Niet aan bod gekomen' }),
    );
    expect(cardKinds(next)).toEqual(['reflection-visibility']);
  });
});

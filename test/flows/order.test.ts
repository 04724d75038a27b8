// Issue item 2: a long answer at "Actie" that mixes situation and action sentences keeps the student's order,
// also after "dieper", in "mijn reflecties" and on the mentor's card; the student is shown what went where.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../bot/i18n/index.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { conversationOf, DEMO, makeBot, say, textOf } from '../support/harness.js';

const SENTENCES = [
  'Ik heb eerst samengevat wat de cliënt vertelde over zijn schulden.',
  'Tijdens het gesprek kwam zijn zus binnen en het werd onrustig.',
  'Daarna vroeg ik door naar wat hij zelf wilde regelen.',
  'Toen was het al bijna vier uur en de wachtzaal zat vol.',
  'Ik heb hem ook uitgelegd welke documenten hij moest meebrengen naar de volgende afspraak bij de schuldbemiddelaar.',
  'Uiteindelijk was hij opgelucht en maakten we samen een nieuwe afspraak.',
];

describe.each(databases)('long messages keep their order on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create(DEMO);
  });
  afterEach(async () => {
    await db.close();
  });

  it('never moves a sentence before one written earlier, and shows what went where', async () => {
    const bot = makeBot(db);
    await say(bot, 'tom', 'reflectie');
    await say(bot, 'tom', 'werkplek');
    await say(bot, 'tom', 'Een man kwam naar het onthaal met een stapel onbetaalde facturen.');
    await say(bot, 'tom', 'Ik moest het intakegesprek leiden.');
    const out = await say(bot, 'tom', SENTENCES.join(' '));
    expect(textOf(out)).toContain(t('nl', 'reflection.longMessage'));
    expect(textOf(out)).toContain('• Actie: "Ik heb eerst samengevat');
    expect(textOf(out)).toContain('• Resultaat: "Uiteindelijk was hij');
    await say(bot, 'tom', 'dieper');
    const state = (await conversationOf(db, 'tom'))!.state as { answers: Record<string, string> };
    const all = Object.values(state.answers).join('\n');
    const positions = ['Een man kwam naar het onthaal', 'Ik moest het intakegesprek leiden', ...SENTENCES].map((s) =>
      all.indexOf(s),
    );
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

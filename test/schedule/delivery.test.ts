// Nudges through the real adapters against the fake Slack API and the fake Bot Connector, with the real core on a
// real database: the nudge arrives in the student's DM naming the workplace, answering it (a text in Slack, the
// card's button in Teams) starts the reflection linked to that shift, and a student who blocked the bot shows up
// in `leerkans health`. Real time: the shift ended 31 minutes ago.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { healthCommand } from '../../app/cli/health.js';
import { silentLogger } from '../../bot/log/logger.js';
import { createDispatcher } from '../../bot/outbox/dispatcher.js';
import { createNudgePlanner } from '../../bot/schedule/planner.js';
import type { Db } from '../../db/db.js';
import { dmChannelFor } from '../fakes/slack-api.js';
import { conversationOf, makeBot, seed } from '../support/harness.js';
import { messagesIn, lastCardWith, clickPayload } from '../slack/slack-client.js';
import {
  dmEvent,
  eventually,
  postEvent,
  postInteraction,
  type SlackHarness,
  startSlackHarness,
  USERS as SLACK,
} from '../slack/support.js';
import { databases } from '../support/databases.js';
import { startTeamsHarness, type TeamsHarness, USERS as TEAMS } from '../teams/harness.js';

const MIN = 60_000;

/** A shift of `who` that ended `minutesAgo` ago (real time), at Zorgnet Kempen. */
async function shiftEnded(db: Db, email: string, minutesAgo: number): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO shifts (person_id, starts_at, ends_at, workplace)
     SELECT id, $2::timestamptz - interval '8 hours', $2::timestamptz, 'Zorgnet Kempen' FROM people WHERE email = $1
     RETURNING id`,
    [email, new Date(Date.now() - minutesAgo * MIN).toISOString()],
  );
  return r.rows[0]!.id;
}

/** Tests run at any hour: the default schedule, without quiet hours. */
async function afterShiftAllDay(db: Db) {
  await db.query('DELETE FROM schedules');
  await db.query(
    `INSERT INTO schedules (name, kind, minutes_after_shift, quiet_start, quiet_end)
     VALUES ('after-shift', 'after_shift', 30, '00:00', '00:00')`,
  );
}

const healthOf = async (db: Db) => {
  const lines: string[] = [];
  await healthCommand(db, {}, (l) => lines.push(l), { LEERKANS_TIMEZONE: 'Europe/Brussels' });
  return lines;
};

describe.each(databases)('nudges through Slack and Teams on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create();
  });
  afterEach(async () => {
    await db.close();
  });

  describe('Slack', () => {
    let h: SlackHarness;
    beforeEach(async () => {
      h = await startSlackHarness({ db });
      await afterShiftAllDay(db);
    });
    afterEach(async () => {
      await h.stop();
    });

    it('delivers the nudge in the DM; a text answer starts the reflection about that shift; blocked shows in health', async () => {
      const planner = createNudgePlanner({ db, logger: silentLogger });
      const amiraDm = dmChannelFor(SLACK.amira.id);
      // Amira has written the bot before, so her Slack identity is linked.
      await postEvent(h.url, dmEvent('hulp', SLACK.amira.id));
      await eventually(() => expect(messagesIn(h.fake, amiraDm)).toHaveLength(1));
      const shift = await shiftEnded(db, SLACK.amira.email, 31);
      const running = await shiftEnded(db, SLACK.tom.email, -60); // Tom's shift ends in an hour

      await planner.tick();
      await h.dispatcher!.tick();
      await planner.tick();
      await h.dispatcher!.tick();
      const nudges = messagesIn(h.fake, amiraDm).slice(1);
      expect(nudges).toHaveLength(1);
      expect(nudges[0]!.text).toContain('Zorgnet Kempen');
      expect(JSON.stringify(h.fake.callsTo('chat.postMessage').at(-1)!.args.blocks)).toContain('nudge.reflect');
      expect(messagesIn(h.fake, dmChannelFor(SLACK.tom.id))).toEqual([]);
      expect(running).toBeGreaterThan(0);

      await postEvent(
        h.url,
        dmEvent('Vandaag had ik een lastig gesprek met een cliënt over zijn schulden.', SLACK.amira.id),
      );
      await eventually(async () =>
        expect((await conversationOf(db, 'amira'))?.state).toMatchObject({ shiftId: shift, environment: 'workplace' }),
      );

      // Tom's next shift: his nudge fails because his account is gone.
      await postEvent(h.url, dmEvent('hulp', SLACK.tom.id));
      await eventually(() => expect(messagesIn(h.fake, dmChannelFor(SLACK.tom.id))).toHaveLength(1));
      await shiftEnded(db, SLACK.tom.email, 45);
      h.fake.fail('chat.postMessage', { kind: 'error', error: 'user_disabled' });
      await planner.tick();
      await h.dispatcher!.tick();
      const health = await healthOf(db);
      expect(health.find((l) => l.startsWith(SLACK.tom.email))).toMatch(/unreachable \(slack: slack:user_disabled/);
    });

    it('starts the reflection from the nudge’s button too', async () => {
      const planner = createNudgePlanner({ db, logger: silentLogger });
      const amiraDm = dmChannelFor(SLACK.amira.id);
      await postEvent(h.url, dmEvent('hulp', SLACK.amira.id));
      await eventually(() => expect(messagesIn(h.fake, amiraDm)).toHaveLength(1));
      const shift = await shiftEnded(db, SLACK.amira.email, 40);
      await planner.tick();
      await h.dispatcher!.tick();
      const card = lastCardWith(h.fake, amiraDm, 'nudge.reflect');
      const response = await postInteraction(h.url, clickPayload(card, { verb: 'nudge.reflect' }));
      expect(response.status).toBe(200);
      await eventually(async () =>
        expect((await conversationOf(db, 'amira'))?.state).toMatchObject({ shiftId: shift }),
      );
    });
  });

  describe('Teams', () => {
    let h: TeamsHarness;
    beforeEach(async () => {
      await seed(db);
      await afterShiftAllDay(db);
      h = await startTeamsHarness({ bot: makeBot(db, { now: () => new Date() }) });
    });
    afterEach(async () => {
      await h.close();
    });

    it('delivers the nudge in the personal chat; its button starts the reflection; a block shows in health', async () => {
      const planner = createNudgePlanner({ db, logger: silentLogger });
      const dispatcher = createDispatcher({
        db,
        surfaces: () => new Map([['teams', h.adapter.surface]]),
        logger: silentLogger,
      });
      expect((await h.post(h.activity('installation-add', TEAMS.tom))).status).toBe(200);
      const before = h.connector.sent().length;
      const shift = await shiftEnded(db, TEAMS.tom.email, 31);
      await planner.tick();
      await dispatcher.tick();
      await planner.tick();
      await dispatcher.tick();
      const sent = h.connector.sent().slice(before) as { text?: string; attachments?: { content: unknown }[] }[];
      expect(sent).toHaveLength(1);
      expect(JSON.stringify(sent[0])).toContain('Je shift bij Zorgnet Kempen is voorbij');
      const call = h.connector.calls.filter((c) => c.kind === 'send').at(-1)!;
      expect(call.conversationId).toBe(TEAMS.tom.conversationId);
      const card = JSON.stringify(sent[0]!.attachments![0]!.content);
      expect(card).toContain('"verb":"nudge.reflect"');
      expect(card).toContain(`"shiftId":"${shift}"`);

      const invoke = h.activity('invoke-action', TEAMS.tom, {
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'nudge.reflect',
            data: { verb: 'nudge.reflect', shiftId: String(shift) },
          },
          trigger: 'manual',
        },
      });
      expect((await h.post(invoke)).status).toBe(200);
      expect((await conversationOf(db, 'tom'))?.state).toMatchObject({ shiftId: shift, environment: 'workplace' });

      // Tom blocks the bot; his next nudge is refused and the admin sees why.
      await shiftEnded(db, TEAMS.tom.email, 50);
      h.connector.fail({
        status: 403,
        code: 'ConversationBlockedByUser',
        message: 'User blocked the conversation with the bot.',
      });
      await planner.tick();
      await dispatcher.tick();
      const health = await healthOf(db);
      expect(health.find((l) => l.startsWith(TEAMS.tom.email))).toMatch(
        /unreachable \(teams: 403 ConversationBlockedByUser/,
      );
      expect(health[0]).toMatch(/failed 1, unreachable people 1$/);
    });
  });
});

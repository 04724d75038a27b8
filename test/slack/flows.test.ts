// Whole conversations through Slack, over real signed HTTP, with the real core on a fresh database and the real
// WebClient talking to the fake Slack API: a student completes a reflection in the DM (text answers and Block Kit
// buttons), the mentor gets the feedback card through the outbox and submits it from Block Kit, the card turns into
// the read-only version, the student is told; the slash command; App Home; identity linking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../bot/i18n/index.js';
import type { Db } from '../../db/db.js';
import { QUESTION_SETS } from '../../prompts/reflection/index.js';
import { dmChannelFor } from '../fakes/slack-api.js';
import { databases } from '../support/databases.js';
import { buttonsOf, clickPayload, lastCardWith, messagesIn } from './slack-client.js';
import {
  dmEvent,
  eventually,
  fixture,
  postCommand,
  postEvent,
  postInteraction,
  type SlackHarness,
  startSlackHarness,
  USERS,
} from './support.js';

const AMIRA_DM = dmChannelFor(USERS.amira.id);
const JAN_DM = dmChannelFor(USERS.jan.id);
const starr = (i: number) => QUESTION_SETS.starr.parts[i]!.question.nl;
const ANSWERS = [
  'Een nieuwe cliënt kwam aan het onthaal met vragen over zijn huur en een brief van de huisbaas.',
  'Ik moest het intakegesprek voeren, zijn hulpvraag in kaart brengen en de volgende stappen afspreken.',
  'Ik vatte samen wat hij vertelde, vroeg door naar zijn netwerk en checkte of ik het goed begreep.',
  'Hij voelde zich gehoord, werd rustiger en we maakten samen een afspraak met de schuldbemiddelaar.',
  'Ik leerde dat rustig samenvatten helpt; volgende keer vraag ik meteen naar zijn netwerk en inkomsten.',
];

describe.each(databases)('Slack conversations end to end ($name)', (database) => {
  let db: Db;
  let h: SlackHarness;
  /** The mentor's submit click, replayed below. */
  let submitted: Record<string, unknown>;

  /** Sends, expects 200, then waits until the turn is over (it runs after the ack) and returns its Slack calls. */
  const turn = async (send: () => Promise<Response>) => {
    const before = h.fake.calls.length;
    const response = await send();
    expect(response.status).toBe(200);
    await h.adapter.idle();
    const calls = h.fake.calls.slice(before);
    expect(calls.length).toBeGreaterThan(0);
    return calls;
  };
  const say = (userId: string, text: string) => turn(() => postEvent(h.url, dmEvent(text, userId)));
  const click = (channel: string, verb: string, o: Parameters<typeof clickPayload>[1] = { verb }) =>
    turn(() => postInteraction(h.url, clickPayload(lastCardWith(h.fake, channel, verb), { ...o, verb })));
  const lastText = (channel: string) => messagesIn(h.fake, channel).at(-1)?.text ?? '';
  const allText = (channel: string) =>
    messagesIn(h.fake, channel)
      .map((m) => m.text)
      .join('\n');
  const one = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    (await db.query<T>(sql, params)).rows[0]!;

  beforeAll(async () => {
    db = await database.create();
    h = await startSlackHarness({ db });
  });
  afterAll(async () => {
    await h?.stop();
    await db?.close();
  });

  it('links a Slack user to the roster by the users.info email on first contact, and stores the DM channel', async () => {
    const calls = await say(USERS.jan.id, 'hulp');
    expect(calls.filter((c) => c.method === 'users.info').map((c) => c.args)).toEqual([
      expect.objectContaining({ user: USERS.jan.id, include_locale: 'true' }),
    ]);
    expect(lastText(JAN_DM)).toMatch(/feedback voor/i);
    const identity = await one<{ email: string; reference: unknown; tenant_id: string }>(
      `SELECT p.email, i.reference, i.tenant_id FROM platform_identities i JOIN people p ON p.id = i.person_id
        WHERE i.platform = 'slack' AND i.user_id = $1`,
      [USERS.jan.id],
    );
    expect(identity).toEqual({ email: USERS.jan.email, reference: { channelId: JAN_DM }, tenant_id: 'T0LEERKANS' });
    // The next message needs no lookup: the profile is cached for this process.
    const again = await say(USERS.jan.id, 'help');
    expect(again.map((c) => c.method)).toEqual(['chat.postMessage']);
  });

  it('hands a reply Slack refused (after the turn was stored) to the outbox instead of losing it', async () => {
    h.fake.fail('chat.postMessage', { kind: 'error', error: 'fatal_error' }, 1);
    const event = dmEvent('help', USERS.jan.id);
    await turn(() => postEvent(h.url, event));
    const deferred = await one<{ n: number; text: string }>(
      `SELECT count(*)::int AS n, min(payload->>'text') AS text FROM outbox WHERE dedupe_key LIKE $1`,
      [`reply:slack:${String(event.event_id)}:%`],
    );
    expect(deferred.n).toBe(1);
    expect(deferred.text).toMatch(/feedback voor/i);
  });

  it('tells an unknown Slack user they are not enrolled, and stores nothing about them', async () => {
    const event = dmEvent('reflectie', USERS.stranger.id);
    const calls = await turn(() => postEvent(h.url, event));
    expect(calls.map((c) => c.method)).toEqual(['users.info', 'chat.postMessage']);
    expect(lastText(dmChannelFor(USERS.stranger.id))).toBe(t('nl-BE', 'common.notEnrolled'));
    const stored = await one<{ identities: number; events: number; people: number }>(
      `SELECT (SELECT count(*)::int FROM platform_identities WHERE user_id = $1) AS identities,
              (SELECT count(*)::int FROM processed_events WHERE key = $2) AS events,
              (SELECT count(*)::int FROM people WHERE email = $3) AS people`,
      [USERS.stranger.id, `slack:${String(event.event_id)}`, USERS.stranger.email],
    );
    expect(stored).toEqual({ identities: 0, events: 0, people: 0 });
  });

  it('a student completes a reflection by DM, with text answers and Block Kit buttons', async () => {
    await say(USERS.amira.id, 'reflectie');
    expect(lastText(AMIRA_DM)).toContain(t('nl', 'reflection.environmentQuestion'));
    const environmentCard = lastCardWith(h.fake, AMIRA_DM, 'reflection.environment');
    // Three buttons share the verb: Slack needs distinct action ids, the core gets the verb back.
    expect(buttonsOf(environmentCard).map((b) => b.action_id)).toEqual([
      'reflection.environment',
      'reflection.environment#2',
      'reflection.environment#3',
    ]);

    await click(AMIRA_DM, 'reflection.environment', {
      verb: 'reflection.environment',
      data: { environment: 'workplace' },
    });
    expect(allText(AMIRA_DM)).toContain(starr(0));
    for (const answer of ANSWERS) await say(USERS.amira.id, answer);
    expect(lastText(AMIRA_DM)).toContain(t('nl', 'reflection.indicatorsQuestion'));

    // Confirm the suggested indicators as the checkboxes stand (Slack sends their initial state along).
    await click(AMIRA_DM, 'reflection.indicators', { verb: 'reflection.indicators', data: { choice: 'selected' } });
    // One self-assessment card for every confirmed indicator: pick level 3 on each.
    const assessCard = messagesIn(h.fake, AMIRA_DM).at(-1)!;
    const assessData = JSON.parse(buttonsOf(assessCard)[0]!.value!) as { indicatorIds: string };
    await click(AMIRA_DM, 'reflection.assess', {
      verb: 'reflection.assess',
      inputs: Object.fromEntries(assessData.indicatorIds.split(',').map((id) => [`level_${id}`, '3'])),
      data: { indicatorIds: assessData.indicatorIds },
    });
    expect(lastText(AMIRA_DM)).toContain(t('nl', 'reflection.visibilityQuestion'));
    await click(AMIRA_DM, 'reflection.visibility', {
      verb: 'reflection.visibility',
      data: { visibility: 'coach_mentors' },
    });
    expect(lastText(AMIRA_DM)).toContain('Jan Peeters');
    await click(AMIRA_DM, 'reflection.feedback', { verb: 'reflection.feedback', data: { answer: 'yes' } });
    expect(allText(AMIRA_DM)).toContain(t('nl', 'reflection.saved'));

    const reflection = await one<{ environment: string; visibility: string; body: string; links: number }>(
      `SELECT r.environment, r.visibility, r.body,
              (SELECT count(*)::int FROM reflection_indicators ri WHERE ri.reflection_id = r.id) AS links
         FROM reflections r JOIN people p ON p.id = r.person_id WHERE p.email = $1`,
      [USERS.amira.email],
    );
    expect(reflection).toMatchObject({
      environment: 'workplace',
      visibility: 'coach_mentors',
      links: expect.any(Number),
    });
    expect(reflection.links).toBeGreaterThan(0);
    expect(reflection.body).toContain(ANSWERS[0]);
    const selfAssessed = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM assessments a JOIN people p ON p.id = a.actor_id
        WHERE p.email = $1 AND a.actor_role = 'student' AND a.level = 3`,
      [USERS.amira.email],
    );
    expect(selfAssessed.n).toBe(reflection.links);
    const request = await one<{ status: string; mentor: string }>(
      `SELECT fr.status, m.email AS mentor FROM feedback_requests fr JOIN people m ON m.id = fr.requested_of`,
    );
    expect(request).toEqual({ status: 'open', mentor: USERS.jan.email });
  });

  it('the mentor gets the feedback card in the DM (outbox → surface.send) and submits it from Block Kit', async () => {
    const before = messagesIn(h.fake, JAN_DM).length;
    await h.runOutbox();
    await eventually(() => expect(messagesIn(h.fake, JAN_DM).length).toBeGreaterThan(before));
    const card = lastCardWith(h.fake, JAN_DM, 'feedback.submit');
    expect(card.text).toContain('Amira');
    const outbox = await one<{ status: string; platform: string }>(
      `SELECT o.status, o.platform FROM outbox o JOIN people p ON p.id = o.person_id WHERE p.email = $1`,
      [USERS.jan.email],
    );
    expect(outbox).toEqual({ status: 'sent', platform: 'slack' });

    // Jan fills in the card the way Slack shows it (selects, radio buttons, text inputs) and clicks submit.
    // Every focus indicator has its own level input, nothing pre-selected.
    const levels = card.blocks.filter((b) => b.block_id?.startsWith('level_')).map((b) => b.block_id!);
    expect(levels.length).toBeGreaterThan(0);
    submitted = clickPayload(card, {
      user: { id: USERS.jan.id, name: 'jan.peeters' },
      verb: 'feedback.submit',
      inputs: {
        task: 'Intakegesprek aan het onthaal',
        ...Object.fromEntries(levels.map((id) => [id, '3'])),
        wentWell: 'Je vatte helder samen en liet de cliënt aan het woord.',
        nextStep: 'Vraag volgende keer ook naar het netwerk van de cliënt.',
      },
    });
    const calls = await turn(() => postInteraction(h.url, submitted));
    // The card is replaced in place by the read-only "thank you" version.
    const update = calls.find((c) => c.method === 'chat.update');
    expect(update?.args).toMatchObject({ channel: JAN_DM, ts: card.ts });
    const replaced = messagesIn(h.fake, JAN_DM).find((m) => m.ts === card.ts)!;
    expect(replaced.updated).toBe(true);
    expect(buttonsOf(replaced).map((b) => b.action_id)).toEqual(['feedback.edit']);
    expect(replaced.text).toContain(t('nl', 'feedback.thanks.title'));

    const stored = await one<{ level: number; role: string; next_step: string; status: string }>(
      `SELECT a.level, a.actor_role AS role, f.next_step, fr.status
         FROM assessments a JOIN feedback f ON f.assessment_id = a.id JOIN feedback_requests fr ON fr.id = f.request_id
        WHERE a.actor_role = 'mentor'`,
    );
    expect(stored).toEqual({
      level: 3,
      role: 'mentor',
      next_step: 'Vraag volgende keer ook naar het netwerk van de cliënt.',
      status: 'answered',
    });

    // Amira hears about it through the outbox, in her DM.
    const amiraBefore = messagesIn(h.fake, AMIRA_DM).length;
    await h.runOutbox();
    await eventually(() => expect(messagesIn(h.fake, AMIRA_DM).length).toBeGreaterThan(amiraBefore));
    expect(lastText(AMIRA_DM)).toContain('Jan');
  });

  it('a replayed submit (same payload) and a second click on the old card store nothing more', async () => {
    const count = async () =>
      await one<{ a: number; f: number }>(
        'SELECT (SELECT count(*)::int FROM assessments) AS a, (SELECT count(*)::int FROM feedback) AS f',
      );
    const before = await count();
    // The identical payload twice at once, then a distinct second click (new trigger and action_ts).
    const replays = await Promise.all([postInteraction(h.url, submitted), postInteraction(h.url, submitted)]);
    expect(replays.map((r) => r.status)).toEqual([200, 200]);
    const [action] = submitted.actions as Record<string, unknown>[];
    const second = {
      ...submitted,
      trigger_id: `${String(submitted.trigger_id)}2`,
      actions: [{ ...action, action_ts: `${(Date.now() / 1000).toFixed(6)}` }],
    };
    await turn(() => postInteraction(h.url, second));
    expect(await count()).toEqual(before);
  });

  it('the slash command: /leerkans <words> from any channel answers in the DM; a bare /leerkans shows help', async () => {
    const command = fixture<Record<string, string>>('slash-command');
    const progress = await turn(() => postCommand(h.url, { ...command, text: 'voortgang' }));
    // Amira's DM is known from her messages, so it is used without conversations.open.
    expect(progress.map((c) => c.method)).not.toContain('conversations.open');
    expect(progress.filter((c) => c.method === 'chat.postMessage').every((c) => c.args.channel === AMIRA_DM)).toBe(
      true,
    );
    expect(progress.some((c) => c.method === 'chat.postMessage')).toBe(true);
    const help = await turn(() => postCommand(h.url, { ...command, text: '', trigger_id: `${command.trigger_id}x` }));
    expect(help.find((c) => c.method === 'chat.postMessage')?.args.text).toMatch(/feedback voor|reflectie/i);
    // Tom has never written to the bot: his DM is opened (once) and stored.
    const tom = await turn(() =>
      postCommand(h.url, { ...command, user_id: USERS.tom.id, text: 'hulp', trigger_id: `${command.trigger_id}t` }),
    );
    expect(tom.map((c) => c.method)).toEqual(['users.info', 'conversations.open', 'chat.postMessage']);
    expect(tom[2]!.args.channel).toBe(dmChannelFor(USERS.tom.id));
    const stored = await one<{ reference: unknown }>(
      `SELECT reference FROM platform_identities WHERE platform = 'slack' AND user_id = $1`,
      [USERS.tom.id],
    );
    expect(stored.reference).toEqual({ channelId: dmChannelFor(USERS.tom.id) });
    // Nothing was posted in the channel the command was typed in.
    expect(messagesIn(h.fake, command.channel_id!)).toEqual([]);
  });

  it('App Home shows the person\'s overview; an unknown user gets the "not enrolled" note in their language', async () => {
    const home = fixture<{ event: Record<string, unknown> }>('event-app-home-opened');
    const calls = await turn(() => postEvent(h.url, home));
    const publish = calls.find((c) => c.method === 'views.publish')!;
    expect(publish.args.user_id).toBe(USERS.amira.id);
    const view = publish.args.view as { type: string; blocks: { type: string }[] };
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeGreaterThan(1);
    expect(JSON.stringify(view.blocks)).not.toContain(t('nl', 'common.notEnrolled'));

    const stranger = { ...home, event_id: 'Ev0HOME00002', event: { ...home.event, user: USERS.stranger.id } };
    const strangerCalls = await turn(() => postEvent(h.url, stranger));
    const note = strangerCalls.find((c) => c.method === 'views.publish')!.args.view as { blocks: unknown[] };
    expect(JSON.stringify(note.blocks)).toContain(t('en', 'common.notEnrolled').slice(0, 30));

    // Opening the Messages tab publishes nothing.
    const messagesTab = { ...home, event_id: 'Ev0HOME00003', event: { ...home.event, tab: 'messages' } };
    const before = h.fake.callsTo('views.publish').length;
    expect((await postEvent(h.url, messagesTab)).status).toBe(200);
    await h.adapter.idle();
    expect(h.fake.callsTo('views.publish')).toHaveLength(before);
  });
});

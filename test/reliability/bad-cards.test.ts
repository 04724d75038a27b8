// Forged card submits (test/fixtures/bad-input/cards.json): every verb the bot knows, and verbs nobody defined,
// with data and inputs a client could forge — someone else's ids, SQL, the wrong types, prototype keys, 100,000
// characters, 2,000 levels of nesting. Through the core for the whole matrix, and through every surface's own
// way of submitting a card: Slack block_actions, Teams Action.Execute (invoke) and its Action.Submit fallback,
// and the playground API. Each gets a sensible answer and changes nothing it may not change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE_CONFIRM } from '../../bot/commands/delete-reflection.js';
import { DIGEST_NUDGE, DIGEST_OPEN, DIGEST_REMIND } from '../../bot/digest/card.js';
import { MENTOR_OPEN_REQUEST } from '../../bot/digest/mentor.js';
import { FEEDBACK_EDIT, FEEDBACK_START, FEEDBACK_SUBMIT } from '../../bot/flows/feedback/card.js';
import { FEEDBACK_REACT } from '../../bot/flows/feedback/received.js';
import { PROGRESS_DETAIL } from '../../bot/flows/progress/card.js';
import { PROGRESS_SHOW } from '../../bot/flows/progress/view.js';
import { VERBS } from '../../bot/flows/reflection/cards.js';
import { SAFETY_VERBS } from '../../bot/flows/safety/crisis-reply.js';
import { NUDGE_VERBS } from '../../bot/schedule/nudge-card.js';
import type { Db } from '../../db/db.js';
import { act, requestFeedback, say, snapshotAll, type Who } from '../support/harness.js';
import { fixture, postInteraction, quiet, USERS as SLACK_USERS } from '../slack/support.js';
import { databases } from '../support/databases.js';
import { USERS as TEAMS_USERS } from '../teams/harness.js';
import { cards } from './support/corpus.js';
import { fullRun, recordFigures } from './support/figures.js';
import { replyProblem, type Surfaces, startSurfaces, webKey } from './support/surfaces.js';
import { watchProcess } from './support/watch.js';

watchProcess();
const corpus = cards();

/** Every verb a card of the bot can carry (the admin card's verbs are private to bot/commands/admin.ts). */
const KNOWN_VERBS = [
  ...Object.values(VERBS),
  ...Object.values(NUDGE_VERBS),
  ...Object.values(SAFETY_VERBS),
  'admin.overview',
  'admin.schedule.pause',
  'admin.schedule.resume',
  DELETE_CONFIRM,
  FEEDBACK_START,
  FEEDBACK_SUBMIT,
  FEEDBACK_EDIT,
  FEEDBACK_REACT,
  PROGRESS_SHOW,
  PROGRESS_DETAIL,
  DIGEST_OPEN,
  DIGEST_NUDGE,
  DIGEST_REMIND,
  MENTOR_OPEN_REQUEST,
];
const VERB_LIST = [...KNOWN_VERBS, ...corpus.unknownVerbs];

/**
 * Tables a forged submit must leave alone. Conversations and event keys may change (starting a reflection or
 * the feedback picker is what those buttons do, with no data at all); people may (`nudge.skip` is "skip today").
 */
const GUARDED = ['reflections', 'reflection_indicators', 'assessments', 'feedback', 'feedback_requests', 'outbox'];
const guarded = async (db: Db) => {
  const all = await snapshotAll(db);
  return Object.fromEntries(GUARDED.map((table) => [table, all[table]]));
};

describe.each(databases)('forged card submits on $name', (database) => {
  let db: Db;
  let s: Surfaces;
  const problems: string[] = [];
  let answered = 0;
  let refusedByApi = 0;

  beforeAll(async () => {
    db = await database.create();
    s = await startSurfaces(db);
    // Someone else's data to aim at: Amira's reflection 1 and her feedback request 1 to her mentor Jan.
    await requestFeedback(db, 'amira');
  });
  afterAll(async () => {
    await s?.stop();
    await db?.close();
  });

  const check = (where: string, text: unknown) => {
    const problem = replyProblem(text);
    if (problem) problems.push(`${where}: ${problem}`);
    else answered++;
  };

  it('answers every verb with every forged data and inputs, through the core, and changes nothing guarded', async () => {
    const before = await guarded(db);
    // Tom is a student who owns none of it, Lien a mentor who is not Amira's.
    // Jan is Amira's mentor: forged data must not pass for him either. The full run tries every actor on every
    // pair; `npm test` gives each pair of verb and variant to one of them in turn.
    const actors: Who[] = ['tom', 'lien', 'jan'];
    const variants = [
      ...corpus.data.map((d) => ({ name: d.name, data: d.data, inputs: {} })),
      ...corpus.inputs.map((i) => ({ name: i.name, data: {}, inputs: i.inputs })),
    ];
    let turns = 0;
    for (const [a, who] of actors.entries()) {
      for (const verb of VERB_LIST) {
        for (const [n, v] of variants.entries()) {
          if (!fullRun() && (n + VERB_LIST.indexOf(verb)) % actors.length !== a) continue;
          const out = await act(s.bot, who, verb, v.data, v.inputs);
          turns++;
          if (out.length === 0) problems.push(`${who} ${verb.slice(0, 40)} "${v.name}": no reply`);
          for (const o of out) check(`${who} ${verb.slice(0, 40)} "${v.name}"`, o.text);
        }
        // Leave no flow open, so the next verb meets the same state.
        await say(s.bot, who, 'stop');
      }
    }
    expect(problems).toEqual([]);
    expect(await guarded(db)).toEqual(before);
    recordFigures('bad input: card submits', `${database.name} core`, {
      verbs: VERB_LIST.length,
      'forged variants': corpus.data.length + corpus.inputs.length,
      turns,
      'guarded rows changed': 0,
    });
  });

  it('answers forged Slack block_actions: a reply in the DM, nothing guarded changed', async () => {
    const before = await guarded(db);
    const values = [
      ...corpus.data.map((d) => ({
        name: d.name,
        value: JSON.stringify(isObject(d.data) ? { verb: FEEDBACK_SUBMIT, ...d.data } : d.data),
      })),
      { name: 'not JSON', value: '}{"verb":' },
      { name: 'no value', value: undefined },
    ];
    for (const verb of [FEEDBACK_SUBMIT, VERBS.assess, 'admin.schedule.pause', 'does.not.exist']) {
      for (const v of values) {
        const body = fixture<Record<string, unknown>>('block-actions');
        const [action] = body.actions as Record<string, unknown>[];
        body.user = { id: SLACK_USERS.amira.id, team_id: 'T0LEERKANS' };
        body.trigger_id = `${Date.now()}.${Math.random()}`;
        body.actions = [{ ...action, action_id: verb, value: v.value, action_ts: `${Date.now() / 1000}` }];
        body.state = { values: { b: { level_1: { type: 'static_select', selected_option: { value: '99' } } } } };
        const posted = s.slack.fake.callsTo('chat.postMessage').length + s.slack.fake.callsTo('chat.update').length;
        const res = await postInteraction(s.slack.url, body);
        expect(res.status, v.name).toBe(200);
        await quiet(s.slack.adapter);
        const calls = [...s.slack.fake.callsTo('chat.postMessage'), ...s.slack.fake.callsTo('chat.update')];
        const fresh = calls.slice(posted);
        if (fresh.length === 0) problems.push(`slack ${verb} "${v.name}": no reply`);
        for (const call of fresh) check(`slack ${verb} "${v.name}"`, call.args.text);
      }
    }
    expect(problems).toEqual([]);
    expect(await guarded(db)).toEqual(before);
  });

  it('answers forged Teams Action.Execute invokes in the response, and the Action.Submit fallback in the chat', async () => {
    const before = await guarded(db);
    for (const verb of [FEEDBACK_SUBMIT, VERBS.assess, 'admin.schedule.pause', 'does.not.exist', '']) {
      for (const d of corpus.data) {
        const invoke = s.teams.activity('invoke-action', TEAMS_USERS.jan, {
          value: { action: { type: 'Action.Execute', verb, data: d.data }, trigger: 'manual' },
        });
        const res = await s.teams.post(invoke, { token: s.teamsToken() });
        expect(res.status, d.name).toBe(200);
        // The invoke response: a card (its text in the body) or a message.
        const body = res.body as { value?: unknown; type?: string } | undefined;
        const answer = typeof body?.value === 'string' ? body.value : JSON.stringify(body?.value ?? '');
        check(`teams execute ${verb} "${d.name}"`, answer);

        const sentBefore = s.teams.connector.sent().length + s.teams.connector.updates().length;
        const submit = s.teams.activity('submit-fallback', TEAMS_USERS.jan, {
          value: isObject(d.data) ? { ...d.data, verb } : d.data,
        });
        const res2 = await s.teams.post(submit, { token: s.teamsToken() });
        expect(res2.status, d.name).toBe(200);
        const after = s.teams.connector.sent().length + s.teams.connector.updates().length;
        // A fallback whose value is no object with a verb is no submit: it is an empty message, ignored.
        if (isObject(d.data) && verb) expect(after, `teams submit ${verb} "${d.name}"`).toBeGreaterThan(sentBefore);
      }
    }
    expect(problems).toEqual([]);
    expect(await guarded(db)).toEqual(before);
  });

  it('answers forged playground actions, or refuses them with a 400 that names the field', async () => {
    const before = await guarded(db);
    for (const verb of [FEEDBACK_SUBMIT, VERBS.assess, 'admin.schedule.pause', ...corpus.unknownVerbs]) {
      for (const v of [
        ...corpus.data.map((d) => ({ name: d.name, data: d.data, inputs: {} as unknown })),
        ...corpus.inputs.map((i) => ({ name: i.name, data: {}, inputs: i.inputs as unknown })),
      ]) {
        const res = await s.web.post('/playground/actions', {
          personEmail: 'lien.maes@ocmw.example.be',
          verb,
          data: v.data,
          inputs: v.inputs,
          key: webKey(),
        });
        if (res.status === 400 || res.status === 413) {
          expect(String(res.body?.message), v.name).toMatch(/^(verb|data|inputs)[.\w]*: |must be at most \d+ bytes/);
          refusedByApi++;
          continue;
        }
        expect(res.status, `${verb} ${v.name}`).toBe(200);
        const messages = res.body?.messages as unknown[];
        expect(messages.length, `${verb} ${v.name}`).toBeGreaterThan(0);
        answered++;
      }
    }
    expect(await guarded(db)).toEqual(before);
    recordFigures('bad input: card submits', `${database.name} surfaces`, {
      'answered sensibly': answered,
      'refused by the playground API (400/413)': refusedByApi,
      problems: problems.length,
    });
  });
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

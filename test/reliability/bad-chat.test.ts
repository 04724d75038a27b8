// The bad-input corpus (test/fixtures/bad-input/texts.json) through every chat entry point with the real core:
// a Slack DM and the /leerkans slash command (signed), a Teams message (with a Bot Framework JWT) and the
// playground API. Each text gets a sensible answer (or, on the playground, a 400 that says what is wrong), no
// reply pings anyone, nothing crashes, and what is stored is clean and bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../../bot/core/text.js';
import type { Db } from '../../db/db.js';
import { dmEvent, fixture, postCommand, postEvent, quiet, USERS as SLACK_USERS } from '../slack/support.js';
import { databases } from '../support/databases.js';
import { USERS as TEAMS_USERS } from '../teams/harness.js';
import { say } from '../support/harness.js';
import { texts } from './support/corpus.js';
import { recordFigures } from './support/figures.js';
import { replyProblem, type Surfaces, startSurfaces, webKey } from './support/surfaces.js';
import { watchProcess } from './support/watch.js';

const corpus = texts();
watchProcess();

/** What only a bug would store: control, zero-width and bidi-override characters (cleanText removes them). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNCLEAN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
/** Slack mrkdwn that would notify people if a reply carried it unescaped. */
const SLACK_PINGS = /<!(channel|here|everyone)>|<@U[A-Z0-9]+>/;

describe.each(databases)('the bad-input corpus as chat text on $name', (database) => {
  let db: Db;
  let s: Surfaces;
  const problems: string[] = [];
  let replies = 0;
  let refusals = 0;
  let ignored = 0;

  beforeAll(async () => {
    db = await database.create();
    s = await startSurfaces(db);
  });
  afterAll(async () => {
    await s?.stop();
    await db?.close();
  });

  const check = (where: string, name: string, text: unknown) => {
    const problem = replyProblem(text);
    if (problem) problems.push(`${where} "${name}": ${problem}`);
    else replies++;
  };

  it('answers every text in a Slack DM, without pinging anyone', async () => {
    for (const { name, text } of corpus) {
      const before = s.slack.fake.callsTo('chat.postMessage').length;
      const res = await postEvent(s.slack.url, dmEvent(text, SLACK_USERS.amira.id));
      expect(res.status, name).toBe(200);
      await quiet(s.slack.adapter);
      const posted = s.slack.fake.callsTo('chat.postMessage').slice(before);
      // Slack sends no message event without text; a text of only spaces is trimmed to nothing and ignored.
      if (text.trim() === '') {
        expect(posted, name).toEqual([]);
        ignored++;
        continue;
      }
      expect(posted.length, name).toBeGreaterThan(0);
      for (const call of posted) {
        check('slack dm', name, call.args.text);
        expect(String(call.args.text), name).not.toMatch(SLACK_PINGS);
      }
    }
  });

  it('answers every text given to the /leerkans slash command', async () => {
    for (const { name, text } of corpus) {
      const before = s.slack.fake.callsTo('chat.postMessage').length;
      const command = fixture<Record<string, string>>('slash-command');
      const res = await postCommand(s.slack.url, {
        ...command,
        user_id: SLACK_USERS.amira.id,
        text,
        trigger_id: `${Date.now()}.${Math.random()}`,
      });
      expect(res.status, name).toBe(200);
      await quiet(s.slack.adapter);
      const posted = s.slack.fake.callsTo('chat.postMessage').slice(before);
      expect(posted.length, name).toBeGreaterThan(0);
      for (const call of posted) {
        check('slack command', name, call.args.text);
        expect(String(call.args.text), name).not.toMatch(SLACK_PINGS);
      }
    }
  });

  it('answers every text in a Teams chat', async () => {
    for (const { name, text } of corpus) {
      const before = s.teams.connector.sent().length;
      const res = await s.teams.post(s.teams.activity('message', TEAMS_USERS.tom, { text }), { token: s.teamsToken() });
      expect(res.status, name).toBe(200);
      const sent = s.teams.connector.sent().slice(before);
      // Teams sends no message without text; one of only spaces has nothing to read and is ignored.
      if (text.trim() === '') {
        expect(sent, name).toEqual([]);
        ignored++;
        continue;
      }
      expect(sent.length, name).toBeGreaterThan(0);
      for (const activity of sent) {
        // A card goes with its text as the notification summary.
        check('teams', name, activity.text ?? activity.summary);
        // A mention in a reply would be a notification the bot never meant to send.
        expect(JSON.stringify(activity.entities ?? []), name).not.toContain('"mention"');
      }
    }
  });

  it('answers every text on the playground, or refuses it with a 400 that says why', async () => {
    for (const { name, text } of corpus) {
      const res = await s.web.post('/playground/messages', {
        personEmail: 'lucas.dubois@student.example.be',
        text,
        key: webKey(),
      });
      if (res.status === 400 || res.status === 413) {
        // Empty and over-long texts are refused by the API's schema naming the field, or by the body limit.
        expect(String(res.body?.message), name).toMatch(/^text: expected|must be at most \d+ bytes/);
        refusals++;
        continue;
      }
      expect(res.status, name).toBe(200);
      const messages = res.body?.messages as unknown[];
      expect(messages.length, name).toBeGreaterThan(0);
    }
    // The replies themselves are in the person's log, which the adapter renders; the core's texts are checked
    // through the other surfaces. Here: every accepted text was answered (above) and the server still serves.
    const people = await fetch(`${s.web.url}/playground/people`);
    expect(people.status).toBe(200);
  });

  it('answers every text given to the core as an answer inside a reflection, blank ones included', async () => {
    // The core directly, so that even the blank texts the platforms never deliver reach the flow.
    const answer = (text: string) => say(s.bot, 'lucas', text);
    // Each text as the answer to the first question of a fresh reflection, and to the one after it.
    for (const { name, text } of corpus) {
      await answer('stop');
      await answer('reflectie');
      for (const step of [1, 2]) {
        const out = await answer(text);
        expect(out.length, `${name} (answer ${step})`).toBeGreaterThan(0);
        for (const o of out) check(`core reflection answer ${step}`, name, o.text);
      }
    }
    await answer('stop');
  });

  it('stored only clean, bounded text, and every conversation is whole', async () => {
    // Every text column of every table a turn writes: no control or bidi characters, nothing over the limit.
    const columns = await db.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb')
          AND table_name IN ('conversations', 'reflections', 'reflection_indicators', 'assessments', 'feedback',
                             'feedback_requests', 'audit_log', 'people', 'platform_identities')`,
    );
    expect(columns.rows.length).toBeGreaterThan(10);
    for (const c of columns.rows) {
      const values = await db.query<{ v: string }>(`SELECT "${c.column_name}"::text AS v FROM ${c.table_name}`);
      for (const { v } of values.rows) {
        if (v === null) continue;
        // jsonb escapes control characters as \uXXXX: decode its keys and strings before looking.
        const decoded = c.data_type === 'jsonb' ? decodeJsonStrings(v) : v;
        if (UNCLEAN.test(decoded)) problems.push(`${c.table_name}.${c.column_name} holds a control character`);
        if (c.data_type === 'text' && v.length > MAX_MESSAGE_CHARS)
          problems.push(`${c.table_name}.${c.column_name} holds ${v.length} characters`);
      }
    }
    const conversations = await db.query<{ ok: boolean }>(
      `SELECT jsonb_typeof(state) = 'object' AND step IS NOT NULL AS ok FROM conversations`,
    );
    for (const row of conversations.rows) expect(row.ok).toBe(true);
    expect(problems).toEqual([]);
    recordFigures('bad input: chat text', database.name, {
      texts: corpus.length,
      'entry points': 5,
      'sensible replies': replies,
      'refused by the playground API (400/413)': refusals,
      'blank, ignored by Slack': ignored,
      problems: problems.length,
    });
  });
});

/** All string values inside a JSON text, joined, with their escapes decoded. */
function decodeJsonStrings(json: string): string {
  const out: string[] = [];
  JSON.parse(json, (key, value) => {
    out.push(key);
    if (typeof value === 'string') out.push(value);
    return value;
  });
  return out.join('\n');
}

// Malformed requests (test/fixtures/bad-input/requests.json) at each HTTP entry point, with valid credentials so
// they get past the door: Slack (signed), Teams (a valid Bot Framework JWT) and the playground API. Wrong content
// types, truncated and oversized bodies, the wrong JSON types where objects belong, forged modal metadata. Each is
// answered with 2xx or a 4xx that says what is wrong (never a 5xx), leaves no trace in the database, and the
// endpoint answers a normal message right after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { dmEvent, eventually, postEvent, quiet, sendSigned, USERS as SLACK_USERS } from '../slack/support.js';
import { databases } from '../support/databases.js';
import { USERS as TEAMS_USERS } from '../teams/harness.js';
import { requests } from './support/corpus.js';
import { recordFigures } from './support/figures.js';
import { type Surfaces, startSurfaces } from './support/surfaces.js';
import { watchProcess } from './support/watch.js';

watchProcess();
const corpus = requests();
const ANSWERS = new Set([200, 400, 401, 403, 404, 413, 415]);

describe.each(databases)('malformed requests on $name', (database) => {
  let db: Db;
  let s: Surfaces;
  const statuses: Record<string, Record<number, number>> = { slack: {}, teams: {}, playground: {} };
  const count = (where: string, status: number) => {
    const seen = statuses[where]!;
    seen[status] = (seen[status] ?? 0) + 1;
  };

  beforeAll(async () => {
    db = await database.create();
    s = await startSurfaces(db);
  });
  afterAll(async () => {
    await s?.stop();
    await db?.close();
  });

  /** What a request may change: nothing, for every case in the corpus (none of them is a valid turn). */
  const footprint = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*)::int FROM processed_events) AS events,
                (SELECT count(*)::int FROM conversations) AS conversations,
                (SELECT count(*)::int FROM reflections) AS reflections,
                (SELECT count(*)::int FROM feedback) AS feedback,
                (SELECT count(*)::int FROM schedules WHERE active) AS active_schedules,
                (SELECT count(*)::int FROM outbox) AS outbox,
                (SELECT count(*)::int FROM audit_log) AS audit`,
      )
    ).rows[0];

  it('Slack: every malformed signed request gets 200 or a 4xx, and a normal DM still works', async () => {
    const before = await footprint();
    for (const c of corpus.slack) {
      const res = await sendSigned(s.slack.url, c.body ?? '', c.contentType);
      await res.text();
      expect(ANSWERS.has(res.status), `${c.name}: ${res.status}`).toBe(true);
      count('slack', res.status);
      await quiet(s.slack.adapter);
    }
    expect(await footprint()).toEqual(before);
    const posted = s.slack.fake.callsTo('chat.postMessage').length;
    expect((await postEvent(s.slack.url, dmEvent('hulp', SLACK_USERS.amira.id))).status).toBe(200);
    await eventually(() => expect(s.slack.fake.callsTo('chat.postMessage').length).toBe(posted + 1));
  });

  it('Teams: every malformed authenticated request gets 200 or a 4xx, and a normal message still works', async () => {
    const before = await footprint();
    let valid = 0;
    for (const c of corpus.teams) {
      const sent = s.teams.connector.sent().length;
      let body = c.body;
      if (c.activity) body = JSON.stringify({ ...s.teams.activity('message', TEAMS_USERS.tom), ...c.activity });
      if ('invoke' in c)
        body = JSON.stringify({ ...s.teams.activity('invoke-action', TEAMS_USERS.jan), value: c.invoke });
      const res = await fetch(`${s.teams.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': c.contentType, authorization: `Bearer ${s.teamsToken()}` },
        body: body ?? '',
      });
      const text = await res.text();
      await s.teams.adapter.idle();
      // An invoke nothing handles is answered 501, the Bot Framework's "not implemented" for invokes.
      const invoke = body?.includes('"type":"invoke"') && res.status === 501;
      expect(ANSWERS.has(res.status) || invoke, `${c.name}: ${res.status} ${text}`).toBe(true);
      count('teams', res.status);
      if (c.valid) {
        valid++;
        expect(s.teams.connector.sent().length, c.name).toBe(sent + 1);
      }
    }
    // Only the odd but well-formed messages were turns.
    expect(await footprint()).toEqual({ ...before, events: Number(before!.events) + valid });
    const sent = s.teams.connector.sent().length;
    const ok = await s.teams.post(s.teams.activity('message', TEAMS_USERS.tom, { text: 'hulp' }), {
      token: s.teamsToken(),
    });
    expect(ok.status).toBe(200);
    expect(s.teams.connector.sent().length).toBe(sent + 1);
  });

  it('playground: every malformed request gets a 4xx with a message, or a sensible 200', async () => {
    const before = await footprint();
    for (const c of corpus.playground) {
      const res = await fetch(`${s.web.url}${c.path}`, {
        method: 'POST',
        headers: c.contentType ? { 'content-type': c.contentType } : {},
        body: c.body ?? '',
      });
      const body = (await res.json()) as { message?: string; messages?: unknown[] };
      expect(ANSWERS.has(res.status), `${c.name}: ${res.status}`).toBe(true);
      count('playground', res.status);
      // Every refusal says what is wrong; the one valid request (someone not on the roster) is answered.
      if (res.status === 200) expect(body.messages?.length, c.name).toBe(1);
      else expect(body.message, c.name).toMatch(/\w+/);
    }
    // The one case that reaches the core is someone not on the roster: answered, and nothing stored about them.
    expect(await footprint()).toEqual(before);
    const ok = await s.web.post('/playground/messages', {
      personEmail: 'tom.vermeulen@student.example.be',
      text: 'hulp',
      key: 'after-the-bad-ones',
    });
    expect(ok.status).toBe(200);
    recordFigures('bad input: malformed requests', database.name, {
      slack: corpus.slack.length,
      teams: corpus.teams.length,
      playground: corpus.playground.length,
      'answers (status × n)': Object.entries(statuses)
        .map(
          ([where, seen]) =>
            `${where} ${Object.entries(seen)
              .map(([k, n]) => `${k}×${n}`)
              .join(' ')}`,
        )
        .join('; '),
    });
  });
});

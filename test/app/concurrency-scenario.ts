// The load the embedded database must survive (shared by test/app/concurrency.test.ts and bench/concurrency.ts):
// the whole server in this process (Slack against a fake Web API, Teams in Emulator mode against a fake Bot
// Connector), students reflecting over Slack and Teams, mentors submitting feedback cards (Slack block_actions,
// Teams Action.Execute), the outbox dispatcher telling students about it, and a CLI `import roster` and `export`
// running against the live server — all at once, `inFlight` requests at a time. It reports what went wrong
// instead of asserting, so the benchmark can print it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningLeerkans, startLeerkans } from '../../app/main.js';
import { loadConfig } from '../../bot/config/env.js';
import { percentile } from '../../bench/support.js';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector.js';
import { dmChannelFor, FAKE_BOT_TOKEN, type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js';
import { createPostgresTestDatabase } from '../support/databases.js';
import { runCli } from '../support/processes.js';
import { captureLogs, dmEvent, fixture, postEvent, postInteraction, SIGNING_SECRET } from '../slack/support.js';

export interface ScenarioOptions {
  database: 'pglite' | 'postgres';
  students: number;
  /** Free-text answers per student after "reflectie" (the STARR steps are filled in order). */
  answers: number;
  inFlight: number;
}

export interface ScenarioReport {
  requests: number;
  /** Requests not answered 2xx, or whose reply never came. */
  failedRequests: string[];
  /** Log lines at level error or worse (failed turns, timeouts). */
  errors: string[];
  /** Stored data that differs from what was sent. */
  mismatches: string[];
  cli: { import: number | null; export: number | null };
  latency: { p50: number; p99: number };
  ms: number;
}

const TENANT = 'b7e3c1d2-4a5f-4e6b-9c8d-1a2b3c4d5e6f';
const MENTORS = 6;
const STEPS = ['situation', 'task', 'action', 'result', 'reflection'];

interface Person {
  n: number;
  email: string;
  name: string;
  platform: 'slack' | 'teams';
  slackId: string;
  teamsId: string;
  aad: string;
  conversation: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const person = (kind: 's' | 'm', n: number, platform: 'slack' | 'teams'): Person => ({
  n,
  email: kind === 's' ? `student${pad(n)}@load.example.be` : `mentor${pad(n)}@load.example.be`,
  name: kind === 's' ? `Student ${pad(n)}` : `Mentor M${pad(n)}`,
  platform,
  slackId: `U0${kind.toUpperCase()}LOAD${pad(n)}`,
  teamsId: `29:load-${kind}-${pad(n)}`,
  aad: `00000000-0000-4000-8${kind === 's' ? '1' : '2'}00-${String(n).padStart(12, '0')}`,
  conversation: `a:load-chat-${kind}-${pad(n)}`,
});

const until = async (probe: () => boolean, timeoutMs = 60_000): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
};

/** At most `limit` requests in flight, shared by every simulated person. */
const semaphore = (limit: number) => {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
};

export async function runConcurrencyScenario(options: ScenarioOptions): Promise<ScenarioReport> {
  const started = performance.now();
  const slack: FakeSlackApi = await startFakeSlackApi();
  const connector: FakeBotConnector = await startFakeBotConnector();
  const dataDir = mkdtempSync(join(tmpdir(), 'leerkans-load-'));
  const pg = options.database === 'postgres' ? await createPostgresTestDatabase(process.env.DATABASE_URL!) : undefined;
  const logs = captureLogs('error');
  const env: Record<string, string> = pg ? { DATABASE_URL: pg.url } : { LEERKANS_DATA_DIR: dataDir };
  const config = loadConfig({
    ...env,
    PORT: '0',
    LEERKANS_DEMO: 'on',
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
  });
  let running: RunningLeerkans | undefined;
  const report: ScenarioReport = {
    requests: 0,
    failedRequests: [],
    errors: [],
    mismatches: [],
    cli: { import: null, export: null },
    latency: { p50: Number.NaN, p99: Number.NaN },
    ms: 0,
  };
  try {
    running = await startLeerkans(config, logs.logger);
    const base = `http://127.0.0.1:${running.port}`;
    const db = running.db;

    // 30 students (half on Slack, half on Teams) in the demo cohort, and six mentors (three on each platform).
    const mentors = Array.from({ length: MENTORS }, (_, i) => person('m', i + 1, i < MENTORS / 2 ? 'teams' : 'slack'));
    const students = Array.from({ length: options.students }, (_, i) =>
      person('s', i + 1, i % 2 === 0 ? 'slack' : 'teams'),
    );
    const mentorOf = (s: Person) => mentors[(s.n - 1) % MENTORS]!;
    const roster = [
      'email,name,roles,cohort,mentors,teachers,coaches,timezone,locale',
      ...mentors.map((m) => `${m.email},${m.name},mentor,,,,,Europe/Brussels,nl-BE`),
      ...students.map((s) => `${s.email},${s.name},student,SW-DUAAL-2026,${mentorOf(s).email},,,Europe/Brussels,nl-BE`),
    ].join('\n');
    const { importRoster } = await import('../../bot/imports/roster.js');
    await importRoster(db, 'load.csv', roster, { timeZone: 'Europe/Brussels', locale: 'nl-BE' });
    for (const p of [...mentors, ...students]) {
      if (p.platform === 'slack') slack.addUser({ id: p.slackId, email: p.email, name: p.name, locale: 'nl-BE' });
      else connector.addMember({ id: p.teamsId, name: p.name, aadObjectId: p.aad, email: p.email, tenantId: TENANT });
    }

    const limit = semaphore(options.inFlight);
    const latencies: number[] = [];
    const timed = async (what: string, send: () => Promise<Response>, answered: () => boolean) => {
      await limit(async () => {
        report.requests++;
        const t0 = performance.now();
        const res = await send().catch((e: Error) => ({ status: 0, text: async () => e.message }) as Response);
        if (res.status !== 200) {
          report.failedRequests.push(`${what}: HTTP ${res.status} ${await res.text()}`);
          return;
        }
        await res.arrayBuffer().catch(() => undefined);
        if (!(await until(answered))) report.failedRequests.push(`${what}: no reply`);
        else latencies.push(performance.now() - t0);
      });
    };

    // What the bot posted to a person (Slack DM or Teams chat), without the feedback notices the outbox sends.
    const posted = (p: Person): string[] =>
      p.platform === 'slack'
        ? slack
            .callsTo('chat.postMessage')
            .filter((c) => c.args.channel === dmChannelFor(p.slackId))
            .map((c) => String(c.args.text ?? ''))
        : connector
            .sent()
            .filter((a) => (a.conversation as { id: string }).id === p.conversation)
            .map((a) => String(a.text ?? a.summary ?? ''));
    const replies = (p: Person) => posted(p).filter((text) => !text.includes('Mentor M')).length;

    let seq = 0;
    const teamsMessage = (p: Person, text: string) => ({
      type: 'message',
      id: `load-${++seq}-${Date.now()}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from: { id: p.teamsId, name: p.name, aadObjectId: p.aad },
      conversation: { conversationType: 'personal', tenantId: TENANT, id: p.conversation },
      recipient: { id: '28:leerkans', name: 'Leerkans' },
      text,
      locale: 'nl-BE',
      channelData: { tenant: { id: TENANT } },
    });
    const postTeams = (activity: unknown) =>
      fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });

    /** One message from a person, answered when their reply count grows. */
    const say = async (p: Person, text: string) => {
      const before = replies(p);
      await timed(
        `${p.email} "${text.slice(0, 20)}"`,
        () => (p.platform === 'slack' ? postEvent(base, dmEvent(text, p.slackId)) : postTeams(teamsMessage(p, text))),
        () => replies(p) > before,
      );
    };

    // First contact links everyone's identity and stores their conversation reference (as installing does).
    await Promise.all([...mentors, ...students].map((p) => say(p, 'hulp')));

    // Each student asked their mentor for feedback on an earlier reflection (as the reflection flow stores it).
    const requests = new Map<string, { id: number; studentId: number; mentor: Person; student: Person }>();
    for (const s of students) {
      const r = await db.query<{ request: number; student: number }>(
        `WITH st AS (SELECT id FROM people WHERE email = $1),
              refl AS (INSERT INTO reflections (person_id, model, environment, body, visibility)
                       SELECT id, 'starr', 'workplace', 'Een eerdere reflectie.', 'coach_mentors' FROM st RETURNING id, person_id)
         INSERT INTO feedback_requests (student_id, requested_of, role, reflection_id, environment)
         SELECT refl.person_id, m.id, 'mentor', refl.id, 'workplace' FROM refl, people m WHERE m.email = $2
         RETURNING id AS request, student_id AS student`,
        [s.email, mentorOf(s).email],
      );
      const row = r.rows[0]!;
      requests.set(s.email, { id: row.request, studentId: row.student, mentor: mentorOf(s), student: s });
    }
    const indicator = (await db.query<{ id: number }>(`SELECT id FROM indicators WHERE code = 'SW1.3'`)).rows[0]!.id;
    const nextStep = (s: Person) => `Volgende stap voor ${s.name}: vraag door.`;

    const submit = async (req: { id: number; studentId: number; mentor: Person; student: Person }) => {
      const inputs = { task: 'Intakegesprek', indicator: String(indicator), level: '3', wentWell: 'Goed samengevat.' };
      const data = { studentId: String(req.studentId), requestId: String(req.id) };
      const m = req.mentor;
      if (m.platform === 'teams') {
        const invoke = {
          ...teamsMessage(m, ''),
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId: `card-${req.id}`,
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'feedback.submit',
              data: { verb: 'feedback.submit', ...data, ...inputs, nextStep: nextStep(req.student) },
            },
            trigger: 'manual',
          },
        };
        let body = '';
        await timed(
          `${m.email} Action.Execute ${req.id}`,
          async () => {
            const res = await postTeams(invoke);
            body = await res.clone().text();
            return res;
          },
          () => true,
        );
        if (!body.includes('AdaptiveCard')) report.failedRequests.push(`${m.email} Action.Execute ${req.id}: ${body}`);
        return;
      }
      const ts = `1760009999.${String(req.id).padStart(6, '0')}`;
      const text = (value: string) => ({ type: 'plain_text_input', value });
      const payload = {
        ...fixture<Record<string, unknown>>('block-actions'),
        user: { id: m.slackId, username: m.name, name: m.name, team_id: 'T0LEERKANS' },
        container: { type: 'message', message_ts: ts, channel_id: dmChannelFor(m.slackId), is_ephemeral: false },
        channel: { id: dmChannelFor(m.slackId), name: 'directmessage' },
        trigger_id: `${Date.now()}.1234567890123.${req.id.toString(16).padEnd(32, '0')}`,
        state: {
          values: {
            b1: { task: text(inputs.task) },
            b2: { indicator: { type: 'static_select', selected_option: { value: inputs.indicator } } },
            b3: { level: { type: 'radio_buttons', selected_option: { value: inputs.level } } },
            b4: { wentWell: text(inputs.wentWell) },
            b5: { nextStep: text(nextStep(req.student)) },
          },
        },
        actions: [
          {
            action_id: 'feedback.submit',
            block_id: 'actions',
            value: JSON.stringify({ verb: 'feedback.submit', ...data }),
            type: 'button',
            action_ts: `${(Date.now() / 1000).toFixed(6)}`,
          },
        ],
      };
      await timed(
        `${m.email} block_actions ${req.id}`,
        () => postInteraction(base, payload),
        () => slack.callsTo('chat.update').some((c) => c.args.ts === ts),
      );
    };

    // The load: every student reflects, every mentor answers every request, while the CLI imports and exports.
    const extra = join(dataDir, 'extra-roster.csv');
    writeFileSync(
      extra,
      [
        'email,name,roles,cohort,mentors,teachers,coaches,timezone,locale',
        ...Array.from(
          { length: 5 },
          (_, i) =>
            `late${i}@load.example.be,Late ${i},student,SW-DUAAL-2026,${mentors[0]!.email},,,Europe/Brussels,nl-BE`,
        ),
      ].join('\n'),
    );
    const cliEnv = env;
    const answer = (s: Person, k: number) => `Antwoord ${k + 1} van ${s.name}: ik deed stap ${k + 1}.`;
    const load = performance.now();
    const [imported, exported] = await Promise.all([
      runCli(['import', 'roster', extra], cliEnv),
      runCli(['export', '--email', students[0]!.email], cliEnv),
      ...students.map(async (s) => {
        await say(s, 'reflectie');
        for (let k = 0; k < options.answers; k++) await say(s, answer(s, k));
      }),
      ...mentors.map(async (m) => {
        for (const req of requests.values()) if (req.mentor === m) await submit(req);
      }),
    ]);
    const loadMs = performance.now() - load;
    report.cli = { import: imported.code, export: exported.code };
    if (imported.code !== 0 || !/Imported roster: 5 people \(5 new/.test(imported.stdout)) {
      report.mismatches.push(`CLI import: ${imported.code} ${imported.stdout} ${imported.stderr}`);
    }
    try {
      const data = JSON.parse(exported.stdout) as { person: { email: string } };
      if (data.person.email !== students[0]!.email) report.mismatches.push('CLI export: another person');
    } catch {
      report.mismatches.push(`CLI export: ${exported.code} ${exported.stderr}`);
    }

    // The dispatcher ran beside the load: students hear about their feedback (Slack is paced at about one message
    // a second, so not all of them yet), and nothing in the outbox failed.
    if (!(await until(() => students.some((s) => posted(s).some((t) => t.includes('Mentor M'))), 30_000))) {
      report.mismatches.push('the outbox dispatcher told no student about their feedback');
    }
    const outboxFailed = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE status = 'failed' OR last_error IS NOT NULL`,
    );
    if (outboxFailed.rows[0]!.n > 0) report.mismatches.push(`${outboxFailed.rows[0]!.n} outbox messages failed`);

    // What is stored is exactly what was sent.
    const states = await db.query<{ email: string; answers: Record<string, string> }>(
      `SELECT p.email, c.state -> 'answers' AS answers FROM conversations c JOIN people p ON p.id = c.person_id
        WHERE p.email LIKE '%@load.example.be'`,
    );
    const byEmail = new Map(states.rows.map((r) => [r.email, r.answers]));
    for (const s of students) {
      const want = Object.fromEntries(STEPS.slice(0, options.answers).map((step, k) => [step, answer(s, k)]));
      const got = byEmail.get(s.email);
      if (JSON.stringify(got, Object.keys(want).sort()) !== JSON.stringify(want, Object.keys(want).sort())) {
        report.mismatches.push(`${s.email}: answers ${JSON.stringify(got)}`);
      }
    }
    const stored = await db.query<{ request_id: number; n: number; next_step: string; status: string }>(
      `SELECT fr.id AS request_id, count(f.id)::int AS n, min(f.next_step) AS next_step, fr.status
         FROM feedback_requests fr LEFT JOIN feedback f ON f.request_id = fr.id GROUP BY fr.id, fr.status`,
    );
    for (const req of requests.values()) {
      const row = stored.rows.find((r) => r.request_id === req.id);
      if (row?.n !== 1 || row.next_step !== nextStep(req.student) || row.status !== 'answered') {
        report.mismatches.push(`request ${req.id}: ${JSON.stringify(row)}`);
      }
    }
    const late = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM people WHERE email LIKE 'late_@load.example.be'`,
    );
    if (late.rows[0]!.n !== 5) report.mismatches.push(`late roster: ${late.rows[0]!.n} of 5 people`);

    latencies.sort((a, b) => a - b);
    report.latency = { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
    report.ms = loadMs;
  } finally {
    await running?.stop();
    await slack.close();
    await connector.close();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    report.errors = logs.lines.map((l) => `${l.event ?? ''} ${l.msg} ${JSON.stringify(l.err ?? '')}`.slice(0, 300));
    if (!report.ms) report.ms = performance.now() - started;
  }
  return report;
}

// The digest's narrative against a fake OpenAI server: a good answer is used; invalid JSON, a schema violation,
// an HTTP error and a timeout fall back to the template; no name reaches the model, and each call carries one
// student's figures only.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCoachDigest } from '../../bot/digest/build.js';
import type { StudentDigest } from '../../bot/digest/compute.js';
import { narrateStudent, templateNarrative } from '../../bot/digest/narrative.js';
import { createNarrator, OpenAiNarrator, templateNarrator } from '../../bot/llm/narrative.js';
import { t } from '../../bot/i18n/index.js';
import { silentLogger } from '../../bot/log/logger.js';
import type { CardSpec } from '../../cards/spec.js';
import type { Db } from '../../db/db.js';
import { digestCoaches } from '../../db/queries/digest.js';
import type { CompetenceRow } from '../../db/queries/progress.js';
import { type FakeOpenAiServer, startFakeOpenAi } from '../fakes/openai-server.js';
import { DEMO_WITHOUT_SHIFTS, indicatorId, personId } from '../support/harness.js';
import { databases } from '../support/databases.js';

const outline: CompetenceRow[] = [
  {
    competenceId: 1,
    competenceCode: 'SW1',
    competenceLabelNl: 'Relatie',
    competenceLabelEn: 'Relationship',
    indicatorId: 11,
    indicatorCode: 'SW1.3',
    labelNl: 'Luistert actief',
    labelEn: 'Active listening',
  },
];

const digest: StudentDigest = {
  studentId: 5,
  name: 'Amira El Idrissi',
  frameworkId: 1,
  reflections: { week: 3, before: 4 },
  feedback: { week: 1, before: 2 },
  daysSinceReflection: 1,
  coverage: { workplace: 6, campus: 2, covered: 7, total: 15 },
  rated: [],
  gaps: [
    {
      indicatorId: 11,
      code: 'SW1.3',
      ratings: { student: { level: 4, date: '2026-11-20' }, mentor: { level: 2, date: '2026-11-21' } },
      gap: 2,
    },
  ],
  nextSteps: [
    {
      indicatorId: 11,
      code: 'SW1.3',
      text: 'Jan Peeters vraagt: laat Amira vaker samenvatten.',
      role: 'mentor',
      date: new Date(),
    },
  ],
  attention: { inactive: false, overdue: [], unreachable: false },
};
const names = ['Amira El Idrissi', 'Jan Peeters'];

/** The per-student values of the digest card and its AI note, if any. */
function narrativeParts(card: CardSpec, locale: string): { narratives: string[]; notes: string[] } {
  const narratives = card.elements.flatMap((e) => (e.type === 'facts' ? e.facts.map((f) => f.value) : []));
  const notes = card.elements.flatMap((e) =>
    e.type === 'text' && e.text === t(locale, 'digest.narrative.aiNote') ? [e.text] : [],
  );
  return { narratives, notes };
}

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAi();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

const narrator = (timeoutMs = 2_000) =>
  new OpenAiNarrator({ apiKey: 'k', baseURL: server.baseURL, model: 'test-model', timeoutMs, logger: silentLogger });

describe('the digest narrative', () => {
  it('uses the model’s sentence, built from pseudonymised figures of one student', async () => {
    server.respondWith({ kind: 'json', json: { narrative: 'Drie reflecties; bespreek het verschil bij SW1.3.' } });
    const text = await narrateStudent(narrator(), digest, outline, 'nl-BE', names);
    expect(text).toBe('Drie reflecties; bespreek het verschil bij SW1.3.');
    expect(server.requests).toHaveLength(1);
    const raw = server.requests[0]!.raw;
    expect(raw).not.toMatch(/Amira|Jan Peeters|Idrissi/);
    expect(raw).toContain('PERSOON');
    expect(raw).toContain('SW1.3 Luistert actief');
    expect(raw).toContain('\\"reflectionsThisWeek\\": 3');
    expect(server.requests[0]!.body.response_format).toEqual({ type: 'json_object' });
  });

  it('falls back to the template on invalid JSON, a schema violation, an HTTP error and a timeout', async () => {
    const fallback = templateNarrative(digest, 'nl-BE');
    expect(fallback).toBe(
      '3 reflecties deze week, meer dan de 1 per week daarvoor. De perspectieven verschillen sterk bij SW1.3. Open volgende stap: "Jan Peeters vraagt: laat Amira vaker samenvatten."',
    );
    for (const behaviour of [
      { kind: 'content', content: 'geen json' },
      { kind: 'json', json: { narrative: 'x'.repeat(400) } },
      { kind: 'json', json: { level: 3 } },
      { kind: 'error', status: 500 },
      { kind: 'hang' },
    ] as const) {
      server.respondWith(behaviour);
      expect(await narrateStudent(narrator(300), digest, outline, 'nl-BE', names), behaviour.kind).toBe(fallback);
    }
  });

  it('uses the template without an API key, in the coach’s language', async () => {
    expect(createNarrator({})).toBe(templateNarrator);
    expect(await narrateStudent(templateNarrator, digest, outline, 'en', names)).toBe(
      '3 reflections this week, more than the 1 a week before. The perspectives differ widely on SW1.3. Open next step: "Jan Peeters vraagt: laat Amira vaker samenvatten."',
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe.each(databases)('narratives in a coach’s digest on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create(DEMO_WITHOUT_SHIFTS);
  });
  afterEach(async () => {
    await db.close();
  });

  it('asks the model once per student, each time with that student’s data only and no names', async () => {
    const amira = await personId(db, 'amira');
    const jan = await personId(db, 'jan');
    const a = await db.query<{ id: number }>(
      `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, level) VALUES ($1, $2, $3, 'mentor', 'workplace', 2) RETURNING id`,
      [await indicatorId(db, 'SW1.3'), amira, jan],
    );
    await db.query(
      // A minute ago: the digest counts feedback up to its own moment, given in milliseconds, and PostgreSQL's now()
      // has microseconds, so feedback stored in the same millisecond would fall just after it.
      `INSERT INTO feedback (assessment_id, author_id, student_id, next_step, created_at)
       VALUES ($1, $2, $3, 'UNIEKE-STAP voor Amira', now() - interval '1 minute')`,
      [a.rows[0]!.id, jan, amira],
    );
    server.respondWith({ kind: 'json', json: { narrative: 'Een rustige week.' } });
    const [coach] = await digestCoaches(db, new Date().toISOString().slice(0, 10));
    const built = await buildCoachDigest(db, coach!, new Date(), { narrator: narrator() });
    expect(built!.students).toHaveLength(4);
    expect(server.requests).toHaveLength(4);
    const withStep = server.requests.filter((r) => r.raw.includes('UNIEKE-STAP'));
    expect(withStep).toHaveLength(1);
    for (const r of server.requests) {
      expect(r.raw).not.toMatch(/Amira|Tom Vermeulen|Noor Jacobs|Lucas Dubois|Sofie|Jan Peeters/);
    }
    expect(JSON.stringify(built!.card)).toContain('Een rustige week.');
    // Written by the model: each narrative is labelled for the coach, and the card says once what that means.
    const { narratives, notes } = narrativeParts(built!.card, coach!.locale);
    expect(narratives).toHaveLength(4);
    for (const value of narratives)
      expect(value).toContain(`${t(coach!.locale, 'digest.narrative.aiLabel')} Een rustige week.`);
    expect(notes).toEqual([t(coach!.locale, 'digest.narrative.aiNote')]);
  });

  it('labels nothing when the model fails and the template answers, nor without a model', async () => {
    const [coach] = await digestCoaches(db, new Date().toISOString().slice(0, 10));
    server.respondWith({ kind: 'error', status: 500 });
    for (const n of [narrator(), templateNarrator]) {
      const built = await buildCoachDigest(db, coach!, new Date(), { narrator: n });
      const { narratives, notes } = narrativeParts(built!.card, coach!.locale);
      expect(narratives).toHaveLength(4);
      for (const value of narratives) expect(value).not.toContain(t(coach!.locale, 'digest.narrative.aiLabel'));
      expect(notes).toEqual([]);
    }
    expect(server.requests).toHaveLength(4);
  });
});

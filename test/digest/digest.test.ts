// The digest on a generated cohort over eight weeks, on both databases: its numbers match a reference computed from
// the generated data itself, the attention list is right, and nothing from another coach's student or from a
// private reflection appears anywhere in what is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CohortModel, generateCohort } from '../../bench/cohort.js';
import { coachDigestNumbers } from '../../bot/digest/build.js';
import { chartForToken } from '../../bot/digest/charts.js';
import { planDigestsNow } from '../../bot/digest/now.js';
import { templateNarrator } from '../../bot/llm/narrative.js';
import type { CardSpec } from '../../cards/spec.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { referenceDigest } from './reference.js';

// Monday 30 November 2026, 08:30 in Brussels.
const NOW = new Date('2026-11-30T07:30:00Z');
const DAY = NOW.toISOString().slice(0, 10);

describe.each(databases)('the weekly digest of a generated cohort on $name', ({ create }) => {
  let db: Db;
  let model: CohortModel;
  let payloads: Map<number, { text: string; card: CardSpec }>;

  beforeAll(async () => {
    db = await create();
    model = await generateCohort(db, { coaches: 3, studentsPerCoach: 12, weeks: 8, now: NOW, seed: 7 });
    await planDigestsNow(db, {
      narrator: templateNarrator,
      chartBaseUrl: 'https://leerkans.example.be',
      now: () => NOW,
    });
    const rows = await db.query<{ person_id: number; payload: { text: string; card: CardSpec } }>(
      `SELECT person_id, payload FROM outbox WHERE dedupe_key LIKE 'digest:now:%'`,
    );
    payloads = new Map(rows.rows.map((r) => [r.person_id, r.payload]));
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('generates a cohort that exercises every case the digest reports', () => {
    const all = model.coaches.flatMap((c) => referenceDigest(model, c.id));
    expect(all).toHaveLength(36);
    expect(all.some((s) => s.inactive)).toBe(true);
    expect(all.some((s) => s.daysSinceReflection === null)).toBe(true);
    expect(all.some((s) => s.overdueRequests.length > 0)).toBe(true);
    expect(all.some((s) => s.unreachable)).toBe(true);
    expect(all.some((s) => s.gapIndicators.length > 0)).toBe(true);
    expect(all.some((s) => s.openNextSteps.length > 0)).toBe(true);
    expect(all.some((s) => s.reflectionsWeek > 0 && s.reflectionsBefore > 0)).toBe(true);
    expect(model.reflections.some((r) => r.visibility === 'private')).toBe(true);
    expect(model.assessments.some((a) => a.supersedesId !== null)).toBe(true);
  });

  it('reads the same numbers per student as the reference computes', async () => {
    for (const coach of model.coaches) {
      const { students } = await coachDigestNumbers(db, coach.id, DAY, NOW);
      const reference = referenceDigest(model, coach.id);
      expect(students.map((s) => s.studentId).sort()).toEqual(reference.map((r) => r.studentId).sort());
      const byId = new Map(students.map((s) => [s.studentId, s]));
      for (const ref of reference) {
        const got = byId.get(ref.studentId)!;
        expect(
          {
            reflections: got.reflections,
            feedback: got.feedback,
            days: got.daysSinceReflection,
            coverage: { workplace: got.coverage.workplace, campus: got.coverage.campus, covered: got.coverage.covered },
            total: got.coverage.total,
          },
          `student ${ref.studentId}`,
        ).toEqual({
          reflections: { week: ref.reflectionsWeek, before: ref.reflectionsBefore },
          feedback: { week: ref.feedbackWeek, before: ref.feedbackBefore },
          days: ref.daysSinceReflection,
          coverage: ref.coverage,
          total: model.indicatorIds.length,
        });
        const latest = new Map(
          got.rated.map((r) => [
            r.indicatorId,
            new Map(Object.entries(r.ratings).map(([role, rating]) => [role, rating.level])),
          ]),
        );
        expect(latest).toEqual(ref.latest);
        expect(got.gaps.map((g) => g.indicatorId).sort((a, b) => a - b)).toEqual(ref.gapIndicators);
        expect(got.nextSteps.map((s) => s.text).sort()).toEqual(ref.openNextSteps);
        expect(got.attention.inactive).toBe(ref.inactive);
        expect(got.attention.overdue.map((o) => o.requestId).sort((a, b) => a - b)).toEqual(ref.overdueRequests);
        expect(got.attention.unreachable).toBe(ref.unreachable);
      }
    }
  });

  it('plans one digest per coach whose attention list names exactly the students that need it', () => {
    expect([...payloads.keys()].sort()).toEqual(model.coaches.map((c) => c.id).sort());
    for (const coach of model.coaches) {
      const reference = referenceDigest(model, coach.id);
      const names = new Map(model.students.map((s) => [s.id, s.name]));
      const card = payloads.get(coach.id)!.card;
      const attention = card.elements.find(
        (e, i) => e.type === 'text' && i > 0 && card.elements[i - 1]?.type === 'text' && e.text.startsWith('• '),
      );
      const expected = reference.filter((r) => r.inactive || r.overdueRequests.length > 0 || r.unreachable);
      const lines = attention && attention.type === 'text' ? attention.text.split('\n') : [];
      const expectedLines = expected.reduce(
        (n, r) => n + (r.inactive ? 1 : 0) + r.overdueRequests.length + (r.unreachable ? 1 : 0),
        0,
      );
      expect(lines).toHaveLength(Math.min(expectedLines, 20) + (expectedLines > 20 ? 1 : 0));
      const named = new Set(
        lines.map((l) => [...names.values()].find((n) => l.startsWith(`• ${n}:`))).filter((n) => n !== undefined),
      );
      expect(named).toEqual(new Set(expected.map((r) => names.get(r.studentId)).slice(0, named.size)));
      for (const r of expected) {
        if (r.unreachable) expect(lines.join('\n')).toContain(`${names.get(r.studentId)}: berichten komen niet aan`);
      }
      // The summary's totals are the sums of the reference.
      const week = reference.reduce((n, r) => n + r.reflectionsWeek, 0);
      const feedback = reference.reduce((n, r) => n + r.feedbackWeek, 0);
      expect(card.elements[0]).toMatchObject({ type: 'text' });
      expect((card.elements[0] as { text: string }).text).toContain(
        `${reference.length} studenten · ${week} reflecties`,
      );
      expect((card.elements[0] as { text: string }).text).toContain(`${feedback} keer feedback`);
    }
  });

  it('never shows another coach’s student, a reflection text or another student’s next step', () => {
    for (const coach of model.coaches) {
      const json = JSON.stringify(payloads.get(coach.id));
      expect(json).not.toMatch(/REFLTEXT|PRIVATE-/);
      const own = new Set(model.students.filter((s) => s.coachId === coach.id).map((s) => s.id));
      for (const s of model.students) {
        if (!own.has(s.id)) expect(json, `${s.name} in the digest of ${coach.name}`).not.toContain(s.name);
        else expect(json).toContain(s.name);
      }
      for (const f of model.feedback) {
        if (!own.has(f.studentId)) expect(json).not.toContain(f.nextStep.slice(0, 10));
      }
    }
  });

  it('links a cohort chart that shows the coach’s own students only', async () => {
    for (const coach of model.coaches) {
      const card = payloads.get(coach.id)!.card;
      const img = card.elements.find((e) => e.type === 'image');
      expect(img && img.type === 'image' && img.url).toMatch(
        /^https:\/\/leerkans\.example\.be\/charts\/[\w-]{32}\.png$/,
      );
      const token = /charts\/([\w-]+)\.png/.exec(img && img.type === 'image' ? img.url : '')![1]!;
      const chart = await chartForToken(db, token, NOW);
      const own = model.students.filter((s) => s.coachId === coach.id).map((s) => s.name);
      expect(new Set(chart!.map.rows)).toEqual(new Set(own));
      // Expired: the same token opens nothing 15 days later.
      expect(await chartForToken(db, token, new Date(NOW.getTime() + 15 * 86_400_000))).toBeUndefined();
    }
  });
});

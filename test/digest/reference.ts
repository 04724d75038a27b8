// The digest's numbers computed straight from the generated cohort (plain JavaScript over what the generator wrote,
// no SQL and no production code), to compare with what the digest reads from the database.
import type { CohortModel, GenAssessment } from '../../bench/cohort.js';

const DAY = 86_400_000;

export interface ReferenceStudent {
  studentId: number;
  reflectionsWeek: number;
  reflectionsBefore: number;
  feedbackWeek: number;
  feedbackBefore: number;
  daysSinceReflection: number | null;
  coverage: { workplace: number; campus: number; covered: number };
  /** indicatorId → role → level (null = not observed) of the latest current assessment. */
  latest: Map<number, Map<string, number | null>>;
  gapIndicators: number[];
  openNextSteps: string[];
  inactive: boolean;
  overdueRequests: number[];
  unreachable: boolean;
}

export function referenceDigest(model: CohortModel, coachId: number): ReferenceStudent[] {
  const now = model.now.getTime();
  const mine = model.students.filter((s) => s.coachId === coachId).sort((a, b) => a.name.localeCompare(b.name));
  const superseded = new Set(model.assessments.map((a) => a.supersedesId).filter((x) => x !== null));
  const privateReflections = new Set(model.reflections.filter((r) => r.visibility === 'private').map((r) => r.id));
  const visible = (a: GenAssessment) =>
    !superseded.has(a.id) &&
    !(a.role === 'student' && a.reflectionId !== null && privateReflections.has(a.reflectionId));
  const inWeek = (t: number) => t > now - 7 * DAY && t <= now;
  const inBefore = (t: number) => t > now - 35 * DAY && t <= now - 7 * DAY;

  return mine.map((s) => {
    const reflections = model.reflections.filter((r) => r.studentId === s.id && !r.deleted);
    const feedback = model.feedback.filter((f) => f.studentId === s.id);
    const last = Math.max(...reflections.map((r) => r.createdAt.getTime()).filter((t) => t <= now), -Infinity);
    const daysSinceReflection = Number.isFinite(last) ? Math.floor((now - last) / DAY) : null;
    const assessments = model.assessments.filter((a) => a.studentId === s.id && visible(a));

    const latest = new Map<number, Map<string, number | null>>();
    const best = new Map<string, GenAssessment>();
    for (const a of assessments) {
      const key = `${a.indicatorId}:${a.role}`;
      const b = best.get(key);
      const newer =
        !b ||
        a.observedOn > b.observedOn ||
        (a.observedOn === b.observedOn &&
          (a.createdAt.getTime() > b.createdAt.getTime() ||
            (a.createdAt.getTime() === b.createdAt.getTime() && a.id > b.id)));
      if (newer) best.set(key, a);
    }
    for (const a of best.values()) {
      const m = latest.get(a.indicatorId) ?? new Map<string, number | null>();
      m.set(a.role, a.level);
      latest.set(a.indicatorId, m);
    }
    const gapIndicators = [...latest]
      .filter(([, m]) => {
        const levels = [...m.values()].filter((v): v is number => v !== null);
        return levels.length >= 2 && Math.max(...levels) - Math.min(...levels) >= 2;
      })
      .map(([id]) => id)
      .sort((a, b) => a - b);

    const withLevel = (env?: string) =>
      new Set(assessments.filter((a) => a.level !== null && (!env || a.environment === env)).map((a) => a.indicatorId))
        .size;

    const assessmentById = new Map(model.assessments.map((a) => [a.id, a]));
    const openNextSteps = feedback
      .filter((f) => {
        const a = assessmentById.get(f.assessmentId)!;
        if (superseded.has(a.id) || a.role === 'student') return false;
        return !reflections.some(
          (r) =>
            r.indicatorIds.includes(a.indicatorId) &&
            r.createdAt.getTime() > f.createdAt.getTime() &&
            r.createdAt.getTime() <= now,
        );
      })
      .map((f) => f.nextStep)
      .sort();

    const identities = model.identities.filter((i) => i.personId === s.id);
    const unreachable =
      (identities.length > 0 && identities.every((i) => !i.reachable)) ||
      model.failedMessages.some((f) => f.personId === s.id && f.createdAt.getTime() >= now - 14 * DAY);

    return {
      studentId: s.id,
      reflectionsWeek: reflections.filter((r) => inWeek(r.createdAt.getTime())).length,
      reflectionsBefore: reflections.filter((r) => inBefore(r.createdAt.getTime())).length,
      feedbackWeek: feedback.filter((f) => inWeek(f.createdAt.getTime())).length,
      feedbackBefore: feedback.filter((f) => inBefore(f.createdAt.getTime())).length,
      daysSinceReflection,
      coverage: { workplace: withLevel('workplace'), campus: withLevel('campus'), covered: withLevel() },
      latest,
      gapIndicators,
      openNextSteps,
      inactive: daysSinceReflection === null || daysSinceReflection >= 14,
      overdueRequests: model.requests
        .filter((q) => q.studentId === s.id && q.status === 'open' && q.createdAt.getTime() < now - 7 * DAY)
        .map((q) => q.id)
        .sort((a, b) => a - b),
      unreachable,
    };
  });
}

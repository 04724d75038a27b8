// What a feedback card shows about a student: their framework, the learning opportunity, the focus indicators.
import type { Queryable } from '../../../db/db.js';
import { type FeedbackRequestRow, learningOpportunity } from '../../../db/queries/feedback.js';
import {
  listIndicators,
  listScale,
  type ScaleLevelRow,
  studentWithFramework,
} from '../../../db/queries/student-context.js';
import { languageOf, t } from '../../i18n/index.js';
import type { FeedbackCardInput, IndicatorChoice } from './card.js';

const SUMMARY_MAX = 600;

export interface StudentFramework {
  studentId: number;
  studentName: string;
  studentLocale: string;
  indicators: IndicatorChoice[];
  scale: ScaleLevelRow[];
}

export async function loadStudentFramework(db: Queryable, studentId: number): Promise<StudentFramework | undefined> {
  const student = await studentWithFramework(db, studentId);
  if (!student) return undefined;
  const frameworkId = student.frameworkId;
  if (frameworkId === null) return undefined;
  const [indicators, scale] = await Promise.all([listIndicators(db, frameworkId), listScale(db, frameworkId)]);
  return {
    studentId,
    studentName: student.name,
    studentLocale: student.locale,
    indicators: indicators.map((i) => ({
      id: i.id,
      code: i.code,
      labelNl: i.labelNl,
      labelEn: i.labelEn,
      levelDescriptions: i.levelDescriptions,
    })),
    scale,
  };
}

const formatDate = (locale: string, date: Date, zone: string) =>
  new Intl.DateTimeFormat(languageOf(locale) === 'en' ? 'en-GB' : 'nl-BE', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: zone,
  }).format(date);

/** A calendar day (YYYY-MM-DD) as "maandag 30 november". */
export const formatDay = (locale: string, day: string): string =>
  formatDate(locale, new Date(`${day}T12:00:00Z`), 'UTC');

/** The day a request is about: the learning opportunity's day, else the day the reflection (or request) was made. */
export function opportunityDay(
  opportunity: { occurredOn: string | null; createdAt: Date } | undefined,
  request: { createdAt: Date },
  zone: string,
): string {
  if (opportunity?.occurredOn) return opportunity.occurredOn;
  const at = opportunity?.createdAt ?? request.createdAt;
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
}

/** The card's input for answering a request, in the mentor's language. */
export async function requestCardInput(
  db: Queryable,
  request: FeedbackRequestRow,
  mentor: { locale: string; timeZone: string },
): Promise<FeedbackCardInput | undefined> {
  const fw = await loadStudentFramework(db, request.studentId);
  if (!fw) return undefined;
  const opportunity = request.reflectionId === null ? undefined : await learningOpportunity(db, request.reflectionId);
  const focusIds = new Set(opportunity?.indicatorIds ?? []);
  const locale = mentor.locale;
  // The reflection text reaches the addressee only when the student chose so (visibility, or a yes when asking).
  const shared = request.shareText;
  const summary =
    shared && opportunity
      ? opportunity.body.slice(0, SUMMARY_MAX) + (opportunity.body.length > SUMMARY_MAX ? '…' : '')
      : null;
  const environment = t(locale, `feedback.env.${request.environment}` as Parameters<typeof t>[1]);
  return {
    locale,
    studentName: fw.studentName,
    requestId: request.id,
    studentId: request.studentId,
    opportunity: {
      when: formatDay(locale, opportunityDay(opportunity, request, mentor.timeZone)),
      where: opportunity?.workplace ? `${environment} — ${opportunity.workplace}` : environment,
      summary,
    },
    focus: fw.indicators.filter((i) => focusIds.has(i.id)),
    indicators: fw.indicators,
    scale: fw.scale,
  };
}

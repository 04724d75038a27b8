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
  const frameworkId = student.framework_id;
  if (frameworkId === null) return undefined;
  const [indicators, scale] = await Promise.all([listIndicators(db, frameworkId), listScale(db, frameworkId)]);
  return {
    studentId,
    studentName: student.name,
    studentLocale: student.locale,
    indicators: indicators.map((i) => ({ id: i.id, code: i.code, labelNl: i.label_nl, labelEn: i.label_en })),
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

/** The card's input for answering a request, in the mentor's language. */
export async function requestCardInput(
  db: Queryable,
  request: FeedbackRequestRow,
  mentor: { locale: string; timeZone: string },
): Promise<FeedbackCardInput | undefined> {
  const fw = await loadStudentFramework(db, request.student_id);
  if (!fw) return undefined;
  const opportunity = request.reflection_id === null ? undefined : await learningOpportunity(db, request.reflection_id);
  const focusIds = new Set(opportunity?.indicator_ids ?? []);
  const locale = mentor.locale;
  // The reflection text reaches mentors only when the student chose that visibility.
  const shared = opportunity?.visibility === 'coach_mentors';
  const summary =
    shared && opportunity
      ? opportunity.body.slice(0, SUMMARY_MAX) + (opportunity.body.length > SUMMARY_MAX ? '…' : '')
      : null;
  const environment = t(locale, `feedback.env.${request.environment}` as Parameters<typeof t>[1]);
  return {
    locale,
    studentName: fw.studentName,
    requestId: request.id,
    studentId: request.student_id,
    opportunity: {
      when: formatDate(locale, opportunity?.created_at ?? request.created_at, mentor.timeZone),
      where: opportunity?.workplace ? `${environment} — ${opportunity.workplace}` : environment,
      summary,
    },
    focus: fw.indicators.filter((i) => focusIds.has(i.id)),
    indicators: fw.indicators,
    scale: fw.scale,
  };
}

// The one-click feedback card (METHOD.md §3.3) and its read-only "thank you" version. Cards are data: the
// adapters render them to Adaptive Cards (Teams, playground) and Block Kit (Slack).
import { actions, type CardSpec, choice, facts, text, textInput } from '../../../cards/spec.js';
import type { ScaleLevelRow } from '../../../db/queries/student-context.js';
import { languageOf, t } from '../../i18n/index.js';

export const FEEDBACK_SUBMIT = 'feedback.submit';
export const FEEDBACK_EDIT = 'feedback.edit';
export const FEEDBACK_START = 'feedback.start';

export const MAX_TASK = 500;
export const MAX_TEXT = 2000;

export interface IndicatorChoice {
  id: number;
  code: string;
  labelNl: string;
  labelEn: string;
}

export interface FeedbackCardInput {
  locale: string;
  studentName: string;
  /** The request being answered, or absent when the mentor starts feedback on their own. */
  requestId?: number;
  studentId: number;
  /** Set when editing: the assessment this version replaces. */
  supersedesId?: number;
  opportunity?: { when: string; where: string; summary: string | null };
  focus: IndicatorChoice[];
  indicators: IndicatorChoice[];
  scale: ScaleLevelRow[];
  prefill?: { task?: string; indicatorId?: number; level?: number | null; wentWell?: string; nextStep?: string };
}

const labelOf = (locale: string, i: { labelNl: string; labelEn: string; code: string }) =>
  `${i.code} ${languageOf(locale) === 'en' ? i.labelEn : i.labelNl}`;

export const scaleLabel = (locale: string, s: ScaleLevelRow) => (languageOf(locale) === 'en' ? s.label_en : s.label_nl);

export function feedbackCard(input: FeedbackCardInput): CardSpec {
  const { locale } = input;
  const focusIds = new Set(input.focus.map((f) => f.id));
  // Focus indicators first: the mentor usually answers about what the student asked for.
  const ordered = [...input.focus, ...input.indicators.filter((i) => !focusIds.has(i.id))];
  const notObserved = input.scale.find((s) => !s.counts_as_level);
  const prefillLevel =
    input.prefill?.level === undefined
      ? undefined
      : input.prefill.level === null
        ? notObserved?.value
        : input.prefill.level;
  const data: Record<string, string> = { studentId: String(input.studentId) };
  if (input.requestId !== undefined) data.requestId = String(input.requestId);
  if (input.supersedesId !== undefined) data.supersedesId = String(input.supersedesId);
  const intro = input.requestId !== undefined ? 'feedback.card.intro' : 'feedback.card.introSelf';
  return {
    kind: 'feedback-request',
    title: t(locale, 'feedback.card.title', { student: input.studentName }),
    fallbackText: t(locale, intro, { student: input.studentName }),
    elements: [
      text(t(locale, intro, { student: input.studentName })),
      ...(input.opportunity
        ? [
            facts([
              { label: t(locale, 'feedback.card.when'), value: input.opportunity.when },
              { label: t(locale, 'feedback.card.where'), value: input.opportunity.where },
              ...(input.focus.length > 0
                ? [
                    {
                      label: t(locale, 'feedback.card.focus'),
                      value: input.focus.map((f) => labelOf(locale, f)).join('; '),
                    },
                  ]
                : []),
            ]),
            text(
              input.opportunity.summary ?? t(locale, 'feedback.card.noDetails'),
              input.opportunity.summary ? 'normal' : 'subtle',
            ),
          ]
        : []),
      textInput({
        id: 'task',
        label: t(locale, 'feedback.card.task'),
        placeholder: t(locale, 'feedback.card.taskPlaceholder'),
        maxLength: MAX_TASK,
        ...(input.prefill?.task ? { value: input.prefill.task } : {}),
      }),
      choice({
        id: 'indicator',
        label: t(locale, 'feedback.card.indicator'),
        options: ordered.map((i) => ({ value: String(i.id), label: labelOf(locale, i) })),
        required: true,
        errorMessage: t(locale, 'feedback.card.required'),
        value: String(input.prefill?.indicatorId ?? input.focus[0]?.id ?? ''),
      }),
      choice({
        id: 'level',
        label: t(locale, 'feedback.card.level'),
        options: input.scale.map((s) => ({ value: String(s.value), label: scaleLabel(locale, s) })),
        required: true,
        errorMessage: t(locale, 'feedback.card.required'),
        expanded: true,
        ...(prefillLevel !== undefined ? { value: String(prefillLevel) } : {}),
      }),
      textInput({
        id: 'wentWell',
        label: t(locale, 'feedback.card.wentWell'),
        placeholder: t(locale, 'feedback.card.wentWellPlaceholder'),
        multiline: true,
        maxLength: MAX_TEXT,
        ...(input.prefill?.wentWell ? { value: input.prefill.wentWell } : {}),
      }),
      textInput({
        id: 'nextStep',
        label: t(locale, 'feedback.card.nextStep'),
        placeholder: t(locale, 'feedback.card.nextStepPlaceholder'),
        multiline: true,
        maxLength: MAX_TEXT,
        required: true,
        errorMessage: t(locale, 'feedback.card.nextStepRequired'),
        ...(input.prefill?.nextStep ? { value: input.prefill.nextStep } : {}),
      }),
      choice({
        id: 'conversation',
        label: ' ',
        options: [{ value: 'yes', label: t(locale, 'feedback.card.conversation') }],
        multiple: true,
        expanded: true,
      }),
      actions({
        verb: FEEDBACK_SUBMIT,
        label: t(locale, 'feedback.card.submit'),
        data,
        style: 'primary',
        submitsInputs: true,
      }),
    ],
  };
}

export interface ThankYouInput {
  locale: string;
  studentName: string;
  assessmentId: number;
  indicator: IndicatorChoice;
  levelLabel: string;
  task: string;
  wentWell: string;
  nextStep: string;
  /** A note on top, e.g. "already received". */
  note?: string;
}

/** The read-only version that replaces the card after a submit; it offers an edit (a new version). */
export function thankYouCard(input: ThankYouInput): CardSpec {
  const { locale } = input;
  const none = t(locale, 'feedback.none');
  return {
    kind: 'feedback-thanks',
    title: t(locale, 'feedback.thanks.title'),
    fallbackText: `${t(locale, 'feedback.thanks.title')} ${t(locale, 'feedback.thanks.body', { student: input.studentName })}`,
    elements: [
      ...(input.note ? [text(input.note, 'subtle')] : []),
      text(t(locale, 'feedback.thanks.body', { student: input.studentName })),
      facts([
        { label: t(locale, 'feedback.fact.task'), value: input.task || none },
        { label: t(locale, 'feedback.fact.indicator'), value: labelOf(locale, input.indicator) },
        { label: t(locale, 'feedback.fact.level'), value: input.levelLabel },
        { label: t(locale, 'feedback.fact.wentWell'), value: input.wentWell || none },
        { label: t(locale, 'feedback.fact.nextStep'), value: input.nextStep },
      ]),
      actions({
        verb: FEEDBACK_EDIT,
        label: t(locale, 'feedback.thanks.edit'),
        data: { assessmentId: String(input.assessmentId) },
      }),
    ],
  };
}

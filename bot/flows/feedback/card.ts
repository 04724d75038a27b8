// The one-click feedback card (METHOD.md §3.3) and its read-only "thank you" version. Cards are data: the
// adapters render them to Adaptive Cards (Teams, playground) and Block Kit (Slack).
// The card rates every focus indicator the student asked about, each on the framework's scale with nothing
// pre-selected; feedback a mentor starts on their own picks one indicator.
import { actions, type CardSpec, choice, facts, text, textInput } from '../../../cards/spec.js';
import type { ScaleLevelRow } from '../../../db/queries/student-context.js';
import { languageOf, t } from '../../i18n/index.js';
import { indicatorLabel } from '../../i18n/labels.js';
import { type DescribedIndicator, levelChoiceLabel, levelDescription, levelLabel } from '../level-description.js';

export const FEEDBACK_SUBMIT = 'feedback.submit';
export const FEEDBACK_EDIT = 'feedback.edit';
export const FEEDBACK_START = 'feedback.start';

export const MAX_TASK = 500;
export const MAX_TEXT = 2000;

/** The input id of an indicator's level on the card. */
export const levelInput = (indicatorId: number): string => `level_${indicatorId}`;

export interface IndicatorChoice extends DescribedIndicator {
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
  /** `summary` null: the student did not share the text (said so on the card); absent: nothing to say. */
  opportunity?: { when: string; where: string; summary?: string | null };
  /** The indicators the student asked about: each gets its own level on the card. */
  focus: IndicatorChoice[];
  indicators: IndicatorChoice[];
  scale: ScaleLevelRow[];
  prefill?: {
    task?: string;
    /** Level per indicator id (null: not observed). */
    levels?: Record<number, number | null>;
    indicatorId?: number;
    wentWell?: string;
    nextStep?: string;
    conversation?: boolean;
  };
}

export const scaleLabel = (locale: string, s: ScaleLevelRow) => levelLabel(s, languageOf(locale));

/** The scale's options; an indicator's own description of a level is added to its label. */
function levelOptions(locale: string, scale: ScaleLevelRow[], indicator?: IndicatorChoice) {
  const language = languageOf(locale);
  return scale.map((s) => ({ value: String(s.value), label: levelChoiceLabel(s, language, indicator) }));
}

/** What each level means, once for the whole card. */
function scaleLegend(locale: string, scale: ScaleLevelRow[]) {
  const language = languageOf(locale);
  const described = scale
    .map((s) => ({ label: scaleLabel(locale, s), value: levelDescription(s, language) }))
    .filter((f) => f.value !== '');
  return described.length ? [facts(described)] : [];
}

function prefillValue(input: FeedbackCardInput, indicatorId: number): string | undefined {
  const levels = input.prefill?.levels;
  if (!levels || !(indicatorId in levels)) return undefined;
  const level = levels[indicatorId];
  const notObserved = input.scale.find((s) => !s.countsAsLevel);
  const value = level === null ? notObserved?.value : level;
  return value === undefined ? undefined : String(value);
}

export function feedbackCard(input: FeedbackCardInput): CardSpec {
  const { locale } = input;
  const data: Record<string, string> = { studentId: String(input.studentId) };
  if (input.requestId !== undefined) data.requestId = String(input.requestId);
  if (input.supersedesId !== undefined) data.supersedesId = String(input.supersedesId);
  const intro = input.requestId !== undefined ? 'feedback.card.intro' : 'feedback.card.introSelf';
  const required = { required: true, errorMessage: t(locale, 'feedback.card.required') };
  const rating = input.focus.length
    ? [
        text(t(locale, 'feedback.card.levels', { student: input.studentName }), 'heading'),
        ...scaleLegend(locale, input.scale),
        ...input.focus.map((i) => {
          const value = prefillValue(input, i.id);
          return choice({
            id: levelInput(i.id),
            label: indicatorLabel(i, locale),
            options: levelOptions(locale, input.scale, i),
            ...required,
            expanded: true,
            ...(value !== undefined ? { value } : {}),
          });
        }),
      ]
    : (() => {
        const value = input.prefill?.indicatorId;
        const level = value === undefined ? undefined : prefillValue(input, value);
        return [
          choice({
            id: 'indicator',
            label: t(locale, 'feedback.card.indicator'),
            options: input.indicators.map((i) => ({ value: String(i.id), label: indicatorLabel(i, locale) })),
            ...required,
            placeholder: t(locale, 'feedback.card.indicatorPlaceholder'),
            ...(value !== undefined ? { value: String(value) } : {}),
          }),
          ...scaleLegend(locale, input.scale),
          choice({
            id: 'level',
            label: t(locale, 'feedback.card.level'),
            options: levelOptions(locale, input.scale),
            ...required,
            expanded: true,
            ...(level !== undefined ? { value: level } : {}),
          }),
        ];
      })();
  return {
    kind: 'feedback-request',
    title: t(locale, 'feedback.card.title', { student: input.studentName }),
    fallbackText: t(locale, intro, { student: input.studentName }),
    elements: [
      text(t(locale, intro, { student: input.studentName })),
      ...(input.supersedesId !== undefined ? [text(t(locale, 'feedback.card.editing'), 'subtle')] : []),
      ...(input.opportunity
        ? [
            facts([
              { label: t(locale, 'feedback.card.when'), value: input.opportunity.when },
              { label: t(locale, 'feedback.card.where'), value: input.opportunity.where },
            ]),
            ...(input.opportunity.summary === undefined
              ? []
              : [
                  text(
                    input.opportunity.summary ?? t(locale, 'feedback.card.noDetails'),
                    input.opportunity.summary ? 'normal' : 'subtle',
                  ),
                ]),
          ]
        : []),
      textInput({
        id: 'task',
        label: t(locale, 'feedback.card.task'),
        placeholder: t(locale, 'feedback.card.taskPlaceholder'),
        maxLength: MAX_TASK,
        ...(input.prefill?.task ? { value: input.prefill.task } : {}),
      }),
      ...rating,
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
        ...(input.prefill?.conversation ? { value: 'yes' } : {}),
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
  /** Each rated indicator with the level shown. */
  ratings: { indicator: IndicatorChoice; levelLabel: string }[];
  task: string;
  wentWell: string;
  nextStep: string;
  wantsConversation: boolean;
  /** The student's reaction, once they gave one. */
  reaction?: { takeaway: string; plan: string } | undefined;
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
        ...input.ratings.map((r) => ({ label: indicatorLabel(r.indicator, locale), value: r.levelLabel })),
        { label: t(locale, 'feedback.fact.wentWell'), value: input.wentWell || none },
        { label: t(locale, 'feedback.fact.nextStep'), value: input.nextStep },
        ...(input.wantsConversation
          ? [{ label: t(locale, 'feedback.fact.conversation'), value: t(locale, 'feedback.fact.conversationYes') }]
          : []),
        ...(input.reaction?.takeaway
          ? [{ label: t(locale, 'feedback.fact.takeaway'), value: input.reaction.takeaway }]
          : []),
        ...(input.reaction?.plan ? [{ label: t(locale, 'feedback.fact.plan'), value: input.reaction.plan }] : []),
      ]),
      actions({
        verb: FEEDBACK_EDIT,
        label: t(locale, 'feedback.thanks.edit'),
        data: { assessmentId: String(input.assessmentId) },
      }),
    ],
  };
}

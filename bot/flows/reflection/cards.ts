// Card specs of the reflection flow. Pure builders: localised strings in, data out. Every Outbound also has a
// text that works without the card (typed answers are accepted at every step).
import { z } from 'zod';
import { actions, type CardSpec, card, choice, text } from '../../../cards/spec.js';
import type { IndicatorRow, ScaleLevelRow, StaffRow } from '../../../db/queries/student-context.js';
import { reply } from '../../core/turn.js';
import type { Outbound } from '../../core/types.js';
import { languageOf, type MessageKey, t } from '../../i18n/index.js';
import { indicatorLabel, labelIn } from '../../i18n/labels.js';
import { ENVIRONMENTS, type Visibility } from './state.js';

export const VERBS = {
  start: 'reflection.start',
  environment: 'reflection.environment',
  model: 'reflection.model',
  indicators: 'reflection.indicators',
  assess: 'reflection.assess',
  visibility: 'reflection.visibility',
  feedback: 'reflection.feedback',
  share: 'reflection.share',
  edit: 'reflection.edit',
  delete: 'reflection.delete',
} as const;

const reflectionIdData = z.object({
  reflectionId: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
});

/** The reflection an Edit or Delete button names (untrusted: ownership is checked by the handler), or null. */
export function reflectionIdOf(data: unknown): number | null {
  const parsed = reflectionIdData.safeParse(data);
  return parsed.success ? parsed.data.reflectionId : null;
}

const withCard = (fallback: string, spec: Omit<CardSpec, 'fallbackText'>): Outbound =>
  reply(fallback, card({ ...spec, fallbackText: fallback }));

export function environmentPrompt(locale: string, lead: string[] = []): Outbound {
  const question = t(locale, 'reflection.environmentQuestion');
  return withCard([...lead, question].join('\n\n'), {
    kind: 'reflection-environment',
    elements: [
      ...lead.map((l) => text(l)),
      text(question),
      actions(
        ...ENVIRONMENTS.map((environment, i) => ({
          verb: VERBS.environment,
          label: t(locale, `environment.${environment}`),
          data: { environment },
          style: i === 0 ? ('primary' as const) : ('default' as const),
        })),
      ),
    ],
  });
}

export function gibbsOfferPrompt(locale: string, lead: string[] = []): Outbound {
  const offer = t(locale, 'reflection.gibbsOffer');
  return withCard([...lead, offer].join('\n\n'), {
    kind: 'reflection-gibbs-offer',
    elements: [
      ...lead.map((l) => text(l)),
      text(offer),
      actions(
        { verb: VERBS.model, label: t(locale, 'reflection.gibbsYes'), data: { model: 'gibbs' }, style: 'primary' },
        { verb: VERBS.model, label: t(locale, 'reflection.gibbsNo'), data: { model: 'keep' } },
      ),
    ],
  });
}

export function indicatorsPrompt(
  locale: string,
  suggestions: IndicatorRow[],
  all: IndicatorRow[],
  lead: string[] = [],
  /** The suggestions that come pre-ticked (the matcher's confident ones); default all of them. */
  preselected: number[] = suggestions.map((s) => s.id),
): Outbound {
  const language = languageOf(locale);
  const question = suggestions.length
    ? t(locale, 'reflection.indicatorsQuestion')
    : t(locale, 'reflection.indicatorsNoSuggestion');
  const numbered = suggestions.map((s, i) => `${i + 1}. ${indicatorLabel(s, language)}`);
  const how = suggestions.length
    ? t(locale, 'reflection.indicatorsHow')
    : t(locale, 'reflection.indicatorsHowNoSuggestion');
  const suggestedIds = new Set(suggestions.map((s) => s.id));
  const others = all.filter((i) => !suggestedIds.has(i.id));
  const option = (i: IndicatorRow) => ({ value: String(i.id), label: indicatorLabel(i, language) });
  return withCard([...lead, question, ...numbered, how].join('\n'), {
    kind: 'reflection-indicators',
    elements: [
      ...lead.map((l) => text(l)),
      text(question),
      ...(suggestions.length
        ? [
            choice({
              id: 'suggested',
              label: t(locale, 'reflection.indicatorsSuggestedLabel'),
              options: suggestions.map(option),
              value: suggestions
                .filter((s) => preselected.includes(s.id))
                .map((s) => String(s.id))
                .join(','),
              multiple: true,
              expanded: true,
            }),
          ]
        : []),
      ...(others.length
        ? [
            choice({
              id: 'other',
              label: t(locale, 'reflection.indicatorsOtherLabel'),
              options: others.map(option),
              multiple: true,
            }),
          ]
        : []),
      actions(
        {
          verb: VERBS.indicators,
          label: t(locale, 'reflection.indicatorsConfirm'),
          style: 'primary',
          submitsInputs: true,
          data: { choice: 'selected' },
        },
        { verb: VERBS.indicators, label: t(locale, 'reflection.indicatorsNone'), data: { choice: 'none' } },
      ),
    ],
  });
}

export interface LevelOption {
  /** A scale value as text, or 'not_observed'. */
  value: string;
  label: string;
  /** What a student may type for it (the scale value). */
  typed: string | null;
}

export function levelOptions(locale: string, scale: ScaleLevelRow[]): LevelOption[] {
  const language = languageOf(locale);
  const label = (l: ScaleLevelRow) => labelIn(l, language);
  const levels: LevelOption[] = scale
    .filter((l) => l.countsAsLevel)
    .map((l) => ({ value: String(l.value), label: label(l), typed: String(l.value) }));
  const notObserved = scale.find((l) => !l.countsAsLevel);
  levels.push({
    value: 'not_observed',
    label: notObserved ? label(notObserved) : t(locale, 'reflection.assessNotObserved'),
    typed: notObserved ? String(notObserved.value) : null,
  });
  return levels;
}

/** The visibility options with the people they reach by name; an option that reaches nobody new is left out. */
export function visibilityOptions(locale: string, staff: StaffRow[]): { visibility: Visibility; label: string }[] {
  const first = (role: StaffRow['role']) => staff.filter((s) => s.role === role).map((s) => s.name);
  const coaches = first('coach');
  const mentors = first('mentor');
  const teachers = first('teacher');
  const named = (key: MessageKey, names: string[]) =>
    names.length ? `${t(locale, key)} (${joinNames(names, locale)})` : t(locale, key);
  const options: { visibility: Visibility; label: string }[] = [
    { visibility: 'private', label: t(locale, 'visibility.private') },
    { visibility: 'coach', label: named('visibility.coach', coaches) },
  ];
  if (mentors.length)
    options.push({ visibility: 'coach_mentors', label: named('visibility.coach_mentors', [...coaches, ...mentors]) });
  if (teachers.length)
    options.push({
      visibility: 'coach_mentors_teachers',
      label: named('visibility.coach_mentors_teachers', [...coaches, ...mentors, ...teachers]),
    });
  return options;
}

export const visibilityLabel = (locale: string, staff: StaffRow[], visibility: Visibility): string =>
  visibilityOptions(locale, staff).find((o) => o.visibility === visibility)?.label ??
  t(locale, `visibility.${visibility}`);

export function visibilityPrompt(locale: string, staff: StaffRow[], lead: string[] = []): Outbound {
  const question = t(locale, 'reflection.visibilityQuestion');
  const options = visibilityOptions(locale, staff);
  const list = options.map((o, i) => `${i + 1}. ${o.label}`);
  return withCard(
    [...lead, question, ...list, t(locale, 'reflection.visibilityHow', { n: options.length })].join('\n'),
    {
      kind: 'reflection-visibility',
      elements: [
        ...lead.map((l) => text(l)),
        text(question),
        actions(
          ...options.map((o) => ({ verb: VERBS.visibility, label: o.label, data: { visibility: o.visibility } })),
        ),
      ],
    },
  );
}

/** The visibility did not include them: ask before the feedback addressees read the text. */
export function sharePrompt(locale: string, people: StaffRow[], lead: string[] = []): Outbound {
  const question = t(locale, 'reflection.shareQuestion', {
    names: joinNames(
      people.map((p) => p.name),
      locale,
    ),
  });
  return withCard([...lead, question, t(locale, 'reflection.shareHow')].join('\n'), {
    kind: 'reflection-share',
    elements: [
      ...lead.map((l) => text(l)),
      text(question),
      actions(
        { verb: VERBS.share, label: t(locale, 'reflection.shareYes'), data: { share: 'yes' } },
        { verb: VERBS.share, label: t(locale, 'reflection.shareNo'), data: { share: 'no' }, style: 'primary' },
      ),
    ],
  });
}

export function feedbackPrompt(
  locale: string,
  recipients: StaffRow[],
  _visibility: Visibility,
  lead: string[] = [],
): Outbound {
  const names = joinNames(
    recipients.map((r) => r.name),
    locale,
  );
  const question = t(locale, 'reflection.feedbackQuestion', { names });
  const numbered = recipients.length > 1 ? recipients.map((r, i) => `${i + 1}. ${r.name}`) : [];
  return withCard([...lead, question, ...numbered, t(locale, 'reflection.feedbackHow')].join('\n'), {
    kind: 'reflection-feedback',
    elements: [
      ...lead.map((l) => text(l)),
      text(question),
      choice({
        id: 'recipients',
        label: t(locale, 'reflection.feedbackRecipientsLabel'),
        options: recipients.map((r) => ({ value: String(r.id), label: r.name })),
        value: recipients.map((r) => String(r.id)).join(','),
        multiple: true,
        expanded: true,
      }),
      actions(
        {
          verb: VERBS.feedback,
          label: t(locale, 'reflection.feedbackYes'),
          style: 'primary',
          submitsInputs: true,
          data: { answer: 'yes' },
        },
        { verb: VERBS.feedback, label: t(locale, 'reflection.feedbackNo'), data: { answer: 'no' } },
      ),
    ],
  });
}

/** "Jan", "Jan en Lien", "Jan, Lien en Els". */
export function joinNames(names: string[], locale: string): string {
  if (names.length <= 1) return names[0] ?? '';
  const and = languageOf(locale) === 'en' ? 'and' : 'en';
  return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;
}

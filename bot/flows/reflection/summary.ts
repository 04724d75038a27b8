// The short summary a student gets when a reflection is saved (text, and the same as a card with facts).
import { card, facts, text } from '../../../cards/spec.js';
import { QUESTION_SETS } from '../../../prompts/reflection/index.js';
import type { StaffRow } from '../../../db/queries/student-context.js';
import { reply } from '../../core/turn.js';
import type { Outbound } from '../../core/types.js';
import { t } from '../../i18n/index.js';
import { levelOptions, visibilityLabel } from './cards.js';
import { indicatorLabel } from '../../i18n/labels.js';
import type { StudentContext } from './context.js';
import { excerpt } from './parts.js';
import type { ReflectionState } from './state.js';

const EXCERPT_WORDS = 15;

export async function summaryReply(
  locale: string,
  sctx: StudentContext,
  state: ReflectionState,
  feedbackFrom: StaffRow[],
  lead: string[],
): Promise<Outbound> {
  const language = sctx.language;
  const set = QUESTION_SETS[state.model];
  const all = new Map((await sctx.indicators()).map((i) => [i.id, i]));
  const options = levelOptions(locale, await sctx.scale());
  const none = t(locale, 'common.none');
  const parts = set.parts
    .filter((p) => state.answers[p.key])
    .map((p) => ({ label: p.label[language], value: excerpt(state.answers[p.key]!, EXCERPT_WORDS) }));
  const indicators = (state.indicatorIds ?? []).flatMap((id) => {
    const row = all.get(id);
    if (!row) return [];
    const level = state.levels[String(id)];
    const option = options.find((o) => o.value === String(level));
    const assessed = option ? ` (${t(locale, 'summary.selfAssessment').toLowerCase()}: ${option.label})` : '';
    return [`${indicatorLabel(row, language)}${assessed}`];
  });
  const meta = [
    { label: t(locale, 'summary.model'), value: set.name[language] },
    { label: t(locale, 'summary.environment'), value: t(locale, `environment.${state.environment ?? 'workplace'}`) },
    { label: t(locale, 'summary.indicators'), value: indicators.length ? indicators.join('; ') : none },
    {
      label: t(locale, 'summary.visibility'),
      value: visibilityLabel(locale, await sctx.staff(), state.visibility ?? 'private'),
    },
    {
      label: t(locale, 'summary.feedback'),
      value: feedbackFrom.length ? feedbackFrom.map((s) => s.name).join(', ') : none,
    },
  ];
  const head = t(locale, 'reflection.saved');
  const footer = t(locale, 'reflection.savedFooter');
  const lines = [
    ...lead,
    head,
    ...parts.map((p) => `• ${p.label}: ${p.value}`),
    ...meta.map((m) => `${m.label}: ${m.value}`),
    footer,
  ];
  return reply(
    lines.join('\n'),
    card({
      kind: 'reflection-summary',
      fallbackText: lines.join('\n'),
      elements: [...lead.map((l) => text(l)), text(head, 'heading'), facts(parts), facts(meta), text(footer, 'subtle')],
    }),
  );
}

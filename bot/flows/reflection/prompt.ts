// What the bot says at each step: the question text, or a card with a typed-answer fallback.
import type { StaffRow } from '../../../db/queries/student-context.js';
import { reply } from '../../core/turn.js';
import type { Outbound } from '../../core/types.js';
import { languageOf, t } from '../../i18n/index.js';
import type { StudentContext } from './context.js';
import {
  environmentPrompt,
  feedbackPrompt,
  gibbsOfferPrompt,
  indicatorsPrompt,
  sharePrompt,
  visibilityPrompt,
} from './cards.js';
import { selfAssessmentPrompt } from './self-assessment.js';
import type { Environment, ReflectionState } from './state.js';
import type { Step } from './steps.js';

/** Who can be asked for feedback: mentors for the workplace, teachers for campus; nobody for elsewhere. */
export function feedbackRecipients(environment: Environment | null, staff: StaffRow[]): StaffRow[] {
  const role = environment === 'campus' ? 'teacher' : environment === 'workplace' ? 'mentor' : null;
  return role ? staff.filter((s) => s.role === role) : [];
}

export async function promptFor(
  locale: string,
  sctx: StudentContext,
  state: ReflectionState,
  step: Step,
  lead: string[],
): Promise<Outbound> {
  const language = languageOf(locale);
  switch (step.kind) {
    case 'environment':
      return environmentPrompt(locale, lead);
    case 'question': {
      const q = t(locale, 'reflection.question', {
        label: step.part.label[language],
        n: step.number,
        total: step.total,
        question: step.part.question[language],
      });
      return reply([...lead, q].join('\n\n'));
    }
    case 'followUp':
      return reply([...lead, step.question].join('\n\n'));
    case 'gibbsOffer':
      return gibbsOfferPrompt(locale, lead);
    case 'indicators': {
      const all = await sctx.indicators();
      const byId = new Map(all.map((i) => [i.id, i]));
      const suggestions = (state.suggested ?? []).map((id) => byId.get(id)).filter((i) => i !== undefined);
      return indicatorsPrompt(locale, suggestions, all, lead, state.preselected ?? undefined);
    }
    case 'assess': {
      const all = await sctx.indicators();
      const indicators = step.indicatorIds.map((id) => all.find((i) => i.id === id)!);
      return selfAssessmentPrompt(locale, indicators, await sctx.scale(), lead);
    }
    case 'visibility':
      return visibilityPrompt(locale, await sctx.staff(), lead);
    case 'share': {
      const staff = await sctx.staff();
      return sharePrompt(
        locale,
        step.ids.flatMap((id) => staff.filter((s) => s.id === id && s.role !== 'coach').slice(0, 1)),
        lead,
      );
    }
    case 'feedback':
      return feedbackPrompt(
        locale,
        feedbackRecipients(state.environment, await sctx.staff()),
        state.visibility ?? 'private',
        lead,
      );
  }
}

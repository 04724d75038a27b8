// Card actions of the reflection flow. Card data and inputs come back from the client and are untrusted:
// each verb has a zod schema, ids are checked against the student's own framework and staff, and an action
// for a step that is no longer current is refused rather than applied to the wrong question.
import { z } from 'zod';
import { QUESTION_SETS } from '../../../prompts/reflection/index.js';
import { refusal, type TurnContext, type TurnResult } from '../../core/turn.js';
import { t } from '../../i18n/index.js';
import { answerText, confirmIndicators, withLevels, withVisibility } from './answers.js';
import { answerShare, chooseFeedback } from './finish.js';
import { assessInput, echoLevels } from './self-assessment.js';
import { VERBS } from './cards.js';
import { studentContext } from './context.js';
import { advance } from './flow.js';
import { switchModel } from './parts.js';
import { feedbackRecipients } from './prompt.js';
import { ENVIRONMENTS, type LevelChoice, type ReflectionState, VISIBILITIES } from './state.js';
import { currentStep } from './steps.js';
import { staleCard } from '../stale.js';

const idList = z
  .string()
  .max(2000)
  .regex(/^\s*(\d{1,9}\s*(,\s*\d{1,9}\s*)*)?$/)
  .transform((s) => (s.trim() ? s.split(',').map((x) => Number(x.trim())) : []));

export const actionSchemas = {
  [VERBS.environment]: z.object({ data: z.object({ environment: z.enum(ENVIRONMENTS) }) }),
  [VERBS.model]: z.object({ data: z.object({ model: z.enum(['gibbs', 'keep']) }) }),
  [VERBS.indicators]: z.object({
    data: z.object({ choice: z.enum(['selected', 'none']) }),
    inputs: z.object({ suggested: idList.optional(), other: idList.optional() }),
  }),
  [VERBS.assess]: z.object({
    data: z.object({ indicatorIds: idList, skip: z.literal('true').optional() }),
    inputs: z.record(z.string().regex(/^level_\d{1,9}$/), z.string().max(40)),
  }),
  [VERBS.share]: z.object({ data: z.object({ share: z.enum(['yes', 'no']) }) }),
  [VERBS.visibility]: z.object({ data: z.object({ visibility: z.enum(VISIBILITIES) }) }),
  [VERBS.feedback]: z.object({
    data: z.object({ answer: z.enum(['yes', 'no']) }),
    inputs: z.object({ recipients: idList.optional() }),
  }),
} as const;

export type FlowVerb = keyof typeof actionSchemas;
/** The step buttons, one per schema (Object.keys loses the literal type). */
export const FLOW_VERBS = Object.keys(actionSchemas) as FlowVerb[];

const stale = (ctx: TurnContext) => staleCard(ctx);
const invalid = (ctx: TurnContext) => refusal(t(ctx.person.locale, 'action.invalid'));

/** Applies a card action to the reflection in progress (`state`), or refuses it. */
export async function reflectionAction(
  ctx: TurnContext,
  state: ReflectionState,
  verb: FlowVerb,
  payload: { data: unknown; inputs: Record<string, string> },
): Promise<TurnResult> {
  const parsed = actionSchemas[verb].safeParse({ data: payload.data ?? {}, inputs: payload.inputs ?? {} });
  if (!parsed.success) return invalid(ctx);
  const sctx = studentContext(ctx);
  const step = currentStep(state);
  const locale = ctx.person.locale;
  const input = parsed.data as { data: Record<string, unknown>; inputs?: Record<string, unknown> };

  switch (verb) {
    case VERBS.environment: {
      if (step.kind !== 'environment') return stale(ctx);
      return answerText(ctx, sctx, state, String(input.data.environment));
    }
    case VERBS.model: {
      if (step.kind !== 'gibbsOffer') return stale(ctx);
      if (input.data.model === 'gibbs') {
        return advance(ctx, sctx, switchModel(state, 'gibbs'), [QUESTION_SETS.gibbs.intro[sctx.language]]);
      }
      return advance(ctx, sctx, { ...state, gibbsPending: false }, []);
    }
    case VERBS.indicators: {
      if (step.kind !== 'indicators') return stale(ctx);
      if (input.data.choice === 'none') return confirmIndicators(ctx, sctx, state, [], []);
      const known = new Set((await sctx.indicators()).map((i) => i.id));
      const ids = [...((input.inputs?.suggested as number[]) ?? []), ...((input.inputs?.other as number[]) ?? [])];
      if (!ids.every((id) => known.has(id))) return invalid(ctx);
      return confirmIndicators(ctx, sctx, state, ids, []);
    }
    case VERBS.assess: {
      const ids = input.data.indicatorIds as number[];
      if (step.kind !== 'assess' || ids.join(',') !== step.indicatorIds.join(',')) return stale(ctx);
      const scale = await sctx.scale();
      const levels: Record<string, LevelChoice> = {};
      for (const id of ids) {
        // An indicator left empty is skipped: the self-assessment is never required.
        const raw = input.data.skip ? '' : ((input.inputs?.[assessInput(id)] as string | undefined) ?? '');
        if (raw === '') levels[String(id)] = 'skipped';
        else if (raw === 'not_observed') levels[String(id)] = 'not_observed';
        else {
          const level = scale.find((l) => String(l.value) === raw);
          if (!level) return invalid(ctx);
          levels[String(id)] = level.countsAsLevel ? level.value : 'not_observed';
        }
      }
      const echo = echoLevels(locale, levels, await sctx.indicators(), scale, ids);
      return advance(ctx, sctx, withLevels(state, levels), [echo]);
    }
    case VERBS.share: {
      if (step.kind !== 'share') return stale(ctx);
      return answerShare(ctx, sctx, state, input.data.share === 'yes', []);
    }
    case VERBS.visibility: {
      if (step.kind !== 'visibility') return stale(ctx);
      const visibility = input.data.visibility as NonNullable<ReflectionState['visibility']>;
      return advance(ctx, sctx, withVisibility(state, visibility), []);
    }
    case VERBS.feedback: {
      if (step.kind !== 'feedback') return stale(ctx);
      const allowed = feedbackRecipients(state.environment, await sctx.staff());
      if (input.data.answer === 'no') return chooseFeedback(ctx, sctx, state, [], []);
      const ids = input.inputs?.recipients as number[] | undefined;
      // Without a selection (a client that sends no inputs) "yes" means everyone offered.
      if (ids === undefined) return chooseFeedback(ctx, sctx, state, allowed, []);
      const byId = new Map(allowed.map((s) => [s.id, s]));
      // The server decides who may be asked: only the student's own mentors (or teachers) count.
      if (!ids.every((id) => byId.has(id))) return invalid(ctx);
      return chooseFeedback(
        ctx,
        sctx,
        state,
        [...new Set(ids)].map((id) => byId.get(id)!),
        [],
      );
    }
  }
  return invalid(ctx);
}

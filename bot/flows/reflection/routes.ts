// The reflection flow's routes: its card verbs, its conversation (the next answer), and the two ways ordinary text
// starts one (answering a nudge, a long story).
import { openNudge } from '../../../db/queries/nudges.js';
import { conversationRoute, type RouteSet, type TextHandler } from '../../core/routes.js';
import { refusal, reply } from '../../core/turn.js';
import { t } from '../../i18n/index.js';
import { countWords } from '../../llm/fallback-questions.js';
import { readConversation } from '../active.js';
import { staleCard } from '../stale.js';
import { FLOW_VERBS, reflectionAction } from './actions.js';
import { answerText } from './answers.js';
import { studentContext } from './context.js';
import { draftDays } from './draft-retention.js';
import { repeatPrompt } from './flow.js';
import { startReflection } from './start.js';
import { parseReflectionState, REFLECTION_FLOW } from './state.js';

/** A message this long outside a reflection is a story, offered as the start of one. */
const STORY_START_WORDS = 30;

const isStudent = (roles: string[]) => roles.includes('student');

/** Answering a nudge is how most reflections start: the text is the first answer (after a shift: workplace). */
const nudgeAnswer: TextHandler = async (ctx, text) => {
  const nudge = text !== '' && isStudent(ctx.person.roles) ? await openNudge(ctx.db, ctx.person.id, ctx.now) : null;
  if (!nudge) return null;
  return startReflection(ctx, { environment: 'workplace', firstAnswer: text, shiftId: nudge.shiftId });
};

/** A long story outside a reflection is not thrown away: it becomes the start of one ("stop" keeps it paused). */
const story: TextHandler = async (ctx, text) => {
  if (!isStudent(ctx.person.roles) || countWords(text) < STORY_START_WORDS) return null;
  return startReflection(ctx, {
    firstAnswer: text,
    lead: [t(ctx.person.locale, 'reflection.storyStarted', { days: draftDays(ctx) })],
  });
};

export const reflectionRoutes: RouteSet = {
  // The step buttons act on the reflection in progress only; a button of an earlier or finished one is stale.
  actions: FLOW_VERBS.map((verb) => ({
    verb,
    handle: async (ctx, action) => {
      const active = readConversation(ctx.conversation);
      if (active.kind !== 'reflection') return staleCard(ctx);
      if (active.state.paused) return refusal(t(ctx.person.locale, 'reflection.pausedHint'));
      return reflectionAction(ctx, active.state, verb, { data: action.data, inputs: action.inputs });
    },
  })),
  conversations: [
    conversationRoute(REFLECTION_FLOW, parseReflectionState, (state) => ({
      answer: async (ctx, text) => {
        const locale = ctx.person.locale;
        if (state.paused) return { replies: [reply(t(locale, 'reflection.pausedHint'))] };
        if (text === '') return { replies: [await repeatPrompt(ctx, state, [t(locale, 'common.empty')])] };
        return answerText(ctx, studentContext(ctx), state, text);
      },
    })),
  ],
  openers: [nudgeAnswer, story],
};

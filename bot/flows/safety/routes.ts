// The wellbeing check's routes: the guard every message passes, the short question it may ask, and its buttons.
import { z } from 'zod';
import { type ActionHandler, conversationRoute, type RouteSet, type TextHandler } from '../../core/routes.js';
import { refusal } from '../../core/turn.js';
import { t } from '../../i18n/index.js';
import { assessWellbeing } from '../../safety/crisis.js';
import { readConversation } from '../active.js';
import { staleCard } from '../stale.js';
import { answerSafety, askAboutSelf } from './check.js';
import { crisisTurn, SAFETY_VERBS } from './crisis-reply.js';
import { parseSafetyState, SAFETY_FLOW } from './state.js';

/**
 * A student in distress gets a person to talk to, not the next question. Someone else's words (a client quoted in a
 * reflection) are not a reason to stop; when unsure, ask once.
 */
const wellbeing: TextHandler = async (ctx, text) => {
  const assessed = assessWellbeing(text);
  if (assessed === 'self') return crisisTurn(ctx, readConversation(ctx.conversation));
  if (assessed === 'unsure') return askAboutSelf(ctx, readConversation(ctx.conversation), text);
  return null;
};

const answerData = z.object({ answer: z.enum(['self', 'other', 'yes', 'no']) });

const button =
  (step: 'check' | 'offer'): ActionHandler =>
  async (ctx, action, route) => {
    const active = readConversation(ctx.conversation);
    if (active.kind !== 'safety' || active.state.step !== step) return staleCard(ctx);
    const answer = answerData.safeParse(action.data);
    if (!answer.success) return refusal(t(ctx.person.locale, 'action.invalid'));
    return answerSafety(ctx, active.state, answer.data.answer, route);
  };

export const safetyRoutes: RouteSet = {
  guards: [wellbeing],
  actions: [
    { verb: SAFETY_VERBS.check, handle: button('check') },
    { verb: SAFETY_VERBS.offer, handle: button('offer') },
  ],
  conversations: [
    // "Is this about you?" and the offer to ask the coach are short questions on top of the conversation below.
    conversationRoute(SAFETY_FLOW, parseSafetyState, (state) => ({
      question: { previous: state.previous },
      answer: (ctx, text, route) => answerSafety(ctx, state, text, route),
    })),
  ],
};

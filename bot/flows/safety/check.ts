// "Gaat dit over jezelf?": asked once when a risk phrase may be someone else's words. "About me" gets the
// crisis reply; "someone else" lets the message continue as it would have (the answer to the reflection's
// question, say); anything else is taken as "someone else", with the help lines named in passing.
import { actions, card, text } from '../../../cards/spec.js';
import { reply, type TurnContext, type TurnResult } from '../../core/turn.js';
import { t } from '../../i18n/index.js';
import { type ActiveConversation, readConversation } from '../active.js';
import { isNo, isYes } from '../reflection/words.js';
import { answerOffer, crisisTurn, restore, SAFETY_VERBS, underlying } from './crisis-reply.js';
import { SAFETY_FLOW, type SafetyState } from './state.js';

/** Asks whether the message is about the student; the message waits in the safety conversation. */
export function askAboutSelf(ctx: TurnContext, active: ActiveConversation, message: string): TurnResult {
  const locale = ctx.person.locale;
  const question = t(locale, 'safety.check');
  const state: SafetyState = { step: 'check', text: message, previous: underlying(ctx, active) };
  return {
    replies: [
      reply(
        question,
        card({
          kind: 'safety-check',
          fallbackText: question,
          elements: [
            text(question),
            actions(
              { verb: SAFETY_VERBS.check, label: t(locale, 'safety.checkSelf'), data: { answer: 'self' } },
              { verb: SAFETY_VERBS.check, label: t(locale, 'safety.checkOther'), data: { answer: 'other' } },
            ),
          ],
        }),
      ),
    ],
    conversation: { flow: SAFETY_FLOW, step: 'check', state },
  };
}

const SELF = new Set(['over mezelf', 'mezelf', 'over mij', 'ik', 'mij', 'me', 'about me', 'myself', 'me']);
const OTHER = new Set([
  'over iemand anders',
  'iemand anders',
  'cliënt',
  'client',
  'de cliënt',
  'someone else',
  'about someone else',
  'a client',
  'the client',
]);

/** Reads the answer to the check or the offer. `route` handles the waiting message as if nothing had been asked. */
export async function answerSafety(
  ctx: TurnContext,
  state: SafetyState,
  answer: 'self' | 'other' | 'yes' | 'no' | string,
  route: (ctx: TurnContext, text: string) => Promise<TurnResult>,
): Promise<TurnResult> {
  const lowered = answer
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  if (state.step === 'offer') {
    if (answer === 'yes' || isYes(answer)) return answerOffer(ctx, state, true);
    if (answer === 'no' || isNo(answer)) return answerOffer(ctx, state, false);
    // Not an answer to the offer: nobody is asked, and the message goes where it would have gone.
    const restored = { ...ctx, conversation: conversationRow(ctx, state) };
    const result = await route(restored, answer);
    return {
      ...result,
      conversation: result.conversation === undefined ? restore(state.previous) : result.conversation,
    };
  }
  const restored = { ...ctx, conversation: conversationRow(ctx, state) };
  if (answer === 'self' || isYes(answer) || SELF.has(lowered)) {
    return crisisTurn(restored, readConversation(restored.conversation));
  }
  const lead =
    answer === 'other' || isNo(answer) || OTHER.has(lowered) ? 'safety.checkOtherDone' : 'safety.checkUnclear';
  const result = await route(restored, state.text);
  return {
    ...result,
    replies: [reply(t(ctx.person.locale, lead)), ...result.replies],
    conversation: result.conversation === undefined ? restore(state.previous) : result.conversation,
  };
}

/** The conversation row as it was before the question (so the waiting message is handled against it). */
export function conversationRow(ctx: TurnContext, state: Pick<SafetyState, 'previous'>): TurnContext['conversation'] {
  const row = ctx.conversation;
  if (!row || !state.previous) return null;
  return { ...row, flow: state.previous.flow, step: state.previous.step, state: state.previous.state };
}

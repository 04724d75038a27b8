// Where an inbound text or card action goes: a chat word, the flow in progress, a nudge answer, or a hint.
import { z } from 'zod';
import { openNudge } from '../../db/queries/nudges.js';
import { ADMIN_VERB_PREFIX, adminAction } from '../commands/admin.js';
import { runCommand } from '../commands/index.js';
import { reflectFromNudge } from '../commands/nudge.js';
import { skipTodayCommand } from '../commands/skip-today.js';
import { NUDGE_VERBS } from '../schedule/nudge-card.js';
import { parseCommand } from '../commands/parse.js';
import { answerDelete, DELETE_CONFIRM, deleteReflectionById, isDeleteYes } from '../commands/delete-reflection.js';
import { isStudent, reflectCommand } from '../commands/reflect.js';
import { nudgeStudent, openStudent, remindMentor } from '../digest/actions.js';
import { DIGEST_NUDGE, DIGEST_OPEN, DIGEST_REMIND } from '../digest/card.js';
import { MENTOR_OPEN_REQUEST, openMentorRequest } from '../digest/mentor.js';
import { readConversation } from '../flows/active.js';
import { FEEDBACK_EDIT, FEEDBACK_START, FEEDBACK_SUBMIT } from '../flows/feedback/card.js';
import { reactToFeedback } from '../flows/feedback/react.js';
import { FEEDBACK_REACT } from '../flows/feedback/received.js';
import { pickFeedbackStudent } from '../flows/feedback/start.js';
import { editFeedback, submitFeedback } from '../flows/feedback/submit.js';
import { PROGRESS_DETAIL } from '../flows/progress/card.js';
import { showRatingDetails } from '../flows/progress/details.js';
import { PROGRESS_SHOW, pickProgressStudent } from '../flows/progress/view.js';
import { FLOW_VERBS, type FlowVerb, reflectionAction } from '../flows/reflection/actions.js';
import { answerText } from '../flows/reflection/answers.js';
import { VERBS } from '../flows/reflection/cards.js';
import { studentContext } from '../flows/reflection/context.js';
import { repeatPrompt } from '../flows/reflection/flow.js';
import { startReflection } from '../flows/reflection/start.js';
import { finishEdit, startEdit } from '../flows/reflection-edit/edit.js';
import { answerSafety, askAboutSelf, conversationRow } from '../flows/safety/check.js';
import { crisisTurn, restore, SAFETY_VERBS } from '../flows/safety/crisis-reply.js';
import { staleCard } from '../flows/stale.js';
import { t } from '../i18n/index.js';
import { assessWellbeing } from '../safety/crisis.js';
import { isBlank } from './text.js';
import { refusal, reply, type TurnContext, type TurnResult } from './turn.js';
import { countWords } from '../llm/fallback-questions.js';

/** A message this long outside a reflection is a story, offered as the start of one. */
const STORY_START_WORDS = 30;
import type { MessageRef } from './types.js';

const hint = (ctx: TurnContext): TurnResult => ({
  replies: [reply(t(ctx.person.locale, isStudent(ctx) ? 'common.hintStudent' : 'common.hintStaff'))],
});

/** `text` is already cleaned (cleanText). */
export async function routeText(ctx: TurnContext, text: string): Promise<TurnResult> {
  const command = parseCommand(text);
  const active = readConversation(ctx.conversation);
  if (command) {
    if (active.kind !== 'safety' && active.kind !== 'confirmDelete') return runCommand(ctx, command);
    // A command instead of an answer to a short question: the question lapses and the command runs on the
    // conversation underneath (a paused reflection stays paused, not replaced).
    const result = await runCommand({ ...ctx, conversation: conversationRow(ctx, active.state) }, command);
    return {
      ...result,
      conversation: result.conversation === undefined ? restore(active.state.previous) : result.conversation,
    };
  }
  if (active.kind === 'safety') return answerSafety(ctx, active.state, text, (c, x) => routeChecked(c, x));
  if (active.kind === 'confirmDelete') return answerDelete(ctx, active.state, isDeleteYes(text));
  // Before anything else: a student in distress gets a person to talk to, not the next question. Someone
  // else's words (a client quoted in a reflection) are not a reason to stop; when unsure, ask once.
  const wellbeing = assessWellbeing(text);
  if (wellbeing === 'self') return crisisTurn(ctx, active);
  if (wellbeing === 'unsure') return askAboutSelf(ctx, active, text);
  return routeChecked(ctx, text);
}

/** Routes text that passed the wellbeing check (or that the student said is not about them). */
async function routeChecked(ctx: TurnContext, raw: string): Promise<TurnResult> {
  const active = readConversation(ctx.conversation);
  // A message with nothing visible in it (a zero-width space, a lone variation selector) is no answer.
  const text = isBlank(raw) ? '' : raw;
  const locale = ctx.person.locale;
  if (active.kind === 'edit') {
    if (text === '') return { replies: [reply(t(ctx.person.locale, 'reflections.editPrompt'))] };
    return finishEdit(ctx, active.state, text);
  }
  if (active.kind === 'reflection') {
    if (active.state.paused) return { replies: [reply(t(ctx.person.locale, 'reflection.pausedHint'))] };
    if (text === '') return { replies: [await repeatPrompt(ctx, active.state, [t(locale, 'common.empty')])] };
    return answerText(ctx, studentContext(ctx), active.state, text);
  }
  // Answering a nudge is how most reflections start: the text is the first answer (after a shift: workplace).
  const nudge = text !== '' && isStudent(ctx) ? await openNudge(ctx.db, ctx.person.id, ctx.now) : null;
  if (nudge) return startReflection(ctx, { environment: 'workplace', firstAnswer: text, shiftId: nudge.shiftId });
  // A long story outside a reflection is not thrown away: it becomes the start of one ("stop" keeps it paused).
  if (isStudent(ctx) && countWords(text) >= STORY_START_WORDS) {
    return startReflection(ctx, { firstAnswer: text, lead: [t(locale, 'reflection.storyStarted')] });
  }
  return hint(ctx);
}

const reflectionIdData = z.object({
  reflectionId: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
});

/** Card actions, routed by verb. Data and inputs are untrusted; refusals store nothing. */
export async function routeAction(
  ctx: TurnContext,
  verb: string,
  data: unknown,
  inputs: Record<string, string>,
  message?: MessageRef,
): Promise<TurnResult> {
  const locale = ctx.person.locale;
  if (verb === VERBS.start) return reflectCommand(ctx);
  if (verb === NUDGE_VERBS.reflect) return reflectFromNudge(ctx, data);
  if (verb === NUDGE_VERBS.skip) return skipTodayCommand(ctx);
  if (verb.startsWith(ADMIN_VERB_PREFIX)) return adminAction(ctx, verb, data);
  if (verb === VERBS.edit || verb === VERBS.delete) {
    const parsed = reflectionIdData.safeParse(data);
    if (!parsed.success) return refusal(t(locale, 'action.invalid'));
    const id = parsed.data.reflectionId;
    return verb === VERBS.edit ? startEdit(ctx, id) : deleteReflectionById(ctx, id);
  }
  if (verb === DELETE_CONFIRM) {
    const active = readConversation(ctx.conversation);
    const answer = z
      .object({
        reflectionId: z
          .string()
          .regex(/^\d{1,9}$/)
          .transform(Number),
        answer: z.enum(['yes', 'no']),
      })
      .safeParse(data);
    if (!answer.success) return refusal(t(locale, 'action.invalid'));
    if (active.kind !== 'confirmDelete' || active.state.reflectionId !== answer.data.reflectionId)
      return staleCard(ctx);
    return answerDelete(ctx, active.state, answer.data.answer === 'yes');
  }
  if (verb === SAFETY_VERBS.check || verb === SAFETY_VERBS.offer) {
    const active = readConversation(ctx.conversation);
    const step = verb === SAFETY_VERBS.check ? 'check' : 'offer';
    if (active.kind !== 'safety' || active.state.step !== step) return staleCard(ctx);
    const answer = z.object({ answer: z.enum(['self', 'other', 'yes', 'no']) }).safeParse(data);
    if (!answer.success) return refusal(t(locale, 'action.invalid'));
    return answerSafety(ctx, active.state, answer.data.answer, (c, x) => routeChecked(c, x));
  }
  const card = { data, inputs, message };
  if (verb === FEEDBACK_START) return pickFeedbackStudent(ctx, card);
  if (verb === FEEDBACK_SUBMIT) return submitFeedback(ctx, card);
  if (verb === FEEDBACK_EDIT) return editFeedback(ctx, card);
  if (verb === FEEDBACK_REACT) return reactToFeedback(ctx, card);
  if (verb === PROGRESS_SHOW) return pickProgressStudent(ctx, card);
  if (verb === PROGRESS_DETAIL) return showRatingDetails(ctx, card);
  if (verb === DIGEST_OPEN) return openStudent(ctx, card);
  if (verb === DIGEST_NUDGE) return nudgeStudent(ctx, card);
  if (verb === DIGEST_REMIND) return remindMentor(ctx, card);
  if (verb === MENTOR_OPEN_REQUEST) return openMentorRequest(ctx, card);
  if (FLOW_VERBS.has(verb)) {
    const active = readConversation(ctx.conversation);
    if (active.kind !== 'reflection') return staleCard(ctx);
    if (active.state.paused) return refusal(t(locale, 'reflection.pausedHint'));
    return reflectionAction(ctx, active.state, verb as FlowVerb, { data, inputs });
  }
  return refusal(t(locale, 'action.unknown'));
}

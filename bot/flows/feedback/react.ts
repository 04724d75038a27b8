// The student reacts to feedback in one tap ("I'll take that next step") or a sentence or two: what they take
// from it and the next step they plan. Stored with the feedback, sent to the mentor, and shown as "your plan
// from last time" when the next reflection starts.
import { z } from 'zod';
import { findReceivedFeedback, saveReaction } from '../../../db/queries/feedback-loop.js';
import { enqueueOutbox } from '../../../db/queries/outbox.js';
import { findPersonById } from '../../../db/queries/people.js';
import { refusal, reply, type TurnContext, type TurnResult } from '../../core/turn.js';
import { t } from '../../i18n/index.js';
import { staleCard } from '../stale.js';
import { MAX_REACTION } from './received.js';

const dataSchema = z.object({
  feedbackId: z.coerce.number().int().positive(),
  adopt: z.literal('true').optional(),
});
const inputSchema = z.object({
  takeaway: z.string().trim().max(MAX_REACTION).default(''),
  plan: z.string().trim().max(MAX_REACTION).default(''),
});

export async function reactToFeedback(
  ctx: TurnContext,
  action: { data: unknown; inputs: Record<string, string> },
): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const data = dataSchema.safeParse(action.data);
  const inputs = inputSchema.safeParse(action.inputs ?? {});
  if (!data.success || !inputs.success) return refusal(t(locale, 'action.invalid'));
  // Only the student the feedback is for can react; someone else's id finds nothing.
  const feedback = await findReceivedFeedback(ctx.db, ctx.person.id, data.data.feedbackId);
  if (!feedback) return refusal(t(locale, 'action.invalid'));
  if (feedback.superseded) return staleCard(ctx);
  const plan = data.data.adopt ? feedback.nextStep : inputs.data.plan;
  const takeaway = inputs.data.takeaway;
  if (!plan && !takeaway) return refusal(t(locale, 'loop.empty'));
  const mentor = feedback.authorId === null ? undefined : await findPersonById(ctx.db, feedback.authorId);
  return {
    replies: [reply(t(locale, 'loop.saved', { mentor: feedback.authorName ?? '' }))],
    writes: [
      async (tx) => {
        await saveReaction(tx, {
          feedbackId: feedback.feedbackId,
          studentId: ctx.person.id,
          reaction: takeaway,
          plannedStep: plan,
          at: ctx.now,
        });
        if (!mentor) return;
        const none = t(mentor.locale, 'feedback.none');
        const body = [
          t(mentor.locale, 'loop.toMentor', { student: ctx.person.name }),
          t(mentor.locale, 'loop.toMentorTakeaway', { student: ctx.person.name, takeaway: takeaway || none }),
          t(mentor.locale, 'loop.toMentorPlan', { plan: plan || none }),
        ].join('\n');
        await enqueueOutbox(tx, {
          dedupeKey: `feedback-reaction:${feedback.feedbackId}:${ctx.now.getTime()}`,
          personId: mentor.id,
          payload: { text: body },
        });
      },
    ],
  };
}

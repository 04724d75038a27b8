// "admin wis EMAIL" / "admin erase EMAIL": an admin erases a person in chat (GDPR Art. 17), as `leerkans erase`
// does. Like deleting a reflection, it asks first on a card; the question is the admin's conversation until they
// answer, so a button from an older card, or one with other data, erases nothing. The admin role is re-checked by
// the caller (admin.ts) for the word and for each button.
import { z } from 'zod';
import { actions, card, text } from '../../cards/spec.js';
import { countPersonData } from '../../db/queries/my-data.js';
import { findPersonByEmail, findPersonById } from '../../db/queries/people.js';
import { refusal, reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { staleCard } from '../flows/stale.js';
import { t } from '../i18n/index.js';
import { erasePersonInTx } from '../privacy/erase.js';
import { ERASE_FLOW, parseConfirmEraseState } from '../privacy/erase-state.js';

export const ERASE_CONFIRM = 'admin.erase.confirm';
export const ERASE_WORDS = ['wis', 'erase'];

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The question, with what would go; nothing is stored but the question itself. */
export async function askErase(ctx: TurnContext, email: string | undefined): Promise<TurnResult> {
  const locale = ctx.person.locale;
  if (!email || !EMAIL.test(email)) return refusal(t(locale, 'erase.usage'));
  const person = await findPersonByEmail(ctx.db, email);
  if (!person) return refusal(t(locale, 'erase.unknown', { email }));
  if (person.id === ctx.person.id) return refusal(t(locale, 'erase.notSelf'));
  const counts = await countPersonData(ctx.db, person.id);
  const question = t(locale, 'erase.confirm', {
    name: person.name,
    email: person.email,
    reflections: counts.reflections,
    assessments: counts.selfAssessments + counts.assessmentsByOthers,
    requests: counts.feedbackRequests,
    messages: counts.messages,
  });
  const row = ctx.conversation;
  const previous =
    row && row.flow !== ERASE_FLOW
      ? { flow: row.flow, step: row.step, state: row.state }
      : (parseConfirmEraseState(row?.state)?.previous ?? null);
  const data = (answer: 'yes' | 'no') => ({ personId: String(person.id), answer });
  return {
    replies: [
      reply(
        question,
        card({
          kind: 'admin-erase-confirm',
          fallbackText: question,
          elements: [
            text(question),
            actions(
              { verb: ERASE_CONFIRM, label: t(locale, 'erase.yes'), style: 'danger', data: data('yes') },
              { verb: ERASE_CONFIRM, label: t(locale, 'erase.no'), data: data('no') },
            ),
          ],
        }),
      ),
    ],
    conversation: { flow: ERASE_FLOW, step: 'confirm', state: { personId: person.id, previous } },
  };
}

const answerSchema = z.object({
  personId: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
  answer: z.enum(['yes', 'no']),
});

/** The card's buttons: only an answer to the question that is open now counts. */
export async function answerErase(ctx: TurnContext, data: unknown): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const parsed = answerSchema.safeParse(data);
  if (!parsed.success) return refusal(t(locale, 'action.invalid'));
  const state = ctx.conversation?.flow === ERASE_FLOW ? parseConfirmEraseState(ctx.conversation.state) : null;
  if (!state || state.personId !== parsed.data.personId) return staleCard(ctx);
  const conversation = state.previous
    ? { flow: state.previous.flow, step: state.previous.step, state: state.previous.state }
    : null;
  if (parsed.data.answer === 'no') return { replies: [reply(t(locale, 'erase.kept'))], conversation };
  const person = await findPersonById(ctx.db, state.personId);
  if (!person) return { replies: [reply(t(locale, 'erase.gone'))], conversation };
  return {
    replies: [reply(t(locale, 'erase.done', { name: person.name }))],
    conversation,
    writes: [
      async (tx) => {
        await erasePersonInTx(tx, person.id, { id: ctx.person.id, label: 'admin' }, 'chat');
      },
    ],
  };
}

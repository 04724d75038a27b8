// A message about the student's own wellbeing gets people to talk to instead of another question (METHOD.md
// §5.4, item 10): the coach by name, the Zelfmoordlijn 1813, Tele-Onthaal 106 and 112. A reflection in progress
// is paused, not deleted, and the message itself is stored nowhere. The bot then offers, and only with the
// student's yes, to ask the coach to get in touch; the coach's message carries none of the student's words.
import { listActiveStaff, type StaffRow } from '../../../db/queries/student-context.js';
import { actions, card, text } from '../../../cards/spec.js';
import { enqueueOutbox } from '../../../db/queries/outbox.js';
import { type ConversationChange, reply, type TurnContext, type TurnResult } from '../../core/turn.js';
import { t } from '../../i18n/index.js';
import type { ActiveConversation } from '../active.js';
import { joinNames } from '../reflection/cards.js';
import { draftDays } from '../reflection/draft-retention.js';
import { pauseReflection, reflectionConversation } from '../reflection/flow.js';
import { parseReflectionState, REFLECTION_FLOW } from '../reflection/state.js';
import { restoreAfterEdit } from '../reflection-edit/edit.js';
import { type PreviousConversation, SAFETY_FLOW, type SafetyState } from './state.js';

export const SAFETY_VERBS = { check: 'safety.check', offer: 'safety.offer' } as const;

const coachesOf = async (ctx: TurnContext): Promise<StaffRow[]> =>
  (await listActiveStaff(ctx.db, ctx.person.id, ctx.today)).filter((s) => s.role === 'coach');

/** The conversation underneath the current one (an edit or a safety question keeps it inside). */
export function underlying(ctx: TurnContext, active: ActiveConversation): PreviousConversation {
  if (active.kind === 'edit') {
    const change = restoreAfterEdit(active.state);
    return change ? { flow: change.flow, step: change.step, state: change.state } : null;
  }
  if (active.kind === 'safety') return active.state.previous;
  const row = ctx.conversation;
  return row ? { flow: row.flow, step: row.step, state: row.state } : null;
}

export async function crisisTurn(ctx: TurnContext, active: ActiveConversation): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const coaches = await coachesOf(ctx);
  const contacts = [
    ...coaches.map((c) => t(locale, 'reflection.crisisCoach', { name: c.name, email: c.email })),
    // A school may configure its own line (LEERKANS_HELPLINE); the national lines are always in the message.
    ...(ctx.env.settings.helpline.trim() && !/\b(?:106|1813)\b/.test(ctx.env.settings.helpline)
      ? [ctx.env.settings.helpline]
      : []),
  ];
  const list = contacts.length ? joinOr(contacts, locale) : t(locale, 'safety.someoneYouTrust');
  const replies = [reply(t(locale, 'safety.message', { contacts: list }))];
  // Whatever comes next must not silently become an answer or a reflection's new text.
  let previous = underlying(ctx, active);
  const reflection = previous?.flow === REFLECTION_FLOW ? parseReflectionState(previous.state) : null;
  if (reflection) {
    const paused = reflectionConversation(pauseReflection(reflection, reflection.paused ?? 'crisis'));
    previous = paused ? { flow: paused.flow, step: paused.step, state: paused.state } : null;
    replies.push(reply(t(locale, 'reflection.crisisPaused', { days: draftDays(ctx) })));
  } else if (previous && previous.flow !== REFLECTION_FLOW) {
    previous = null;
  }
  if (coaches.length === 0) return { replies, conversation: restore(previous) };
  const names = joinNames(
    coaches.map((c) => c.name.split(' ')[0]!),
    locale,
  );
  const offer = t(locale, 'safety.offer', { coach: names });
  replies.push(
    reply(
      offer,
      card({
        kind: 'safety-offer',
        fallbackText: offer,
        elements: [
          text(offer),
          actions(
            { verb: SAFETY_VERBS.offer, label: t(locale, 'safety.offerYes'), data: { answer: 'yes' } },
            { verb: SAFETY_VERBS.offer, label: t(locale, 'safety.offerNo'), data: { answer: 'no' } },
          ),
        ],
      }),
    ),
  );
  const state: SafetyState = { step: 'offer', previous };
  return { replies, conversation: { flow: SAFETY_FLOW, step: 'offer', state } };
}

export const restore = (previous: PreviousConversation): ConversationChange =>
  previous ? { flow: previous.flow, step: previous.step, state: previous.state } : null;

function joinOr(items: string[], locale: string): string {
  const or = t(locale, 'reflection.or');
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} ${or} ${items.at(-1)}` : items[0]!;
}

/** The student's answer to the offer: yes plans a message to each coach (no student text in it). */
export async function answerOffer(ctx: TurnContext, state: SafetyState, yes: boolean): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const conversation = restore(state.previous);
  if (!yes) return { replies: [reply(t(locale, 'safety.offerDeclined'))], conversation };
  const coaches = await coachesOf(ctx);
  const names = joinNames(
    coaches.map((c) => c.name),
    locale,
  );
  const day = ctx.today;
  return {
    replies: [reply(t(locale, 'safety.offerSent', { coach: names }))],
    conversation,
    writes: [
      async (tx) => {
        for (const coach of coaches) {
          const body = t(coach.locale, 'safety.coachCard', { student: ctx.person.name });
          const spec = card({
            kind: 'safety-contact',
            title: t(coach.locale, 'safety.coachCardTitle'),
            fallbackText: body,
            elements: [text(t(coach.locale, 'safety.coachCardTitle'), 'heading'), text(body)],
          });
          // One request a day per coach is enough; a second yes the same day changes nothing.
          await enqueueOutbox(tx, {
            dedupeKey: `safety-contact:${ctx.person.id}:${coach.id}:${day}`,
            personId: coach.id,
            payload: { text: body, card: spec },
          });
        }
      },
    ],
  };
}

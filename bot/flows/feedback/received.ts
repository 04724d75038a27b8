// What the student gets when feedback arrives: every rated indicator, the feedback itself, and an invitation to
// react in one tap or a sentence (what they take from it, the next step they plan).
import { actions, card, facts, text, textInput } from '../../../cards/spec.js';
import type { Outbound } from '../../core/types.js';
import { t } from '../../i18n/index.js';

export const FEEDBACK_REACT = 'feedback.react';
export const MAX_REACTION = 1000;

export interface ReceivedInput {
  mentor: string;
  when: string;
  edited: boolean;
  ratings: { indicator: string; level: string }[];
  task: string;
  wentWell: string;
  nextStep: string;
  wantsConversation: boolean;
}

/** The notice, built before the write; the feedback id (known only after the insert) goes into the buttons. */
export function receivedNotice(locale: string, input: ReceivedInput): (feedbackId: number) => Outbound {
  const head = t(locale, input.edited ? 'feedback.receivedEdited' : 'feedback.received', {
    mentor: input.mentor,
    when: input.when,
  });
  const none = t(locale, 'feedback.none');
  const lines = [
    head,
    ...input.ratings.map((r) => t(locale, 'feedback.receivedLevel', r)),
    ...(input.task ? [t(locale, 'feedback.receivedTask', { task: input.task })] : []),
    t(locale, 'feedback.receivedWentWell', { wentWell: input.wentWell || none }),
    t(locale, 'feedback.receivedNextStep', { nextStep: input.nextStep }),
    ...(input.wantsConversation ? [t(locale, 'feedback.receivedConversation', { mentor: input.mentor })] : []),
  ];
  const invite = t(locale, 'loop.invite', { mentor: input.mentor });
  const fallback = [...lines, '', invite].join('\n');
  return (feedbackId) => ({
    text: fallback,
    card: card({
      kind: 'feedback-received',
      fallbackText: fallback,
      elements: [
        text(head, 'heading'),
        facts([
          ...input.ratings.map((r) => ({ label: r.indicator, value: r.level })),
          ...(input.task ? [{ label: t(locale, 'feedback.fact.task'), value: input.task }] : []),
          { label: t(locale, 'feedback.fact.wentWell'), value: input.wentWell || none },
          { label: t(locale, 'feedback.fact.nextStep'), value: input.nextStep },
        ]),
        ...(input.wantsConversation
          ? [text(t(locale, 'feedback.receivedConversation', { mentor: input.mentor }))]
          : []),
        text(invite),
        textInput({
          id: 'takeaway',
          label: t(locale, 'loop.takeaway'),
          placeholder: t(locale, 'loop.takeawayPlaceholder'),
          multiline: true,
          maxLength: MAX_REACTION,
        }),
        textInput({
          id: 'plan',
          label: t(locale, 'loop.plan'),
          placeholder: t(locale, 'loop.planPlaceholder'),
          multiline: true,
          maxLength: MAX_REACTION,
        }),
        actions(
          {
            verb: FEEDBACK_REACT,
            label: t(locale, 'loop.send'),
            style: 'primary',
            submitsInputs: true,
            data: { feedbackId: String(feedbackId) },
          },
          {
            verb: FEEDBACK_REACT,
            label: t(locale, 'loop.adopt'),
            data: { feedbackId: String(feedbackId), adopt: 'true' },
          },
        ),
      ],
    }),
  });
}

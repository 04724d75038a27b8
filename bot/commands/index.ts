// The commands' routes: each chat word (parsed in parse.ts) with its handler, and the buttons of the cards the
// commands send (the nudge, the admin card, "delete this reflection?"). Gathered with the flows' in bot/routes.ts.
import { z } from 'zod';
import type { ChatWord, RouteSet } from '../core/routes.js';
import { conversationRoute } from '../core/routes.js';
import { refusal, type TurnContext, type TurnResult } from '../core/turn.js';
import { readConversation } from '../flows/active.js';
import { startFeedback } from '../flows/feedback/start.js';
import { showProgress } from '../flows/progress/view.js';
import { reflectionIdOf, VERBS } from '../flows/reflection/cards.js';
import { staleCard } from '../flows/stale.js';
import { t } from '../i18n/index.js';
import { NUDGE_VERBS } from '../schedule/nudge-card.js';
import { ADMIN_VERB_PREFIX, adminAction, adminCommand } from './admin.js';
import { askFeedbackCommand } from './ask-feedback.js';
import {
  answerDelete,
  DELETE_CONFIRM,
  DELETE_FLOW,
  deleteReflectionById,
  deleteReflectionCommand,
  isDeleteYes,
  parseConfirmDeleteState,
} from './delete-reflection.js';
import { editReflectionCommand } from './edit-reflection.js';
import { helpCommand } from './help.js';
import { languageCommand } from './language.js';
import { myDataCommand } from './my-data.js';
import { myFeedbackCommand } from './my-feedback.js';
import { myReflectionsCommand } from './my-reflections.js';
import { reflectFromNudge } from './nudge.js';
import { type Command, type CommandKind, parseCommand } from './parse.js';
import { pauseCommand } from './pause.js';
import { reflectCommand } from './reflect.js';
import { resumeCommand } from './resume.js';
import { skipTodayCommand } from './skip-today.js';
import { stopCommand } from './stop.js';
import { tellShiftCommand } from './tell-shift.js';

type ChatWordHandlers = {
  [K in CommandKind]: (ctx: TurnContext, command: Extract<Command, { kind: K }>) => Promise<TurnResult>;
};

/** One handler per chat word; the type makes a new kind in parse.ts fail to compile until it has one. */
export const CHAT_WORDS: ChatWordHandlers = {
  reflect: (ctx) => reflectCommand(ctx),
  help: (ctx) => helpCommand(ctx),
  progress: (ctx, c) => showProgress(ctx, c.name),
  feedbackFor: (ctx, c) => startFeedback(ctx, c.name),
  myFeedback: (ctx) => myFeedbackCommand(ctx),
  askFeedback: (ctx, c) => askFeedbackCommand(ctx, c.name),
  admin: (ctx, c) => adminCommand(ctx, c.args),
  myReflections: (ctx) => myReflectionsCommand(ctx),
  pause: (ctx, c) => pauseCommand(ctx, c.date),
  skipToday: (ctx) => skipTodayCommand(ctx),
  resume: (ctx) => resumeCommand(ctx),
  stop: (ctx) => stopCommand(ctx),
  language: (ctx, c) => languageCommand(ctx, c.language),
  myData: (ctx) => myDataCommand(ctx),
  deleteReflection: (ctx, c) => deleteReflectionCommand(ctx, c.number),
  editReflection: (ctx, c) => editReflectionCommand(ctx, c.number),
  tellShift: (ctx, c) => tellShiftCommand(ctx, c.shift),
};

/** The chat word a message is, ready to run, or null for ordinary text. */
export function chatWord(text: string): ChatWord | null {
  const command = parseCommand(text);
  if (!command) return null;
  // The table pairs each kind with its own handler; TypeScript cannot follow that through a lookup by kind.
  const run = CHAT_WORDS[command.kind] as (ctx: TurnContext, command: Command) => Promise<TurnResult>;
  return (ctx) => run(ctx, command);
}

const confirmData = z.object({
  reflectionId: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
  answer: z.enum(['yes', 'no']),
});

export const commandRoutes: RouteSet = {
  actions: [
    { verb: VERBS.start, handle: (ctx) => reflectCommand(ctx) },
    { verb: NUDGE_VERBS.reflect, handle: (ctx, action) => reflectFromNudge(ctx, action.data) },
    { verb: NUDGE_VERBS.skip, handle: (ctx) => skipTodayCommand(ctx) },
    { prefix: ADMIN_VERB_PREFIX, handle: (ctx, action) => adminAction(ctx, action.verb, action.data) },
    {
      verb: VERBS.delete,
      handle: async (ctx, action) => {
        const id = reflectionIdOf(action.data);
        return id === null ? refusal(t(ctx.person.locale, 'action.invalid')) : deleteReflectionById(ctx, id);
      },
    },
    {
      verb: DELETE_CONFIRM,
      handle: async (ctx, action) => {
        const active = readConversation(ctx.conversation);
        const answer = confirmData.safeParse(action.data);
        if (!answer.success) return refusal(t(ctx.person.locale, 'action.invalid'));
        if (active.kind !== 'confirmDelete' || active.state.reflectionId !== answer.data.reflectionId)
          return staleCard(ctx);
        return answerDelete(ctx, active.state, answer.data.answer === 'yes');
      },
    },
  ],
  conversations: [
    // "Delete this reflection?" is a short question: a chat word instead of yes or no lets it lapse.
    conversationRoute(DELETE_FLOW, parseConfirmDeleteState, (state) => ({
      question: { previous: state.previous },
      answer: (ctx, text) => answerDelete(ctx, state, isDeleteYes(text)),
    })),
  ],
};

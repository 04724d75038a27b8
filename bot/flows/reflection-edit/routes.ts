// Editing a saved reflection: the Edit button, and the next message as the new text.
import { conversationRoute, type RouteSet } from '../../core/routes.js';
import { refusal, reply } from '../../core/turn.js';
import { t } from '../../i18n/index.js';
import { reflectionIdOf, VERBS } from '../reflection/cards.js';
import { finishEdit, startEdit } from './edit.js';
import { EDIT_FLOW, parseEditState } from './state.js';

export const editRoutes: RouteSet = {
  actions: [
    {
      verb: VERBS.edit,
      handle: async (ctx, action) => {
        const id = reflectionIdOf(action.data);
        return id === null ? refusal(t(ctx.person.locale, 'action.invalid')) : startEdit(ctx, id);
      },
    },
  ],
  conversations: [
    conversationRoute(EDIT_FLOW, parseEditState, (state) => ({
      answer: async (ctx, text) => {
        if (text === '') return { replies: [reply(t(ctx.person.locale, 'reflections.editPrompt'))] };
        return finishEdit(ctx, state, text);
      },
    })),
  ],
};

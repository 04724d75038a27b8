// "bewerk reflectie N" / "edit reflection N": re-opens the text of one's own reflection for one new message.
import { refusal, type TurnContext, type TurnResult } from '../core/turn.js';
import { t } from '../i18n/index.js';
import { startEdit } from '../flows/reflection-edit/edit.js';
import { reflectionIdAt } from './delete-reflection.js';

export async function editReflectionCommand(ctx: TurnContext, n: number): Promise<TurnResult> {
  const id = await reflectionIdAt(ctx, n);
  return id === undefined ? refusal(t(ctx.person.locale, 'reflections.notFound')) : startEdit(ctx, id);
}

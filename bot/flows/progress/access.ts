// Who may see whose progress: the student their own; staff (mentor, teacher, coach) the students assigned to them
// today. Card data is untrusted: every action re-checks this on the server.
import { staffRolesFor } from '../../../db/queries/feedback.js';
import type { TurnContext } from '../../core/turn.js';

export async function mayViewProgress(ctx: TurnContext, studentId: number): Promise<boolean> {
  if (studentId === ctx.person.id) return true;
  return (await staffRolesFor(ctx.db, ctx.person.id, studentId, ctx.today)).length > 0;
}

export async function isCoachOf(ctx: TurnContext, studentId: number): Promise<boolean> {
  return (await staffRolesFor(ctx.db, ctx.person.id, studentId, ctx.today)).includes('coach');
}

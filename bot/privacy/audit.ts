// Audit entries for looking at someone else's data: a progress view, the texts behind a rating, a chart, a
// reflection's text on a feedback card. The label is the role in which the viewer looked, never a name; details
// say where (the channel) and which thing (ids), never what it says.
import type { Queryable } from '../../db/db.js';
import { type AuditEntry, insertAuditEntry } from '../../db/queries/audit.js';
import { staffRolesFor } from '../../db/queries/feedback.js';

/** The role that gives the most access first: a coach who is also a mentor looks as the coach. */
const STAFF_ORDER = ['coach', 'mentor', 'teacher'] as const;

export const staffLabel = (roles: readonly string[]): string => STAFF_ORDER.find((r) => roles.includes(r)) ?? 'staff';

/** The entry for `viewerId` looking at `subjectId`'s data on `day`, labelled with the viewer's assignment role. */
export async function viewEntry(
  db: Queryable,
  view: { viewerId: number; subjectId: number; day: string; action: string; details: Record<string, unknown> },
): Promise<AuditEntry> {
  const roles = await staffRolesFor(db, view.viewerId, view.subjectId, view.day);
  return {
    actorId: view.viewerId,
    actorLabel: staffLabel(roles),
    action: view.action,
    subjectId: view.subjectId,
    details: view.details,
  };
}

/** A turn's write that stores the entry. */
export const auditWrite =
  (entry: AuditEntry) =>
  (tx: Queryable): Promise<void> =>
    insertAuditEntry(tx, entry);

/** The entry for a feedback card that shows the student's reflection text to its addressee. */
export const reflectionShown = (
  request: { requestedOf: number; studentId: number; role: string; reflectionId: number | null },
  channel: string,
): AuditEntry => ({
  actorId: request.requestedOf,
  actorLabel: request.role,
  action: 'reflection.view',
  subjectId: request.studentId,
  details: { reflectionId: request.reflectionId, channel },
});

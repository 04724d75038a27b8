// What a person changes about themselves in chat: language, reminder pauses, the one-time AI notice.
import type { Queryable } from '../db.js';

export async function setPersonLocale(tx: Queryable, personId: number, locale: string): Promise<void> {
  await tx.query('UPDATE people SET locale = $2, updated_at = now() WHERE id = $1', [personId, locale]);
}

export async function setNudgesPausedUntil(tx: Queryable, personId: number, date: string): Promise<void> {
  await tx.query('UPDATE people SET nudges_paused_until = $2::date, updated_at = now() WHERE id = $1', [
    personId,
    date,
  ]);
}

export async function setSkipNudgesOn(tx: Queryable, personId: number, date: string): Promise<void> {
  await tx.query('UPDATE people SET skip_nudges_on = $2::date, updated_at = now() WHERE id = $1', [personId, date]);
}

export async function clearNudgePauses(tx: Queryable, personId: number): Promise<void> {
  await tx.query(
    'UPDATE people SET nudges_paused_until = NULL, skip_nudges_on = NULL, updated_at = now() WHERE id = $1',
    [personId],
  );
}

export async function markAiNoticeShown(tx: Queryable, personId: number, at: Date): Promise<void> {
  await tx.query('UPDATE people SET ai_notice_shown_at = $2 WHERE id = $1 AND ai_notice_shown_at IS NULL', [
    personId,
    at,
  ]);
}

// Conversation state: one row per person with the flow in progress. `version` makes every write conditional
// (optimistic concurrency), so two instances handling the same person at once cannot both win.
import type { Queryable } from '../db.js';

export interface ConversationRow {
  flow: string;
  step: string;
  state: unknown;
  version: number;
}

export async function loadConversation(db: Queryable, personId: number): Promise<ConversationRow | undefined> {
  const r = await db.query<ConversationRow>(
    'SELECT flow, step, state, version FROM conversations WHERE person_id = $1',
    [personId],
  );
  return r.rows[0];
}

/** Inserts a new conversation; false when one appeared meanwhile. */
export async function insertConversation(
  tx: Queryable,
  personId: number,
  value: { flow: string; step: string; state: unknown },
): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO conversations (person_id, flow, step, state) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (person_id) DO NOTHING RETURNING id`,
    [personId, value.flow, value.step, JSON.stringify(value.state)],
  );
  return r.rows.length > 0;
}

/** Updates the conversation if it is still at `version`; false when someone else changed it first. */
export async function updateConversation(
  tx: Queryable,
  personId: number,
  version: number,
  value: { flow: string; step: string; state: unknown },
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE conversations SET flow = $3, step = $4, state = $5::jsonb, version = version + 1, updated_at = now()
      WHERE person_id = $1 AND version = $2`,
    [personId, version, value.flow, value.step, JSON.stringify(value.state)],
  );
  return r.rowCount > 0;
}

/** Deletes the conversation if it is still at `version`; false when someone else changed it first. */
export async function deleteConversation(tx: Queryable, personId: number, version: number): Promise<boolean> {
  const r = await tx.query('DELETE FROM conversations WHERE person_id = $1 AND version = $2', [personId, version]);
  return r.rowCount > 0;
}

// Which flow the stored conversation row belongs to, with its state validated.
import type { ConversationRow } from '../../db/queries/conversations.js';
import { EDIT_FLOW, type EditState, parseEditState } from './reflection-edit/state.js';
import { parseReflectionState, REFLECTION_FLOW, type ReflectionState } from './reflection/state.js';
import { parseSafetyState, SAFETY_FLOW, type SafetyState } from './safety/state.js';
import { type ConfirmDeleteState, DELETE_FLOW, parseConfirmDeleteState } from '../commands/delete-reflection.js';

export type ActiveConversation =
  | { kind: 'none' }
  | { kind: 'reflection'; state: ReflectionState }
  | { kind: 'edit'; state: EditState }
  | { kind: 'safety'; state: SafetyState }
  | { kind: 'confirmDelete'; state: ConfirmDeleteState };

/** A row that no longer fits its schema counts as no conversation; the next write replaces it. */
export function readConversation(row: ConversationRow | null): ActiveConversation {
  if (!row) return { kind: 'none' };
  if (row.flow === REFLECTION_FLOW) {
    const state = parseReflectionState(row.state);
    return state ? { kind: 'reflection', state } : { kind: 'none' };
  }
  if (row.flow === EDIT_FLOW) {
    const state = parseEditState(row.state);
    return state ? { kind: 'edit', state } : { kind: 'none' };
  }
  if (row.flow === DELETE_FLOW) {
    const state = parseConfirmDeleteState(row.state);
    return state ? { kind: 'confirmDelete', state } : { kind: 'none' };
  }
  if (row.flow === SAFETY_FLOW) {
    const state = parseSafetyState(row.state);
    return state ? { kind: 'safety', state } : { kind: 'none' };
  }
  return { kind: 'none' };
}

// Other people's conversations can point at a person by id (a student choosing whom to ask for feedback, an
// admin asked to confirm erasing them). Erasing the person takes those pointers out, so nobody's conversation
// continues towards someone who is gone; names and emails in the text are replaced separately, as in any table.
import { ERASE_FLOW, parseConfirmEraseState } from './erase-state.js';

export interface ConversationValue {
  flow: string;
  step: string;
  state?: unknown;
}

/** The state without the person: feedback choices (at any depth, e.g. inside a paused flow) lose them. */
function withoutPerson(value: unknown, personId: number): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutPerson(v, personId));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'feedbackFrom' && Array.isArray(v)) {
      out[key] = v.filter((x) => !(typeof x === 'object' && x !== null && (x as { id?: unknown }).id === personId));
    } else if (key === 'previous' && typeof v === 'object' && v !== null) {
      out[key] = withoutPersonConversation(v as ConversationValue, personId);
    } else {
      out[key] = withoutPerson(v, personId);
    }
  }
  return out;
}

/**
 * The conversation as it is without the person: unchanged (same object) when it does not point at them; null
 * when nothing is left (an erase confirmation about them with nothing underneath).
 */
export function withoutPersonConversation(row: ConversationValue, personId: number): ConversationValue | null {
  if (row.flow === ERASE_FLOW) {
    const state = parseConfirmEraseState(row.state);
    if (state?.personId === personId) {
      return state.previous ? withoutPersonConversation(state.previous, personId) : null;
    }
  }
  const state = withoutPerson(row.state, personId);
  return JSON.stringify(state) === JSON.stringify(row.state) ? row : { ...row, state };
}

/** Whether a conversation points at the person (for the export's list of mentions). */
export const conversationPointsAt = (row: ConversationValue, personId: number): boolean =>
  withoutPersonConversation(row, personId) !== row;

// Control-flow errors of the core's commit step; they roll the transaction back.

/** The event key was recorded by a concurrent delivery of the same event. */
export class DuplicateEventError extends Error {
  override readonly name = 'DuplicateEventError';
}

/** The conversation changed since the turn read it (another instance, a double click): the turn is redone. */
export class ConversationConflictError extends Error {
  override readonly name = 'ConversationConflictError';
}

// Message activities are acknowledged at once and their turns run from here afterwards: one conversation's
// turns strictly in the order they arrived (a student's answers must not overtake each other), different
// conversations side by side up to `concurrency`. When the backlog is full the route answers 503 instead of
// acknowledging, and the Bot Service retries.
export interface TurnQueue {
  /** Queues a turn for a conversation; admission is decided before the ack, by looking at `full`. */
  push(conversation: string, task: () => Promise<void>): void;
  readonly full: boolean;
  /** Turns running or waiting. */
  readonly size: number;
  /** Resolves when nothing is running or waiting. */
  idle(): Promise<void>;
}

export function createTurnQueue(options: {
  concurrency: number;
  maxQueued: number;
  onError: (error: unknown) => void;
}): TurnQueue {
  /** Per conversation, the turns not started yet; a conversation is in `ready` or running, never both. */
  const waiting = new Map<string, (() => Promise<void>)[]>();
  const ready: string[] = [];
  const busy = new Set<string>();
  let queued = 0;
  let waiters: (() => void)[] = [];

  const settleIdle = () => {
    if (busy.size > 0 || queued > 0) return;
    for (const w of waiters) w();
    waiters = [];
  };

  const pump = () => {
    while (busy.size < options.concurrency && ready.length > 0) {
      const conversation = ready.shift()!;
      const list = waiting.get(conversation)!;
      const task = list.shift()!;
      if (list.length === 0) waiting.delete(conversation);
      queued--;
      busy.add(conversation);
      // Started on a macrotask, so requests waiting for their ack get the event loop between turns.
      new Promise<void>((resolve) => setImmediate(resolve))
        .then(task)
        .catch(options.onError)
        .finally(() => {
          busy.delete(conversation);
          if (waiting.has(conversation)) ready.push(conversation);
          pump();
          settleIdle();
        });
    }
  };

  return {
    push(conversation, task) {
      const list = waiting.get(conversation);
      if (list) list.push(task);
      else {
        waiting.set(conversation, [task]);
        if (!busy.has(conversation)) ready.push(conversation);
      }
      queued++;
      pump();
    },
    get full() {
      return queued >= options.maxQueued;
    },
    get size() {
      return queued + busy.size;
    },
    idle() {
      if (busy.size === 0 && queued === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}

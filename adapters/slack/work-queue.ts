// The core's work after an ack, a few turns at a time. Without a bound, a burst of events starts hundreds of turns
// at once; their database work (PGlite runs on this thread) then crowds out the HTTP parsing and signature checks
// of the next requests, and acks drift towards Slack's 3 s. With a bound, acks stay fast and the backlog waits
// here; when the backlog is full the receiver answers 503 instead of acking, and Slack redelivers later.
export interface WorkQueue {
  /** Queues the task. It always accepts: admission is decided before the ack, by looking at `full`. */
  push(task: () => Promise<void>): void;
  /** The backlog is at its bound: new requests should be refused (503) rather than acknowledged. */
  readonly full: boolean;
  readonly size: number;
  /** Resolves when nothing is running or queued. */
  idle(): Promise<void>;
}

export function createWorkQueue(options: {
  concurrency: number;
  maxQueued: number;
  onError: (e: unknown) => void;
}): WorkQueue {
  const queued: (() => Promise<void>)[] = [];
  let running = 0;
  let waiters: (() => void)[] = [];

  const next = () => {
    while (running < options.concurrency && queued.length > 0) {
      const task = queued.shift()!;
      running++;
      // Start on a macrotask: HTTP requests waiting for their ack get the event loop between turns.
      new Promise<void>((resolve) => setImmediate(resolve))
        .then(task)
        .catch(options.onError)
        .finally(() => {
          running--;
          if (running === 0 && queued.length === 0) {
            for (const w of waiters) w();
            waiters = [];
          }
          next();
        });
    }
  };

  return {
    push(task) {
      queued.push(task);
      next();
    },
    get full() {
      return queued.length >= options.maxQueued;
    },
    get size() {
      return running + queued.length;
    },
    idle() {
      if (running === 0 && queued.length === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}

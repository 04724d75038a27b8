// Background work of one bot instance: plan what is due (feedback cards) and send the outbox, every second.
// Several instances may run it at once: planning is deduplicated by key and sending by leased claims.
import type { Logger } from '../log/logger.js';

export interface WorkLoop {
  /** Runs every task once, in order (tests and `digest --now`-like commands call this directly). */
  runOnce(): Promise<void>;
  start(intervalMs?: number): void;
  /** Stops the timer and waits for the round in progress. */
  stop(): Promise<void>;
}

export function createWorkLoop(tasks: { name: string; run: () => Promise<unknown> }[], logger: Logger): WorkLoop {
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let current: Promise<void> = Promise.resolve();
  const runOnce = async () => {
    for (const task of tasks) {
      try {
        await task.run();
      } catch (error) {
        // One failing task (a database hiccup) must not stop the others or the loop.
        logger.error({ err: error, task: task.name }, 'background task failed');
      }
    }
  };
  return {
    runOnce() {
      current = current.then(runOnce);
      return current;
    },
    start(intervalMs = 1_000) {
      if (!stopped) return;
      stopped = false;
      const loop = () => {
        current = current.then(runOnce).finally(() => {
          if (!stopped) {
            timer = setTimeout(loop, intervalMs);
            timer.unref();
          }
        });
      };
      loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}

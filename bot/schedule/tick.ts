// The planner's clock: a node-cron task (every minute by default) that runs the planner, never two rounds at once.
import { schedule } from 'node-cron';
import type { Logger } from '../log/logger.js';

export interface PlannerTick {
  stop(): Promise<void>;
}

export function startPlannerTick(expression: string, run: () => Promise<unknown>, logger: Logger): PlannerTick {
  let current: Promise<unknown> = Promise.resolve();
  const round = () => {
    current = current.then(run).catch((error: unknown) => logger.error({ err: error }, 'nudge planner: tick failed'));
    return current;
  };
  const task = schedule(expression, round, { name: 'nudge-planner', noOverlap: true });
  task.unref();
  // Right away too: after a restart the missed nudges should not wait for the next minute.
  void round();
  return {
    async stop() {
      await task.destroy();
      await current;
    },
  };
}

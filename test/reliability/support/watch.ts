// A process-level watch for the reliability tests: every unhandled rejection and uncaught exception in this
// worker is recorded, and the suite fails on any (a crash the product swallowed would otherwise go unseen).
import { afterAll, expect } from 'vitest';

export interface ProcessWatch {
  readonly problems: string[];
}

export function watchProcess(): ProcessWatch {
  const problems: string[] = [];
  const onRejection = (reason: unknown) => problems.push(`unhandled rejection: ${describe(reason)}`);
  const onException = (error: unknown) => problems.push(`uncaught exception: ${describe(error)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  afterAll(async () => {
    // A rejection is reported after the microtasks of its turn: give the last ones a moment to surface.
    await new Promise((r) => setTimeout(r, 50));
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    expect(problems).toEqual([]);
  });
  return { problems };
}

const describe = (value: unknown): string =>
  value instanceof Error ? `${value.name}: ${value.message}\n${value.stack ?? ''}` : String(value);

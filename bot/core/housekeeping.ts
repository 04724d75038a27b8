// Periodic clean-up that keeps tables from growing without bound. Cheap to call often: it runs at most hourly.
import type { Db } from '../../db/db.js';
import { pruneProcessedEvents } from '../../db/queries/events.js';
import { deleteExpiredExportLinks } from '../../db/queries/export-links.js';

const EVENT_KEY_DAYS = 30;
const EVERY_MS = 60 * 60_000;

export function createHousekeeping(db: Db, now: () => number = Date.now): () => Promise<void> {
  let last = Number.NEGATIVE_INFINITY;
  return async () => {
    if (now() - last < EVERY_MS) return;
    last = now();
    await pruneProcessedEvents(db, EVENT_KEY_DAYS);
    await deleteExpiredExportLinks(db, new Date(now()));
  };
}

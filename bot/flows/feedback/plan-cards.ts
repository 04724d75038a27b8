// Turns each open feedback request into one card in the addressee's outbox (dedupe key per request), so a
// crash between storing the request and planning the card loses nothing: the next run plans it. A card that
// carries the student's reflection text is written to the audit log with it (the addressee reads it).
import type { Db } from '../../../db/db.js';
import { cancelFeedbackRequest, requestsWithoutCard } from '../../../db/queries/feedback.js';
import { enqueueOutbox } from '../../../db/queries/outbox.js';
import { findPersonById } from '../../../db/queries/people.js';
import { expireUnassignedRequests } from '../../../db/queries/request-access.js';
import { insertAuditEntry } from '../../../db/queries/audit.js';
import type { Logger } from '../../log/logger.js';
import { reflectionShown } from '../../privacy/audit.js';
import { feedbackCard } from './card.js';
import { requestCardInput } from './context.js';

export async function planFeedbackCards(db: Db, logger: Logger, now: Date = new Date()): Promise<number> {
  let planned = 0;
  await expireUnassignedRequests(db, now.toISOString().slice(0, 10));
  for (const request of await requestsWithoutCard(db)) {
    const mentor = await findPersonById(db, request.requestedOf);
    if (!mentor) continue;
    const input = await requestCardInput(db, request, { locale: mentor.locale, timeZone: mentor.timeZone });
    if (!input) {
      // No framework for this student: nothing to rate. Cancelled, so it does not block the requests after it.
      await cancelFeedbackRequest(db, request.id);
      logger.warn({ requestId: request.id }, 'feedback request without framework: cancelled');
      continue;
    }
    const card = feedbackCard(input);
    const id = await db.transaction(async (tx) => {
      const planned = await enqueueOutbox(tx, {
        dedupeKey: `feedback-request:${request.id}`,
        personId: request.requestedOf,
        payload: { text: card.fallbackText, card },
      });
      if (planned !== null && input.opportunity?.summary) {
        await insertAuditEntry(tx, reflectionShown(request, 'feedback-card'));
      }
      return planned;
    });
    if (id !== null) planned++;
  }
  return planned;
}

// Turns each open feedback request into one card in the addressee's outbox (dedupe key per request), so a
// crash between storing the request and planning the card loses nothing: the next run plans it.
import type { Db } from '../../../db/db.js';
import { cancelFeedbackRequest, requestsWithoutCard } from '../../../db/queries/feedback.js';
import { enqueueOutbox } from '../../../db/queries/outbox.js';
import { findPersonById } from '../../../db/queries/people.js';
import type { Logger } from '../../log/logger.js';
import { feedbackCard } from './card.js';
import { requestCardInput } from './context.js';

export async function planFeedbackCards(db: Db, logger: Logger): Promise<number> {
  let planned = 0;
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
    const id = await enqueueOutbox(db, {
      dedupeKey: `feedback-request:${request.id}`,
      personId: request.requestedOf,
      payload: { text: card.fallbackText, card },
    });
    if (id !== null) planned++;
  }
  return planned;
}

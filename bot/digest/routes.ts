// The buttons of the coach's digest (open, nudge, remind) and of the mentor's weekly card (open a request).
import type { RouteSet } from '../core/routes.js';
import { nudgeStudent, openStudent, remindMentor } from './actions.js';
import { DIGEST_NUDGE, DIGEST_OPEN, DIGEST_REMIND } from './card.js';
import { MENTOR_OPEN_REQUEST, openMentorRequest } from './mentor.js';

export const digestRoutes: RouteSet = {
  actions: [
    { verb: DIGEST_OPEN, handle: (ctx, action) => openStudent(ctx, action) },
    { verb: DIGEST_NUDGE, handle: (ctx, action) => nudgeStudent(ctx, action) },
    { verb: DIGEST_REMIND, handle: (ctx, action) => remindMentor(ctx, action) },
    { verb: MENTOR_OPEN_REQUEST, handle: (ctx, action) => openMentorRequest(ctx, action) },
  ],
};

// The progress view's buttons: pick a student, and the details of one indicator's ratings.
import type { RouteSet } from '../../core/routes.js';
import { PROGRESS_DETAIL } from './card.js';
import { showRatingDetails } from './details.js';
import { PROGRESS_SHOW, pickProgressStudent } from './view.js';

export const progressRoutes: RouteSet = {
  actions: [
    { verb: PROGRESS_SHOW, handle: (ctx, action) => pickProgressStudent(ctx, action) },
    { verb: PROGRESS_DETAIL, handle: (ctx, action) => showRatingDetails(ctx, action) },
  ],
};

// The feedback flow's buttons: pick a student, submit or edit feedback, and the student's reaction to it.
import type { RouteSet } from '../../core/routes.js';
import { FEEDBACK_EDIT, FEEDBACK_START, FEEDBACK_SUBMIT } from './card.js';
import { reactToFeedback } from './react.js';
import { FEEDBACK_REACT } from './received.js';
import { pickFeedbackStudent } from './start.js';
import { editFeedback, submitFeedback } from './submit.js';

export const feedbackRoutes: RouteSet = {
  actions: [
    { verb: FEEDBACK_START, handle: (ctx, action) => pickFeedbackStudent(ctx, action) },
    { verb: FEEDBACK_SUBMIT, handle: (ctx, action) => submitFeedback(ctx, action) },
    { verb: FEEDBACK_EDIT, handle: (ctx, action) => editFeedback(ctx, action) },
    { verb: FEEDBACK_REACT, handle: (ctx, action) => reactToFeedback(ctx, action) },
  ],
};

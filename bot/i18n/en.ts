import type { MessageKey } from './nl.js';

export const en: Record<MessageKey, string> = {
  'common.notEnrolled': 'You are not enrolled in Leerkans (yet). Ask your competence coach to add you to the roster.',
  'common.comingSoon': 'Leerkans cannot do that yet, but it is coming.',
};

import type { nlPrivacy } from './nl-privacy.js';

export const enPrivacy: Record<keyof typeof nlPrivacy, string> = {
  'privacy.initialsHint':
    'Writing about clients or their family? Please use initials (e.g. "Mrs V.") and leave out addresses and phone numbers.',
  'reflection.aiNoticeSuggestOnly':
    'Good to know: an AI language model reads your reflection to suggest indicators; the questions do not come from the model. I replace names first, and levels are always chosen by you and your supervisors.',
};

import type { nlPrivacy } from './nl-privacy.js';

export const enPrivacy: Record<keyof typeof nlPrivacy, string> = {
  'privacy.initialsHint':
    'Writing about clients or their family? Please use initials (e.g. "Mrs V.") and leave out addresses and phone numbers.',
};

// Dutch (nl-BE) is the source language: every key starts here; en.ts must have the same keys.
export const nl = {
  'common.notEnrolled':
    'Je staat (nog) niet ingeschreven in Leerkans. Vraag je competentiecoach om je toe te voegen aan het rooster.',
  'common.comingSoon': 'Dat kan Leerkans nog niet, maar het komt eraan.',
} as const;

export type MessageKey = keyof typeof nl;

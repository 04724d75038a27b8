// A person's overview as a card (Slack's App Home): a greeting, what they can do, and what waits for them. The
// core shows it through the routes table (bot/routes.ts).
import { actions, type CardSpec, card, text } from '../../cards/spec.js';
import { homeCounts } from '../../db/queries/home.js';
import type { PersonRow } from '../../db/queries/people.js';
import type { Queryable } from '../../db/db.js';
import { VERBS } from '../flows/reflection/cards.js';
import { type MessageKey, t } from '../i18n/index.js';

export async function homeCard(db: Queryable, person: PersonRow): Promise<CardSpec> {
  const locale = person.locale;
  const roles = new Set(person.roles);
  const counts = await homeCounts(db, person.id);
  const lines: string[] = [t(locale, 'home.greeting', { name: person.name.split(' ')[0] ?? person.name })];
  if (roles.has('student')) lines.push(t(locale, 'home.reflections', { count: counts.reflections }));
  if (counts.openRequests > 0) lines.push(t(locale, 'home.openRequests', { count: counts.openRequests }));
  const keys: MessageKey[] = [];
  if (roles.has('student')) keys.push('help.reflect', 'help.myReflections', 'help.progress', 'help.pause');
  if (roles.has('mentor') || roles.has('teacher')) keys.push('help.feedbackFor');
  if (roles.has('mentor') || roles.has('teacher') || roles.has('coach')) keys.push('help.progressStaff');
  keys.push('help.language', 'help.myData');
  const help = [t(locale, 'help.intro'), ...keys.map((k) => t(locale, k))].join('\n');
  const fallbackText = [...lines, help].join('\n');
  return card({
    kind: 'home',
    title: t(locale, 'home.title'),
    fallbackText,
    elements: [
      ...lines.map((l) => text(l)),
      text(help, 'subtle'),
      ...(roles.has('student')
        ? [actions({ verb: VERBS.start, label: t(locale, 'help.startButton'), style: 'primary' })]
        : []),
    ],
  });
}

// "mijn gegevens" / "my data": what is stored, as counts per kind. A JSON file cannot travel through every chat,
// so the full export (Art. 15) goes through the coach or admin CLI (`leerkans export --email`).
import { countPersonData } from '../../db/queries/my-data.js';
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { languageOf, type MessageKey, t } from '../i18n/index.js';

const COUNTED: [keyof Awaited<ReturnType<typeof countPersonData>>, MessageKey][] = [
  ['identities', 'myData.identities'],
  ['reflections', 'myData.reflections'],
  ['selfAssessments', 'myData.selfAssessments'],
  ['assessmentsByOthers', 'myData.assessmentsByOthers'],
  ['feedbackReceived', 'myData.feedbackReceived'],
  ['feedbackRequests', 'myData.feedbackRequests'],
  ['shifts', 'myData.shifts'],
  ['messages', 'myData.messages'],
];

export async function myDataCommand(ctx: TurnContext): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const counts = await countPersonData(ctx.db, ctx.person.id);
  const lines = [
    t(locale, 'myData.intro'),
    t(locale, 'myData.profile', {
      roles: ctx.person.roles.join(', '),
      language: languageOf(locale),
      zone: ctx.person.timeZone,
    }),
    ...COUNTED.filter(([kind]) => counts[kind] > 0).map(([kind, key]) => t(locale, key, { count: counts[kind] })),
    ...(counts.conversation > 0 ? [t(locale, 'myData.conversation')] : []),
    '',
    t(locale, 'myData.export'),
  ];
  return { replies: [reply(lines.join('\n'))] };
}

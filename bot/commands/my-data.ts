// "mijn gegevens" / "my data": what is stored, as counts per kind, and a link to download all of it (Art. 15):
// a file cannot travel through every chat, a short-lived link served by Leerkans itself can
// (bot/privacy/export-link.ts). Without a public address for that link, the export goes through the admin CLI.
import { countPersonData } from '../../db/queries/my-data.js';
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { EXPORT_LINK_TTL_MS, newExportLink } from '../privacy/export-link.js';
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
  ];
  const base = ctx.env.settings.chartBaseUrl;
  if (!base) return { replies: [reply([...lines, t(locale, 'myData.export')].join('\n'))] };
  const link = newExportLink(base, ctx.person, ctx.now);
  lines.push(t(locale, 'myData.download', { url: link.url, minutes: EXPORT_LINK_TTL_MS / 60_000 }));
  return { replies: [reply(lines.join('\n'))], writes: [link.write] };
}

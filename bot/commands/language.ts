// "taal nl|en" / "language nl|en": the person's locale; the reply (and the running question) in the new language.
import { setPersonLocale } from '../../db/queries/person-settings.js';
import { reply, type TurnContext, type TurnResult } from '../core/turn.js';
import { t } from '../i18n/index.js';
import { readConversation } from '../flows/active.js';
import { repeatPrompt } from '../flows/reflection/flow.js';

const LOCALES = { nl: 'nl-BE', en: 'en' } as const;

export async function languageCommand(ctx: TurnContext, language: 'nl' | 'en' | null): Promise<TurnResult> {
  if (!language) return { replies: [reply(t(ctx.person.locale, 'language.unknown'))] };
  // Keep a regional variant the roster gave (en-GB stays en-GB when "language en" is typed again).
  const current = ctx.person.locale;
  const locale = current.toLowerCase().startsWith(language) ? current : LOCALES[language];
  const switched: TurnContext = { ...ctx, person: { ...ctx.person, locale } };
  const replies = [reply(t(locale, 'language.set'))];
  const active = readConversation(ctx.conversation);
  if (active.kind === 'reflection' && !active.state.paused) replies.push(await repeatPrompt(switched, active.state));
  return { replies, writes: [(tx) => setPersonLocale(tx, ctx.person.id, locale)] };
}

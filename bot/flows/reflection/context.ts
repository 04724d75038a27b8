// What the reflection flow looks up about the student, loaded lazily and at most once per turn.
import type { IndicatorRow, ScaleLevelRow, StaffRow } from '../../../db/queries/student-context.js';
import {
  frameworkIdForPerson,
  listActiveStaff,
  listIndicators,
  listScale,
} from '../../../db/queries/student-context.js';
import type { TurnContext } from '../../core/turn.js';
import { type Language, languageOf } from '../../i18n/index.js';
import { DeterministicAssistant, type IndicatorText } from '../../llm/client.js';

export interface StudentContext {
  language: Language;
  indicators(): Promise<IndicatorRow[]>;
  scale(): Promise<ScaleLevelRow[]>;
  staff(): Promise<StaffRow[]>;
  /** Names the assistant must pseudonymise: the student and everyone assigned to them. */
  names(): Promise<string[]>;
}

const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load();
    return value;
  };
};

export function studentContext(ctx: TurnContext): StudentContext {
  const frameworkId = once(() => frameworkIdForPerson(ctx.db, ctx.person.id));
  const staff = once(() => listActiveStaff(ctx.db, ctx.person.id, ctx.today));
  return {
    language: languageOf(ctx.person.locale),
    indicators: once(async () => {
      const id = await frameworkId();
      return id === null ? [] : listIndicators(ctx.db, id);
    }),
    scale: once(async () => {
      const id = await frameworkId();
      return id === null ? [] : listScale(ctx.db, id);
    }),
    staff,
    names: once(async () => [ctx.person.name, ...(await staff()).map((s) => s.name)]),
  };
}

export const indicatorTexts = (rows: IndicatorRow[]): IndicatorText[] =>
  rows.map((r) => ({
    id: r.id,
    code: r.code,
    labelNl: r.labelNl,
    labelEn: r.labelEn,
    competenceLabelNl: r.competenceLabelNl,
    competenceLabelEn: r.competenceLabelEn,
    lookForsNl: r.lookFors?.nl ?? [],
    lookForsEn: r.lookFors?.en ?? [],
    examples: [...(r.examples?.nl ?? []), ...(r.examples?.en ?? [])],
  }));

/** The AI notice that matches what the model does: phrase questions and suggest indicators, or only suggest. */
export const aiNoticeKey = (ctx: TurnContext): 'reflection.aiNotice' | 'reflection.aiNoticeSuggestOnly' =>
  ctx.env.assistant.phrasesQuestions === false ? 'reflection.aiNoticeSuggestOnly' : 'reflection.aiNotice';

/** Whether the assistant is a real LLM (AI Act Art. 50: the student is told once). */
export function usesAi(ctx: TurnContext): boolean {
  const a = ctx.env.assistant;
  return a.usesAi ?? !(a instanceof DeterministicAssistant);
}

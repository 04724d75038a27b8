// Typed answers, step by step. Cards send the same choices as actions (actions.ts); both end in `advance`.
import type { StarrPart } from '../../../prompts/reflection/cues.js';
import { QUESTION_SETS, type QuestionPart } from '../../../prompts/reflection/index.js';
import type { IndicatorRow, StaffRow } from '../../../db/queries/student-context.js';
import { hasWords } from '../../core/text.js';
import type { TurnContext, TurnResult } from '../../core/turn.js';
import { t } from '../../i18n/index.js';
import { countWords } from '../../llm/fallback-questions.js';
import { visibilityOptions } from './cards.js';
import { echoLevels, parseLevels } from './self-assessment.js';
import { type StudentContext, usesAi } from './context.js';
import { reportsDifficulty } from './difficulty.js';
import { answerShare, chooseFeedback } from './finish.js';
import { advance } from './flow.js';
import { splitIntoStarr } from './long-message.js';
import { excerpt, switchModel } from './parts.js';
import { feedbackRecipients, promptFor } from './prompt.js';
import { type LevelChoice, MAX_INDICATORS, type ReflectionState } from './state.js';
import { currentStep, goBack } from './steps.js';
import {
  environmentWord,
  fold,
  isAll,
  isBack,
  isDeeper,
  isNo,
  isNone,
  isSkip,
  isYes,
  numberList,
  visibilityWord,
} from './words.js';

/** A story told at the environment step needs at least this many words to count as the first answer. */
const STORY_WORDS = 4;
/** Words of each part shown back after a long message was split. */
const WHERE_WORDS = 8;

/** The answer did not fit the step: say so and ask again; nothing changes. */
async function retry(ctx: TurnContext, sctx: StudentContext, state: ReflectionState, lead: string[]) {
  const prompt = await promptFor(ctx.person.locale, sctx, state, currentStep(state), lead);
  return { replies: [prompt] } satisfies TurnResult;
}

export async function answerText(
  ctx: TurnContext,
  sctx: StudentContext,
  state: ReflectionState,
  text: string,
  lead: string[] = [],
): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const step = currentStep(state);
  if (isBack(text)) {
    const previous = goBack(state);
    if (!previous) return retry(ctx, sctx, state, [...lead, t(locale, 'reflection.backNothing')]);
    return advance(ctx, sctx, previous, [...lead, t(locale, 'reflection.backDone')]);
  }
  const beforeIndicators = ['environment', 'question', 'followUp', 'gibbsOffer'].includes(step.kind);
  if (isDeeper(text) && beforeIndicators) {
    if (state.model !== 'starr') {
      const name = QUESTION_SETS[state.model].name[sctx.language];
      return retry(ctx, sctx, state, [...lead, t(locale, 'reflection.alreadyDeeper', { model: name })]);
    }
    const deeper = switchModel(state, 'korthagen');
    return advance(ctx, sctx, deeper, [...lead, QUESTION_SETS.korthagen.intro[sctx.language]]);
  }

  switch (step.kind) {
    case 'environment': {
      const environment = environmentWord(text);
      const entry = { step: 'environment', parts: [] };
      if (environment) return advance(ctx, sctx, { ...state, environment, history: [...state.history, entry] }, lead);
      if (countWords(text) < STORY_WORDS)
        return retry(ctx, sctx, state, [...lead, t(locale, 'reflection.environmentRetry')]);
      // The student started telling right away: a workplace story, and this is the first answer.
      const next = { ...state, environment: 'workplace' as const, history: [...state.history, entry] };
      return answerText(ctx, sctx, next, text, [...lead, t(locale, 'reflection.environmentAssumed')]);
    }
    case 'question':
      if (isSkip(text)) {
        // Not every question skipped: after two skips in a row with nothing told yet, ask for one concrete sentence.
        const last = state.history.at(-1);
        const lastWasSkip = last?.step.startsWith('q:') && last.parts.every((p) => state.skipped.includes(p));
        const told = Object.values(state.answers).some((a) => a.trim() !== '');
        if (lastWasSkip && !told) return retry(ctx, sctx, state, [...lead, t(locale, 'reflection.needConcrete')]);
        const entry = { step: `q:${step.part.key}`, parts: [step.part.key] };
        const skipped = { ...state, skipped: [...state.skipped, step.part.key], history: [...state.history, entry] };
        return advance(ctx, sctx, skipped, lead);
      }
      if (!hasWords(text)) return retry(ctx, sctx, state, [...lead, t(locale, 'reflection.needWords')]);
      return answerQuestion(ctx, sctx, state, step.part, text, lead);
    case 'followUp': {
      if (!isSkip(text) && !hasWords(text))
        return retry(ctx, sctx, state, [...lead, t(locale, 'reflection.needWords')]);
      const answers = { ...state.answers };
      if (!isSkip(text)) answers[step.part] = [answers[step.part], text].filter(Boolean).join('\n');
      return advance(ctx, sctx, { ...state, answers, followUp: null }, lead);
    }
    case 'gibbsOffer': {
      const declined = { ...state, gibbsPending: false };
      if (isYes(text))
        return advance(ctx, sctx, switchModel(state, 'gibbs'), [...lead, QUESTION_SETS.gibbs.intro[sctx.language]]);
      if (isNo(text) || isSkip(text)) return advance(ctx, sctx, declined, lead);
      // Neither yes nor no: the student simply carried on answering.
      return answerText(ctx, sctx, declined, text, lead);
    }
    case 'indicators':
      return answerIndicators(ctx, sctx, state, text, lead);
    case 'assess': {
      const scale = await sctx.scale();
      const levels = parseLevels(text, step.indicatorIds, scale, sctx.language);
      if (levels === null) return retry(ctx, sctx, state, [...lead, t(locale, 'reflection.assessRetry')]);
      const echo = echoLevels(locale, levels, await sctx.indicators(), scale, step.indicatorIds);
      return advance(ctx, sctx, withLevels(state, levels), [...lead, echo]);
    }
    case 'visibility': {
      // Skipping the choice keeps the reflection to the student: privacy by default. Numbers follow the list shown.
      const shown = visibilityOptions(locale, await sctx.staff());
      const number = /^\s*(\d)\s*\.?\s*$/.exec(text);
      const visibility = isSkip(text)
        ? 'private'
        : number
          ? shown[Number(number[1]) - 1]?.visibility
          : visibilityWord(text);
      if (!visibility) return retry(ctx, sctx, state, [...lead, t(locale, 'reflection.visibilityRetry')]);
      return advance(ctx, sctx, withVisibility(state, visibility), lead);
    }
    case 'feedback': {
      const recipients = feedbackRecipients(state.environment, await sctx.staff());
      const chosen = chooseRecipients(text, recipients);
      if (chosen === null) return retry(ctx, sctx, state, [...lead, t(locale, 'reflection.feedbackRetry')]);
      return chooseFeedback(ctx, sctx, state, chosen, lead);
    }
    case 'share': {
      if (!isYes(text) && !isNo(text) && !isSkip(text))
        return retry(ctx, sctx, state, [...lead, t(locale, 'reflection.feedbackRetry')]);
      return answerShare(ctx, sctx, state, isYes(text), lead);
    }
  }
}

async function answerQuestion(
  ctx: TurnContext,
  sctx: StudentContext,
  state: ReflectionState,
  part: QuestionPart,
  text: string,
  lead: string[],
): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const answered = new Set(Object.keys(state.answers).filter((k) => state.answers[k]));
  const split = state.model === 'starr' ? splitIntoStarr(text, part.key as StarrPart, answered) : null;
  let next: ReflectionState;
  const replyLead = [...lead];
  if (split) {
    const answers = { ...state.answers };
    const filled: string[] = [];
    for (const [key, sentences] of Object.entries(split) as [StarrPart, string][]) {
      if (answers[key]) answers[key] = `${answers[key]}\n${sentences}`;
      else {
        answers[key] = sentences;
        filled.push(key);
      }
    }
    // Show what went where, in the student's own order, so a wrong split is easy to see (and "terug" undoes it).
    const where = QUESTION_SETS.starr.parts
      .filter((p) => split[p.key as StarrPart])
      .map((p) => `• ${p.label[sctx.language]}: "${excerpt(split[p.key as StarrPart]!, WHERE_WORDS)}"`);
    replyLead.push([t(locale, 'reflection.longMessage'), ...where].join('\n'));
    next = {
      ...state,
      answers,
      skipped: state.skipped.filter((s) => !filled.includes(s)),
      history: [...state.history, { step: `q:${part.key}`, parts: filled }],
    };
  } else {
    next = {
      ...state,
      answers: { ...state.answers, [part.key]: text },
      history: [...state.history, { step: `q:${part.key}`, parts: [part.key] }],
    };
  }
  if (next.model !== 'gibbs' && !next.gibbsOffered && reportsDifficulty(text)) {
    next = { ...next, gibbsOffered: true, gibbsPending: true };
  } else if (!split && part.followUp && !next.followUpUsed) {
    const question = await ctx.env.assistant.followUpQuestion({
      question: part.question[sctx.language],
      answer: text,
      language: sctx.language,
      names: await sctx.names(),
      // Names of clients mentioned in earlier answers are masked in this one too (docs/privacy.md).
      earlier: Object.values(state.answers).filter((a) => a !== ''),
      vocabulary: (await sctx.indicators()).flatMap((i) => [i.labelNl, i.labelEn]),
    });
    next = { ...next, llmUsed: next.llmUsed || usesAi(ctx) };
    if (question) next = { ...next, followUp: { part: part.key, question }, followUpUsed: true };
  }
  return advance(ctx, sctx, next, replyLead);
}

async function answerIndicators(
  ctx: TurnContext,
  sctx: StudentContext,
  state: ReflectionState,
  text: string,
  lead: string[],
): Promise<TurnResult> {
  const locale = ctx.person.locale;
  const all = await sctx.indicators();
  const suggested = state.suggested ?? [];
  let ids: number[] | null;
  if (isNone(text) || isSkip(text) || isNo(text)) ids = [];
  else if (isYes(text) || isAll(text)) ids = suggested;
  else ids = pickIndicators(text, suggested, all);
  if (ids === null) return retry(ctx, sctx, state, [...lead, t(locale, 'reflection.indicatorsRetry')]);
  return confirmIndicators(ctx, sctx, state, ids, lead);
}

export async function confirmIndicators(
  ctx: TurnContext,
  sctx: StudentContext,
  state: ReflectionState,
  ids: number[],
  lead: string[],
): Promise<TurnResult> {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_INDICATORS) {
    return retry(ctx, sctx, state, [
      ...lead,
      t(ctx.person.locale, 'reflection.indicatorsTooMany', { max: MAX_INDICATORS }),
    ]);
  }
  const entry = { step: 'indicators', parts: [] };
  return advance(ctx, sctx, { ...state, indicatorIds: unique, levels: {}, history: [...state.history, entry] }, lead);
}

/** "1 3" (numbers of the suggestions) and codes ("SW1.3") mixed; null when any token is neither. */
function pickIndicators(text: string, suggested: number[], all: IndicatorRow[]): number[] | null {
  const byCode = new Map(all.map((i) => [i.code.toLowerCase(), i.id]));
  const tokens = fold(text)
    .split(/[\s,;]+/)
    .filter((x) => x && x !== 'en' && x !== 'and' && x !== '&');
  if (tokens.length === 0) return null;
  const ids: number[] = [];
  for (const token of tokens) {
    const code = byCode.get(token.replace(/[.)]$/, ''));
    if (code !== undefined) ids.push(code);
    else if (/^\d{1,2}$/.test(token) && suggested[Number(token) - 1] !== undefined)
      ids.push(suggested[Number(token) - 1]!);
    else return null;
  }
  return ids;
}

export const withLevels = (state: ReflectionState, levels: Record<string, LevelChoice>): ReflectionState => ({
  ...state,
  levels: { ...state.levels, ...levels },
  history: [...state.history, { step: 'assess', parts: Object.keys(levels) }],
});

export const withVisibility = (
  state: ReflectionState,
  visibility: NonNullable<ReflectionState['visibility']>,
): ReflectionState => ({
  ...state,
  visibility,
  history: [...state.history, { step: 'visibility', parts: [] }],
});

/** yes → everyone, no → nobody, "1 2" → by number, names → by (first) name; null when unclear. */
export function chooseRecipients(text: string, recipients: StaffRow[]): StaffRow[] | null {
  if (isYes(text) || isAll(text)) return recipients;
  if (isNo(text) || isSkip(text) || isNone(text)) return [];
  const numbers = numberList(text);
  if (numbers) {
    const picked = numbers.map((n) => recipients[n - 1]);
    return picked.every((p) => p !== undefined) ? (picked as StaffRow[]) : null;
  }
  const words = new Set(
    fold(text)
      .split(/[\s,;&]+|\ben\b|\band\b/)
      .filter(Boolean),
  );
  const picked = recipients.filter((r) => {
    const name = fold(r.name);
    return words.has(name.split(' ')[0]!) || fold(text).includes(name);
  });
  return picked.length > 0 ? picked : null;
}

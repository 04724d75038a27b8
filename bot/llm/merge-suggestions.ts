// How the LLM's indicator proposals and the deterministic matcher's are combined when an LLM is configured.
// The LLM has read the text, so its proposals lead, and it may say that nothing fits. The matcher adds evidence:
// an indicator both propose rises and comes pre-ticked; one only the matcher is sure of is shown unticked after
// the LLM's own (the LLM may have missed it; the student decides). Measured with `npm run bench -- tagging`.
import type { Suggestion } from './lexical-matcher.js';

/** LLM proposals with at least this relevance come pre-ticked on their own. */
export const LLM_TICK_RELEVANCE = 0.5;
/** Added to an LLM proposal's relevance when the matcher proposes the same indicator. */
const AGREEMENT_BONUS = 0.2;
/** Matcher-only proposals rank below the LLM's, ordered by their share of the matcher's best score. */
const MATCHER_ONLY_SCALE = 0.3;

export function mergeSuggestions(llm: Suggestion[], lexical: Suggestion[], max: number): Suggestion[] {
  if (llm.length === 0 || max <= 0) return [];
  const byCode = new Map(lexical.map((s) => [s.code, s]));
  const merged: Suggestion[] = llm.map((s) => {
    const agreed = byCode.has(s.code);
    return {
      indicatorId: s.indicatorId,
      code: s.code,
      score: round(Math.min(1, s.score + (agreed ? AGREEMENT_BONUS : 0))),
      confident: agreed || s.score >= LLM_TICK_RELEVANCE,
    };
  });
  const best = lexical[0]?.score ?? 0;
  for (const s of lexical) {
    if (s.confident === false || merged.some((m) => m.code === s.code)) continue;
    merged.push({
      indicatorId: s.indicatorId,
      code: s.code,
      score: round(MATCHER_ONLY_SCALE * (s.score / best)),
      confident: false,
    });
  }
  // Stable: equal scores keep the LLM's own order.
  return merged.sort((a, b) => b.score - a.score).slice(0, max);
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

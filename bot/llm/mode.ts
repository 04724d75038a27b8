// What may leave the process for a language model (LEERKANS_LLM; docs/privacy.md):
// - `off`: nothing, even with OPENAI_API_KEY set; fixed questions and the lexical indicator matcher;
// - `suggest-only`: the pseudonymised reflection, once, to suggest indicators; the student never reads model text,
//   and the AI notice says only that (reflection.aiNoticeSuggestOnly);
// - `full`: that, plus one pseudonymised answer at a time for an adaptive follow-up question (the notice says the
//   model phrases questions) and the coach digest's narratives (labelled as written by AI in the card).
export const LLM_MODES = ['off', 'suggest-only', 'full'] as const;
export type LlmMode = (typeof LLM_MODES)[number];

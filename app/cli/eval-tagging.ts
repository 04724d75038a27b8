// `leerkans eval tagging FILE [--framework FRAMEWORK.yaml | --code CODE] [--no-llm]`: how well indicator
// suggestions match a school's own labelled reflections (JSONL, see bot/llm/tagging/dataset.ts), so a framework
// and its look-fors can be checked before going live. The deterministic matcher always runs; the LLM path too
// when OPENAI_API_KEY is set (merged with the matcher, exactly as in the bot). Figures only, nothing is stored.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Config } from '../../bot/config/env.js';
import { indicatorTexts } from '../../bot/flows/reflection/context.js';
import type { Db } from '../../db/db.js';
import { parseFramework } from '../../bot/imports/framework.js';
import { createAssistant, type LlmAssistant } from '../../bot/llm/client.js';
import { type IndicatorText, suggestIndicatorsLexically } from '../../bot/llm/lexical-matcher.js';
import { type LabelledReflection, parseLabelledReflections } from '../../bot/llm/tagging/dataset.js';
import { frameworkIndicatorTexts } from '../../bot/llm/tagging/framework-indicators.js';
import { evaluateTagging, formatTaggingFigures, type Proposal } from '../../bot/llm/tagging/metrics.js';
import { findFrameworkId } from '../../db/queries/frameworks.js';
import { listIndicators } from '../../db/queries/student-context.js';

export interface EvalTaggingArgs {
  /** The labelled reflections (JSONL). */
  file: string;
  /** A framework file (YAML or JSON) to check before importing it; default: the framework in the database. */
  framework?: string;
  /** Which framework in the database (its programme code); default the first one. */
  code?: string;
  /** Skip the LLM even when one is configured. */
  noLlm?: boolean;
}

export interface EvalTaggingDeps {
  /** The LLM path, when one is configured; default from the config (none without OPENAI_API_KEY). */
  assistant?: LlmAssistant | null;
  /** The indicators of a framework in the database; default opens the database of the config. */
  databaseIndicators?: (code: string | undefined) => Promise<IndicatorText[]>;
  /** Reads a named file; default from this process's working directory (inside the server: the CLI's). */
  read?: (file: string) => Promise<string>;
}

const read = async (file: string): Promise<string> => {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
};

/** The indicators of a framework in the database (its programme code; default the first one). */
export async function indicatorsFromDatabase(db: Db, code: string | undefined): Promise<IndicatorText[]> {
  const id = await findFrameworkId(db, code);
  if (id === null) throw new Error(code ? `no framework with code "${code}"` : 'no framework imported yet');
  return indicatorTexts(await listIndicators(db, id));
}

const asProposals = (suggestions: { code: string; confident?: boolean }[]): Proposal[] =>
  suggestions.map((s) => ({ code: s.code, ticked: s.confident !== false }));

export async function evalTaggingCommand(
  args: EvalTaggingArgs,
  out: (text: string) => void,
  config: Config,
  deps: EvalTaggingDeps = {},
): Promise<void> {
  const readFile = deps.read ?? read;
  const indicators = args.framework
    ? frameworkIndicatorTexts(parseFramework(basename(args.framework), await readFile(args.framework)))
    : await (
        deps.databaseIndicators ??
        (() => {
          throw new Error('eval tagging needs --framework FILE or the database');
        })
      )(args.code);
  if (indicators.length === 0) throw new Error('the framework has no indicators');
  const codes = indicators.map((i) => i.code);
  const items = parseLabelledReflections(basename(args.file), await readFile(args.file), { knownCodes: codes });
  const withLookFors = indicators.filter((i) => (i.lookForsNl?.length ?? 0) + (i.lookForsEn?.length ?? 0) > 0);
  out(
    `${items.length} labelled reflections, ${indicators.length} indicators ` +
      `(${withLookFors.length} with look-fors; look-fors are what the matcher learns the most from)`,
  );

  const matcher = items.map((item) => asProposals(suggestIndicatorsLexically(item.text, indicators, item.language)));
  out(formatTaggingFigures('\nDeterministic matcher', evaluateTagging(items, matcher, codes)));

  const assistant =
    deps.assistant !== undefined
      ? deps.assistant
      : config.OPENAI_API_KEY
        ? createAssistant({
            mode: config.LEERKANS_LLM,
            apiKey: config.OPENAI_API_KEY,
            baseURL: config.OPENAI_BASE_URL,
            model: config.OPENAI_MODEL,
          })
        : null;
  if (args.noLlm || !assistant?.usesAi) {
    out('\nLLM path: not measured (no OPENAI_API_KEY, or --no-llm)');
    return;
  }
  const llm: Proposal[][] = [];
  for (const item of items) llm.push(asProposals(await suggestWithLlm(assistant, item, indicators)));
  out(formatTaggingFigures('\nLLM path (merged with the matcher, as in the bot)', evaluateTagging(items, llm, codes)));
}

// One at a time: a school's file is small, and a burst of parallel calls would meet the provider's rate limit.
const suggestWithLlm = (assistant: LlmAssistant, item: LabelledReflection, indicators: IndicatorText[]) =>
  // The file holds no roster, so there are no names to replace: schools label pseudonymised reflections.
  assistant.suggestIndicators({ reflection: item.text, indicators, language: item.language, names: [], max: 3 });

// Loads the demo framework's indicators as the matcher and the assistants see them (labels and look-fors).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseFramework } from '../../bot/imports/framework.js';
import type { IndicatorText } from '../../bot/llm/lexical-matcher.js';
import { frameworkIndicatorTexts } from '../../bot/llm/tagging/framework-indicators.js';

export function demoIndicators(): IndicatorText[] {
  const path = fileURLToPath(new URL('../../db/demo/framework-social-work.yaml', import.meta.url));
  return frameworkIndicatorTexts(parseFramework('framework-social-work.yaml', readFileSync(path, 'utf8')));
}

/** The same indicators without look-fors and examples: a framework that gives only labels. */
export function demoLabelsOnly(): IndicatorText[] {
  return demoIndicators().map(({ lookForsNl: _nl, lookForsEn: _en, examples: _x, ...rest }) => rest);
}

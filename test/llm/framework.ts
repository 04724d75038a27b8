// Loads the demo framework's indicators as the matcher and the assistants see them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { IndicatorText } from '../../bot/llm/lexical-matcher.js';

interface FrameworkFile {
  competences: { id: string; nl: string; en: string; indicators: { id: string; nl: string; en: string }[] }[];
}

export function demoIndicators(): IndicatorText[] {
  const path = fileURLToPath(new URL('../../db/demo/framework-social-work.yaml', import.meta.url));
  const framework = parse(readFileSync(path, 'utf8')) as FrameworkFile;
  let id = 0;
  return framework.competences.flatMap((c) =>
    c.indicators.map((i) => ({
      id: ++id,
      code: i.id,
      labelNl: i.nl,
      labelEn: i.en,
      competenceLabelNl: c.nl,
      competenceLabelEn: c.en,
    })),
  );
}

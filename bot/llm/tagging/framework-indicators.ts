// A framework file's indicators as the matcher sees them, for checking a framework before it is imported.
import type { FrameworkFile } from '../../imports/framework.js';
import type { IndicatorText } from '../lexical-matcher.js';

export function frameworkIndicatorTexts(framework: FrameworkFile): IndicatorText[] {
  let id = 0;
  return framework.competences.flatMap((c) =>
    c.indicators.map((i) => ({
      id: ++id,
      code: i.id,
      labelNl: i.nl,
      labelEn: i.en,
      competenceLabelNl: c.nl,
      competenceLabelEn: c.en,
      lookForsNl: i.look_fors?.nl ?? [],
      lookForsEn: i.look_fors?.en ?? [],
      examples: [...(i.examples?.nl ?? []), ...(i.examples?.en ?? [])],
    })),
  );
}

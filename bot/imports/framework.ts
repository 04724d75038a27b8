// `leerkans import framework FILE`: a competence framework in YAML or JSON (JSON is read as YAML 1.2, so one
// parser gives line numbers for both). Re-importing keeps ids stable, updates labels and never drops an
// indicator that has assessments or reflection links (it is retired instead).
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Db } from '../../db/db.js';
import { type FrameworkWriteResult, writeFramework } from '../../db/queries/frameworks.js';
import { ImportError, type ImportProblem } from './import-error.js';

const label = z.string().trim().min(1, 'is empty').max(500, 'is longer than 500 characters');
const code = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(64, 'is longer than 64 characters')
  .regex(/^[\w.-]+$/, 'may hold only letters, digits, ".", "-" and "_"');

const lookFor = z.string().trim().min(1, 'is empty').max(300, 'is longer than 300 characters');
const lookFors = z
  .object({
    nl: z.array(lookFor).max(30, 'has more than 30 look-fors').default([]),
    en: z.array(lookFor).max(30, 'has more than 30 look-fors').default([]),
  })
  .strict();
const example = z.string().trim().min(1, 'is empty').max(2000, 'is longer than 2000 characters');
const examples = z
  .object({
    nl: z.array(example).max(500, 'has more than 500 examples').default([]),
    en: z.array(example).max(500, 'has more than 500 examples').default([]),
  })
  .strict();
const levelText = z.string().trim().min(1, 'is empty').max(1000, 'is longer than 1000 characters');

const indicatorSchema = z.object({
  id: code,
  nl: label,
  en: label,
  /** Observable behaviour that shows the indicator; the indicator matcher reads it as extra cues. */
  look_fors: lookFors.optional(),
  /** Labelled example reflections about the indicator, as students write them; the matcher learns from them. */
  examples: examples.optional(),
  /** What the indicator looks like per level, keyed by scale code (e.g. L1); shown on the assessment cards. */
  levels: z.record(z.string(), z.object({ nl: levelText, en: levelText }).strict()).optional(),
});

const frameworkSchema = z
  .object({
    programme: z.object({
      code,
      name_nl: label,
      name_en: label,
      source: z.string().optional(),
    }),
    scale: z
      .array(
        z.object({
          value: z.number().int().min(0).max(20),
          code,
          nl: label,
          en: label,
          counts_as_level: z.boolean().default(true),
          /** What the level means, shown next to it on the cards. */
          description_nl: z.string().max(400).optional(),
          description_en: z.string().max(400).optional(),
          colour: z
            .string()
            .regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #a9d18e')
            .optional(),
        }),
      )
      .min(2, 'needs at least one level and "not observed"'),
    competences: z
      .array(
        z.object({
          id: code,
          nl: label,
          en: label,
          indicators: z.array(indicatorSchema).min(1, 'needs at least one indicator'),
        }),
      )
      .min(1, 'needs at least one competence'),
  })
  .passthrough();

export type FrameworkFile = z.infer<typeof frameworkSchema>;

export function parseFramework(file: string, content: string): FrameworkFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  if (doc.errors.length > 0) {
    throw new ImportError(
      doc.errors.map((e) => ({ file, line: lineAt(e.pos[0]), field: undefined, message: e.message.split('\n')[0]! })),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (error) {
    // Resolving aliases can fail (the yaml package refuses an alias bomb): still a problem of this file.
    throw new ImportError([{ file, line: undefined, field: undefined, message: (error as Error).message }]);
  }
  const parsed = frameworkSchema.safeParse(value);
  const problems: ImportProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // The closest node that exists carries the line: a missing key is reported where its parent starts.
      let path = issue.path;
      let node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      while (!node?.range && path.length > 0) {
        path = path.slice(0, -1);
        node = (path.length === 0 ? doc.contents : doc.getIn(path, true)) as typeof node;
      }
      problems.push({
        file,
        line: lineAt(node?.range?.[0]),
        field: issue.path.join('.') || undefined,
        message: issue.message,
      });
    }
    throw new ImportError(problems);
  }
  const data = parsed.data;
  const lineOf = (path: (string | number)[]) =>
    lineAt((doc.getIn(path, true) as { range?: number[] } | undefined)?.range?.[0]);
  const seen = new Map<string, string>();
  const unique = (kind: string, value: string, path: (string | number)[]) => {
    const key = `${kind}:${value}`;
    if (seen.has(key))
      problems.push({ file, line: lineOf(path), field: path.join('.'), message: `duplicate ${kind} "${value}"` });
    seen.set(key, path.join('.'));
  };
  data.scale.forEach((s, i) => {
    unique('scale value', String(s.value), ['scale', i, 'value']);
    unique('scale code', s.code, ['scale', i, 'code']);
  });
  if (!data.scale.some((s) => !s.counts_as_level)) {
    problems.push({
      file,
      line: lineOf(['scale']),
      field: 'scale',
      message: 'needs a "not observed" level (counts_as_level: false)',
    });
  }
  if (data.scale.filter((s) => !s.counts_as_level).length > 1) {
    problems.push({ file, line: lineOf(['scale']), field: 'scale', message: 'has more than one "not observed" level' });
  }
  const levelCodes = data.scale.filter((s) => s.counts_as_level).map((s) => s.code);
  data.competences.forEach((c, i) => {
    unique('competence', c.id, ['competences', i, 'id']);
    c.indicators.forEach((ind, j) => {
      unique('indicator', ind.id, ['competences', i, 'indicators', j, 'id']);
      for (const level of Object.keys(ind.levels ?? {})) {
        if (levelCodes.includes(level)) continue;
        const path = ['competences', i, 'indicators', j, 'levels', level];
        problems.push({
          file,
          line: lineOf(path),
          field: path.join('.'),
          message: `unknown scale level "${level}" (expected one of ${levelCodes.join(', ')})`,
        });
      }
    });
  });
  if (problems.length > 0) throw new ImportError(problems);
  return data;
}

export async function importFramework(db: Db, file: string, content: string): Promise<FrameworkWriteResult> {
  const framework = parseFramework(file, content);
  return db.transaction((tx) =>
    writeFramework(tx, {
      code: framework.programme.code,
      nameNl: framework.programme.name_nl,
      nameEn: framework.programme.name_en,
      source: framework.programme.source ?? null,
      scale: framework.scale.map((s) => ({
        value: s.value,
        code: s.code,
        labelNl: s.nl,
        labelEn: s.en,
        countsAsLevel: s.counts_as_level,
        colour: s.colour ?? null,
        descriptionNl: s.description_nl ?? '',
        descriptionEn: s.description_en ?? '',
      })),
      competences: framework.competences.map((c) => ({
        code: c.id,
        labelNl: c.nl,
        labelEn: c.en,
        indicators: c.indicators.map((i) => ({
          code: i.id,
          labelNl: i.nl,
          labelEn: i.en,
          lookFors: { nl: i.look_fors?.nl ?? [], en: i.look_fors?.en ?? [] },
          examples: { nl: i.examples?.nl ?? [], en: i.examples?.en ?? [] },
          levelDescriptions: levelDescriptionsByValue(framework, i.levels),
        })),
      })),
    }),
  );
}

/** Level descriptions keyed by scale value, as assessments store levels by value. */
function levelDescriptionsByValue(
  framework: FrameworkFile,
  levels: Record<string, { nl: string; en: string }> | undefined,
): Record<string, { nl: string; en: string }> {
  const out: Record<string, { nl: string; en: string }> = {};
  for (const [levelCode, text] of Object.entries(levels ?? {})) {
    const level = framework.scale.find((s) => s.code === levelCode);
    if (level) out[String(level.value)] = { nl: text.nl, en: text.en };
  }
  return out;
}

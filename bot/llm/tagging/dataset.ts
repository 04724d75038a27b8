// Labelled reflections for measuring indicator suggestions: one JSON object per line,
//   {"id": "r001", "language": "nl", "text": "…", "indicators": ["SW1.3"]}
// `indicators` lists the gold codes (empty when no indicator fits); `id` and `language` are optional.
// `"split"` places a reflection explicitly: `"dev"` in the development split (tuned on), `"test"` in the held-out
// split (never tuned on). Reflections without it are split 70/30 by a stable hash. The project's set marks every
// reflection: the held-out reflections were written after the development set had been used for tuning, so
// none of them was seen while tuning. A school checks its framework with its own file (`leerkans eval tagging
// FILE`); the project's set lives in test/fixtures.
import { z } from 'zod';
import { ImportError, type ImportProblem } from '../../imports/import-error.js';

export interface LabelledReflection {
  id: string;
  language: 'nl' | 'en';
  text: string;
  indicators: string[];
  /** Placed in a split by the file itself rather than by the hash. */
  split?: 'dev' | 'test';
}

const lineSchema = z.object({
  id: z.string().trim().min(1).max(100).optional(),
  language: z.enum(['nl', 'en']).optional(),
  text: z.string().trim().min(1, 'is empty').max(20_000, 'is longer than 20,000 characters'),
  indicators: z.array(z.string().trim().min(1, 'holds an empty code')).max(20),
  split: z.enum(['dev', 'test']).optional(),
});

/**
 * Parses a JSONL file of labelled reflections. Every problem names its line; codes the framework does not know
 * are problems too (a typo would otherwise count as a miss of the matcher). Nothing is returned on any problem.
 */
export function parseLabelledReflections(
  file: string,
  content: string,
  options: { knownCodes?: Iterable<string>; defaultLanguage?: 'nl' | 'en' } = {},
): LabelledReflection[] {
  const known = options.knownCodes ? new Map([...options.knownCodes].map((c) => [c.toUpperCase(), c])) : undefined;
  const problems: ImportProblem[] = [];
  const items: LabelledReflection[] = [];
  const ids = new Set<string>();
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      problems.push({ file, line, field: undefined, message: 'is not a JSON object' });
      return;
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ file, line, field: issue.path.join('.') || undefined, message: issue.message });
      return;
    }
    const id = parsed.data.id ?? `line ${line}`;
    if (ids.has(id)) problems.push({ file, line, field: 'id', message: `duplicate id "${id}"` });
    ids.add(id);
    const codes: string[] = [];
    for (const code of parsed.data.indicators) {
      const canonical = known ? known.get(code.toUpperCase()) : code;
      if (!canonical) problems.push({ file, line, field: 'indicators', message: `unknown indicator "${code}"` });
      else if (!codes.includes(canonical)) codes.push(canonical);
    }
    items.push({
      id,
      language: parsed.data.language ?? options.defaultLanguage ?? 'nl',
      text: parsed.data.text,
      indicators: codes,
      ...(parsed.data.split ? { split: parsed.data.split } : {}),
    });
  });
  if (problems.length > 0) throw new ImportError(problems);
  if (items.length === 0)
    throw new ImportError([{ file, line: undefined, field: undefined, message: 'holds no reflections' }]);
  return items;
}

/** FNV-1a: a stable hash, so the split does not depend on the order the file was written in. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The split: reflections marked `"split"` go where they say. The others are split 70/30: grouped by their first
 * gold indicator ("none" for none), ordered by a hash of their id, and every 2nd, 5th and 8th of each ten goes to
 * the held-out test split. Stratified, so every indicator is represented in both; deterministic, so the test split
 * never changes under tuning; marked reflections take no part in it, so adding them moves no other reflection.
 */
export function splitLabelledReflections(items: LabelledReflection[]): {
  dev: LabelledReflection[];
  test: LabelledReflection[];
} {
  const groups = new Map<string, LabelledReflection[]>();
  for (const item of items) {
    if (item.split) continue;
    const key = item.indicators[0] ?? 'none';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const testIds = new Set<string>();
  for (const group of groups.values()) {
    group
      .slice()
      .sort((a, b) => hash(a.id) - hash(b.id) || a.id.localeCompare(b.id))
      .forEach((item, i) => {
        if (i % 10 === 1 || i % 10 === 4 || i % 10 === 7) testIds.add(item.id);
      });
  }
  for (const item of items) if (item.split === 'test') testIds.add(item.id);
  return {
    dev: items.filter((i) => !testIds.has(i.id)),
    test: items.filter((i) => testIds.has(i.id)),
  };
}

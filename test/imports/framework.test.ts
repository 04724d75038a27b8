import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Db } from '../../db/db.js';
import { listIndicators } from '../../db/queries/student-context.js';
import { importFramework } from '../../bot/imports/framework.js';
import { ImportError } from '../../bot/imports/import-error.js';
import { importRoster } from '../../bot/imports/roster.js';
import { indicatorTexts } from '../../bot/flows/reflection/context.js';
import { databases } from '../support/databases.js';
import { snapshot } from '../support/snapshot.js';

const demo = readFileSync(new URL('../../db/demo/framework-social-work.yaml', import.meta.url), 'utf8');
const roster = readFileSync(new URL('../../db/demo/roster-demo.csv', import.meta.url), 'utf8');

const ids = async (db: Db) =>
  (await db.query<{ code: string; id: number }>('SELECT code, id FROM indicators ORDER BY code')).rows;

describe.each(databases)('framework import on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create();
  });
  afterEach(async () => {
    await db.close();
  });

  it('imports the demo framework with its scale, competences and indicators', async () => {
    const result = await importFramework(db, 'framework.yaml', demo);
    expect(result).toMatchObject({ competences: 6, indicators: 15, retired: 0, removed: 0 });
    const scale = await db.query<{ value: number; counts_as_level: boolean }>(
      'SELECT value, counts_as_level FROM scale_levels ORDER BY value',
    );
    expect(scale.rows.map((r) => r.counts_as_level)).toEqual([false, true, true, true, true]);
  });

  it('reads the same framework as JSON', async () => {
    const { parse } = await import('yaml');
    const result = await importFramework(db, 'framework.json', JSON.stringify(parse(demo), null, 2));
    expect(result.indicators).toBe(15);
  });

  it('is idempotent and keeps ids stable while updating labels', async () => {
    await importFramework(db, 'framework.yaml', demo);
    const before = await ids(db);
    const snap = await snapshot(db);
    await importFramework(db, 'framework.yaml', demo);
    expect(await ids(db)).toEqual(before);
    const strip = (s: Record<string, unknown[]>) => JSON.stringify(s).replace(/"updated_at":"[^"]+"/g, '');
    expect(strip(await snapshot(db))).toEqual(strip(snap));

    await importFramework(db, 'framework.yaml', demo.replace('Luistert actief', 'Luistert heel actief'));
    expect(await ids(db)).toEqual(before);
    const label = await db.query<{ label_nl: string }>(`SELECT label_nl FROM indicators WHERE code = 'SW1.3'`);
    expect(label.rows[0]!.label_nl).toMatch(/^Luistert heel actief/);
  });

  it('retires an indicator with assessments instead of dropping it, and removes an unused one', async () => {
    await importFramework(db, 'framework.yaml', demo);
    await importRoster(db, 'roster.csv', roster, { timeZone: 'Europe/Brussels', locale: 'nl-BE' });
    await db.query(
      `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, level)
       SELECT i.id, p.id, p.id, 'student', 'workplace', 2 FROM indicators i, people p
        WHERE i.code = 'SW1.1' AND p.email LIKE 'amira%'`,
    );
    const doc = parseDocument(demo);
    const sw1 = doc.getIn(['competences', 0, 'indicators']) as { items: unknown[] };
    sw1.items.splice(0, 2);
    const without = doc.toString();
    const result = await importFramework(db, 'framework.yaml', without);
    expect(result).toMatchObject({ indicators: 13, retired: 1, removed: 1 });
    const left = await db.query<{ code: string; retired: boolean }>(
      `SELECT code, retired_at IS NOT NULL AS retired FROM indicators WHERE code IN ('SW1.1', 'SW1.2')`,
    );
    expect(left.rows).toEqual([{ code: 'SW1.1', retired: true }]);
    // Listing it again brings it back with the same id.
    await importFramework(db, 'framework.yaml', demo);
    const back = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM indicators WHERE retired_at IS NULL`);
    expect(back.rows[0]!.n).toBe(15);
  });

  const lineOf = (text: string) => demo.split('\n').findIndex((l) => l.includes(text)) + 1;
  const bad: [string, (s: string) => string, RegExp][] = [
    ['broken YAML', (s) => s.replace('competences:', 'competences: [oops'), /framework\.yaml:\d+:/],
    [
      'a missing indicator label',
      (s) => s.replace('        en: "Active listening: summarises, probes, checks"\n', ''),
      new RegExp(`framework\\.yaml:${lineOf('- id: SW1.3')}: competences\\.0\\.indicators\\.2\\.en: Required`),
    ],
    [
      'a duplicate indicator id',
      (s) => s.replace('id: SW1.2\n', 'id: SW1.1\n'),
      new RegExp(
        `framework\\.yaml:${lineOf('id: SW1.2')}: competences\\.0\\.indicators\\.1\\.id: duplicate indicator "SW1\\.1"`,
      ),
    ],
    [
      'a scale without "not observed"',
      (s) => s.replace('counts_as_level: false', 'counts_as_level: true'),
      /framework\.yaml:6: scale: needs a "not observed" level/,
    ],
    [
      'a level that is not a number',
      (s) => s.replace('value: 3,', 'value: three,'),
      /framework\.yaml:9: scale\.3\.value: Expected number/,
    ],
    [
      'a level description for a level the scale does not have',
      (s) => s.replace('          L4: {nl: "Stemt de kennismaking', '          L5: {nl: "Stemt de kennismaking'),
      new RegExp(
        `framework\\.yaml:${lineOf('L4: {nl: "Stemt de kennismaking')}: competences\\.0\\.indicators\\.0\\.levels\\.L5: ` +
          'unknown scale level "L5" \\(expected one of L1, L2, L3, L4\\)',
      ),
    ],
    [
      'a level description for "not observed"',
      (s) => s.replace('          L1: {nl: "Stelt zich voor als', '          NA: {nl: "Stelt zich voor als'),
      /competences\.0\.indicators\.0\.levels\.NA: unknown scale level "NA"/,
    ],
    [
      'an empty look-for',
      (s) => s.replace('"Noemt bij het begin van het contact de eigen naam en functie"', '""'),
      new RegExp(
        `framework\\.yaml:${lineOf('Noemt bij het begin van het contact')}: competences\\.0\\.indicators\\.0\\.look_fors\\.nl\\.0: is empty`,
      ),
    ],
    [
      'look-fors in a language Leerkans does not speak',
      (s) =>
        s.replace(
          '        look_fors:\n          nl:',
          '        look_fors:\n          fr: ["Se présente"]\n          nl:',
        ),
      /competences\.0\.indicators\.0\.look_fors: Unrecognized key\(s\) in object: 'fr'/,
    ],
    [
      'an empty example reflection',
      (s) =>
        s.replace('            - "vandaag mijn eerste huisbezoek alleen gedaan.', '            - ""\n            - "x'),
      new RegExp(
        `framework\\.yaml:${lineOf('vandaag mijn eerste huisbezoek alleen gedaan.')}: ` +
          'competences\\.0\\.indicators\\.0\\.examples\\.nl\\.0: is empty',
      ),
    ],
    [
      'an example reflection longer than 2000 characters',
      (s) => s.replace('            - "vandaag mijn eerste huisbezoek', `            - "${'lang '.repeat(401)}`),
      /competences\.0\.indicators\.0\.examples\.nl\.0: is longer than 2000 characters/,
    ],
    [
      'examples in a language Leerkans does not speak',
      (s) =>
        s.replace(
          '        examples:\n          nl:',
          '        examples:\n          fr: ["Je me suis présenté"]\n          nl:',
        ),
      /competences\.0\.indicators\.0\.examples: Unrecognized key\(s\) in object: 'fr'/,
    ],
  ];

  it('stores look-fors and level descriptions (by scale value) and gives them to the flows', async () => {
    const { frameworkId } = await importFramework(db, 'framework.yaml', demo);
    const rows = await listIndicators(db, frameworkId);
    const sw13 = rows.find((r) => r.code === 'SW1.3')!;
    expect(sw13.lookFors.nl).toContain('Vat de kern van het verhaal samen in eigen woorden');
    expect(sw13.lookFors.en).toContain('Summarises the heart of the story in own words');
    // Keyed by the scale value assessments store (L1 has value 1), in both languages.
    expect(sw13.levelDescriptions['1']).toEqual({
      nl: 'Luistert, maar vult snel zelf in of springt naar oplossingen.',
      en: 'Listens, but quickly fills in or jumps to solutions.',
    });
    expect(Object.keys(sw13.levelDescriptions).sort()).toEqual(['1', '2', '3', '4']);
  });

  it('stores example reflections per language and gives them to the matcher', async () => {
    const { frameworkId } = await importFramework(db, 'framework.yaml', demo);
    const rows = await listIndicators(db, frameworkId);
    const sw11 = rows.find((r) => r.code === 'SW1.1')!;
    expect(sw11.examples?.nl[0]).toMatch(/^vandaag mijn eerste huisbezoek alleen gedaan\./);
    expect(sw11.examples?.en.length).toBeGreaterThan(0);
    const texts = indicatorTexts(rows).find((i) => i.code === 'SW1.1')!;
    expect(texts.examples).toEqual([...sw11.examples!.nl, ...sw11.examples!.en]);
  });

  it('imports a framework without look-fors or level descriptions, and clears them when a re-import drops them', async () => {
    const doc = parseDocument(demo);
    for (const c of (
      doc.get('competences') as { items: { get(k: string): { items: { delete(k: string): void }[] } }[] }
    ).items)
      for (const ind of c.get('indicators').items) {
        ind.delete('look_fors');
        ind.delete('levels');
        ind.delete('examples');
      }
    await importFramework(db, 'framework.yaml', demo);
    const { frameworkId } = await importFramework(db, 'framework.yaml', doc.toString());
    const rows = await listIndicators(db, frameworkId);
    expect(rows).toHaveLength(15);
    for (const r of rows) {
      expect(r.lookFors).toEqual({ nl: [], en: [] });
      expect(r.levelDescriptions).toEqual({});
      expect(r.examples).toEqual({ nl: [], en: [] });
    }
  });

  it.each(bad)('refuses %s with file, line and field and imports nothing', async (_label, mutate, message) => {
    await importFramework(db, 'framework.yaml', demo);
    const before = await snapshot(db);
    const error = await importFramework(db, 'framework.yaml', mutate(demo)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(message);
    expect(await snapshot(db)).toEqual(before);
  });
});

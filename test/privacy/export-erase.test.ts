import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { importFramework } from '../../bot/imports/framework.js';
import { importRoster } from '../../bot/imports/roster.js';
import { erasePersonData, exportPersonData, UnknownPersonError } from '../../bot/privacy/export.js';
import { databases } from '../support/databases.js';

const demo = (name: string) => readFileSync(new URL(`../../db/demo/${name}`, import.meta.url), 'utf8');

describe.each(databases)('export and erase on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create();
    await importFramework(db, 'f.yaml', demo('framework-social-work.yaml'));
    await importRoster(db, 'r.csv', demo('roster-demo.csv'), { timeZone: 'Europe/Brussels', locale: 'nl-BE' });
    await db.query(
      `INSERT INTO reflections (person_id, model, body) SELECT id, 'starr', 'Ik vatte samen wat de cliënt zei.'
         FROM people WHERE email = 'amira.elidrissi@student.example.be'`,
    );
    await db.query(
      `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, level)
       SELECT i.id, s.id, m.id, 'mentor', 'workplace', 3 FROM indicators i, people s, people m
        WHERE i.code = 'SW1.3' AND s.email LIKE 'amira%' AND m.email LIKE 'jan.peeters%'`,
    );
  });
  afterEach(async () => {
    await db.close();
  });

  it('exports everything stored about a person and records who exported it', async () => {
    const data = await exportPersonData(db, 'AMIRA.elidrissi@student.example.be', { label: 'cli' });
    expect(data).toMatchObject({
      person: { name: 'Amira El Idrissi' },
      tables: {
        reflections: [expect.objectContaining({ body: 'Ik vatte samen wat de cliënt zei.' })],
        assessments: [expect.objectContaining({ level: 3, actor_role: 'mentor' })],
      },
      labels: { people: expect.objectContaining({ '5': 'Jan Peeters' }) },
    });
    expect(data.tables.assignments).toHaveLength(3);
    const indicator = (data.tables.assessments as { indicator_id: number }[])[0]!.indicator_id;
    expect(data.labels.indicators[String(indicator)]).toMatch(/^SW1\.3 /);
    const audit = await db.query<{ action: string; actor_label: string }>('SELECT action, actor_label FROM audit_log');
    expect(audit.rows).toEqual([{ action: 'export', actor_label: 'cli' }]);
  });

  it('erases a person with their reflections and assessments, keeping what others need', async () => {
    await erasePersonData(db, 'amira.elidrissi@student.example.be', { label: 'cli' });
    const left = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM people WHERE email LIKE 'amira%') + (SELECT count(*) FROM reflections)
            + (SELECT count(*) FROM assessments) AS n`,
    );
    expect(left.rows[0]!.n).toBe(0);
    await expect(exportPersonData(db, 'amira.elidrissi@student.example.be', { label: 'cli' })).rejects.toThrow(
      UnknownPersonError,
    );
    const audit = await db.query<{ action: string; subject_id: number | null; details: object }>(
      'SELECT action, subject_id, details FROM audit_log',
    );
    expect(audit.rows).toEqual([
      { action: 'erase', subject_id: null, details: expect.objectContaining({ channel: 'cli', nameShared: false }) },
    ]);
    // Erasing a mentor keeps the assessment they gave the student, without its author.
    await db.query(
      `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, level)
       SELECT i.id, s.id, m.id, 'mentor', 'workplace', 2 FROM indicators i, people s, people m
        WHERE i.code = 'SW1.3' AND s.email LIKE 'tom.%' AND m.email LIKE 'jan.peeters%'`,
    );
    await erasePersonData(db, 'jan.peeters@ocmw.example.be', { label: 'cli' });
    const kept = await db.query<{ actor_id: number | null; level: number }>('SELECT actor_id, level FROM assessments');
    expect(kept.rows).toEqual([{ actor_id: null, level: 2 }]);
  });
});

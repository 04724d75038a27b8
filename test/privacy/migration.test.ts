// Migration 0007 replaces the first audit log: its entries are kept, without the subject's email (personal
// content), with subject ids only where the person still exists, and 'chat' (the old label) as the role 'admin'.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { databases } from '../support/databases.js';

describe.each(databases)('migration 0007 on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create();
    await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  });
  afterEach(async () => {
    // The database goes back to the pool fully migrated.
    await migrate(db);
    await db.close();
  });

  it('carries the old audit entries over without personal content', async () => {
    const all = await loadMigrations();
    await migrate(
      db,
      all.filter((m) => m.version < 7),
    );
    const person = await db.query<{ id: number }>(
      `INSERT INTO people (email, name, roles) VALUES ('a@s.be', 'A', '{admin}'), ('b@s.be', 'B', '{student}') RETURNING id`,
    );
    const [admin, student] = person.rows.map((r) => r.id);
    await db.query(
      `INSERT INTO audit_log (actor_id, actor_label, action, subject_id, subject_email, details, at) VALUES
         ($1, 'chat', 'schedule.add', NULL, NULL, '{"name": "laat", "personId": 7}', '2026-01-02T10:00:00Z'),
         (NULL, 'cli', 'export', $2, 'b@s.be', '{}', '2026-01-03T10:00:00Z'),
         (NULL, 'cli', 'erase', 999, 'gone@s.be', '{}', '2026-01-04T10:00:00Z')`,
      [admin, student],
    );
    expect(await migrate(db)).toEqual(all.filter((m) => m.version >= 7).map((m) => m.version));
    const rows = await db.query(
      `SELECT actor_id, actor_label, action, subject_id, details, at FROM audit_log ORDER BY id`,
    );
    expect(rows.rows).toEqual([
      {
        actor_id: admin,
        actor_label: 'admin',
        action: 'schedule.add',
        subject_id: null,
        details: { name: 'laat' },
        at: new Date('2026-01-02T10:00:00Z'),
      },
      {
        actor_id: null,
        actor_label: 'cli',
        action: 'export',
        subject_id: student,
        details: {},
        at: new Date('2026-01-03T10:00:00Z'),
      },
      {
        actor_id: null,
        actor_label: 'cli',
        action: 'erase',
        subject_id: null,
        details: {},
        at: new Date('2026-01-04T10:00:00Z'),
      },
    ]);
    const columns = await db.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'audit_log' ORDER BY ordinal_position`,
    );
    expect(columns.rows.map((c) => c.name)).toEqual([
      'id',
      'at',
      'actor_id',
      'actor_label',
      'action',
      'subject_id',
      'details',
    ]);
    // Erasing the student now keeps the entry and forgets who it was about.
    await db.query('DELETE FROM people WHERE id = $1', [student]);
    expect((await db.query('SELECT count(*)::int AS n FROM audit_log WHERE subject_id IS NULL')).rows[0]).toEqual({
      n: 3,
    });
  });
});

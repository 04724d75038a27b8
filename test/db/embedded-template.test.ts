// The install-time template of the embedded database: a new data directory starts from it already migrated, a
// template of other migrations or another PGlite is never used, and without one a data directory is initialised
// from scratch.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEmbeddedTemplate, readEmbeddedTemplate, templateName } from '../../db/embedded-template.js';
import { loadMigrations } from '../../db/migrate.js';
import { openEmbedded } from '../../db/open.js';

const dirs: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('embedded database template', () => {
  it('starts a new data directory migrated, and keeps what is stored there', async () => {
    const cache = temp('lk-template-');
    const file = await buildEmbeddedTemplate(cache);
    expect(readdirSync(cache)).toEqual([file.split('/').at(-1)]);
    // Building again reuses the file.
    expect(await buildEmbeddedTemplate(cache)).toBe(file);

    const dataDir = temp('lk-from-template-');
    const first = await openEmbedded(dataDir, 'test', 'cli', cache);
    const versions = await first.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY 1');
    expect(versions.rows.map((r) => r.version)).toEqual((await loadMigrations()).map((m) => m.version));
    await first.db.exec(`INSERT INTO cohorts (code) VALUES ('kept')`);
    await first.db.close();

    // A second open uses the data directory itself, not the template again.
    const second = await openEmbedded(dataDir, 'test', 'cli', cache);
    expect((await second.db.query('SELECT code FROM cohorts')).rows).toEqual([{ code: 'kept' }]);
    await second.db.close();
  });

  it('is named after the PGlite version and every migration, so a stale template is never read', async () => {
    const migrations = await loadMigrations();
    const name = templateName(migrations, '0.5.14');
    expect(templateName(migrations, '0.5.15')).not.toBe(name);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(templateName(edited, '0.5.14')).not.toBe(name);
    expect(await readEmbeddedTemplate(temp('lk-empty-cache-'))).toBeUndefined();
  });

  it('without a template, a data directory is initialised from scratch', async () => {
    const dataDir = temp('lk-no-template-');
    const opened = await openEmbedded(dataDir, 'test', 'cli', temp('lk-empty-cache-'));
    // A bare cluster: no schema yet (the server migrates it next).
    expect((await opened.db.query(`SELECT to_regclass('schema_migrations') AS t`)).rows).toEqual([{ t: null }]);
    await opened.db.close();
  });
});

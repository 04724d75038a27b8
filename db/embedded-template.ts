// A first start on an empty data directory spends most of its time in PGlite's initdb and the migrations. The
// same result is built once when the project is installed (npm's postinstall, bin/prepare.js) into
// node_modules/.cache/leerkans, and a new data directory is loaded from it instead. The file is named after the
// PGlite version and the migrations, so a stale one is never used; without one, a data directory is initialised
// from scratch as before. See docs/architecture.md (start-up).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { loadMigrations, type Migration, migrate } from './migrate.js';
import { createPGliteDb, PGLITE_PARSERS } from './pglite-driver.js';

export const DEFAULT_TEMPLATE_DIR = fileURLToPath(new URL('../node_modules/.cache/leerkans/', import.meta.url));

// The package does not export its package.json; it sits two folders above the resolved entry point.
const pgliteVersion = (): string => {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
};

/** The template's file name: changes whenever PGlite or any migration changes. */
export function templateName(migrations: Migration[], version = pgliteVersion()): string {
  const hash = createHash('sha256');
  for (const m of migrations) hash.update(`${m.version}\0${m.name}\0${m.sql}\0`);
  return `pgdata-${version}-${hash.digest('hex').slice(0, 16)}.tar.gz`;
}

/** Builds the template unless it exists; returns its path. */
export async function buildEmbeddedTemplate(dir = DEFAULT_TEMPLATE_DIR): Promise<string> {
  const file = join(dir, templateName(await loadMigrations()));
  if (existsSync(file)) return file;
  const pglite = new PGlite({ parsers: PGLITE_PARSERS });
  try {
    await migrate(createPGliteDb(pglite, 'template', false));
    const dump = await pglite.dumpDataDir('gzip');
    mkdirSync(dir, { recursive: true });
    // Written aside and renamed: a reader never sees half a file, two installs at once both end well.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    // Templates of earlier PGlite versions or migrations are never read again.
    for (const old of readdirSync(dir)) {
      if (old !== basename(file) && /^pgdata-.*\.tar\.gz$/.test(old)) rmSync(join(dir, old), { force: true });
    }
    return file;
  } finally {
    await pglite.close();
  }
}

/** The template for the current PGlite and migrations, or undefined when none was built. */
export async function readEmbeddedTemplate(dir = DEFAULT_TEMPLATE_DIR): Promise<Blob | undefined> {
  const file = join(dir, templateName(await loadMigrations()));
  if (!existsSync(file)) return undefined;
  return new Blob([readFileSync(file)]);
}

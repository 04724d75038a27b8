// The layout's rules, enforced: the core never imports an adapter, adapters never touch the database, cards are
// plain data, and the archived Bot Framework SDK and teams-ai stay inside adapters/teams/ (so a move to another
// Teams SDK is one folder), as Bolt stays inside adapters/slack/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(root, dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(relative(root, path)));
    else if (/\.(ts|js)$/.test(name)) out.push(relative(root, path));
  }
  return out;
}

const importsOf = (file: string): string[] =>
  [
    ...readFileSync(join(root, file), 'utf8').matchAll(
      /(?:^|\s)(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/gm,
    ),
  ].map((m) => (m[1] ?? m[2])!);

/** Where an import lands, as a top-level folder of the project or an npm package name. */
const target = (file: string, spec: string): string => {
  if (!spec.startsWith('.')) return spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
  return relative(root, join(root, file, '..', spec)).split('/')[0]!;
};

const violations = (dirs: string[], forbidden: (t: string) => boolean): string[] =>
  dirs.flatMap((d) =>
    sourceFiles(d).flatMap((f) =>
      importsOf(f)
        .filter((s) => forbidden(target(f, s)))
        .map((s) => `${f} imports ${s}`),
    ),
  );

describe('package boundaries', () => {
  it('finds the imports it checks (the rules below are not vacuous)', () => {
    expect(importsOf('app/main.ts')).toContain('../adapters/web/index.js');
    expect(target('app/main.ts', '../adapters/web/index.js')).toBe('adapters');
    expect(target('adapters/teams/adapter.ts', '@microsoft/teams-ai')).toBe('@microsoft/teams-ai');
  });

  it('the core (bot/) never imports an adapter or the composition root', () => {
    expect(violations(['bot'], (t) => t === 'adapters' || t === 'app')).toEqual([]);
  });

  it('adapters never import the database layer (no SQL in adapters)', () => {
    expect(violations(['adapters'], (t) => t === 'db' || t === 'pg' || t === '@electric-sql/pglite')).toEqual([]);
  });

  it('cards are data: they import nothing of the core, the adapters or the database', () => {
    expect(violations(['cards'], (t) => ['bot', 'adapters', 'db', 'app'].includes(t))).toEqual([]);
  });

  it('botbuilder and teams-ai are only imported inside adapters/teams/', () => {
    const sdk = (t: string) =>
      t.startsWith('botbuilder') || t === '@microsoft/teams-ai' || t === 'botframework-connector';
    expect(violations(['bot', 'cards', 'db', 'app', 'adapters/slack', 'adapters/web', 'adapters/shared'], sdk)).toEqual(
      [],
    );
  });

  it('Bolt is only imported inside adapters/slack/', () => {
    const bolt = (t: string) => t === '@slack/bolt' || t === '@slack/web-api' || t === '@slack/socket-mode';
    expect(
      violations(['bot', 'cards', 'db', 'app', 'adapters/teams', 'adapters/web', 'adapters/shared'], bolt),
    ).toEqual([]);
  });

  it('the database layer imports nothing above it', () => {
    expect(violations(['db'], (t) => ['bot', 'adapters', 'cards', 'app'].includes(t))).toEqual([]);
  });

  it('the bot logs through pino, never console.log', () => {
    const offenders = ['bot', 'adapters', 'cards', 'db', 'app']
      .flatMap(sourceFiles)
      .filter((f) => !f.includes('/public/'))
      .filter((f) => /console\.(log|debug|info)\(/.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

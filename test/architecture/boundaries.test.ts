// The layout's rules, enforced: the core never imports an adapter, adapters never touch the database, cards are
// plain data, and the archived Bot Framework SDK and teams-ai stay inside adapters/teams/ (so a move to another
// Teams SDK is one folder), as Bolt stays inside adapters/slack/. The core dispatches from the routes table it is
// given and imports no flow or command; adapters share code with app/ only through adapters/shared/.
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

/** The project file a relative import lands on (`bot/flows/active.js`), or null for a package. */
const landing = (file: string, spec: string): string | null =>
  spec.startsWith('.') ? relative(root, join(root, file, '..', spec)) : null;

/**
 * What bot/core may reach inside bot/: itself, the strings, the logger and the assistant's interface that its
 * dependencies name. Flows, commands, the digest, the schedule, the outbox… come in through the routes table.
 */
const CORE_MAY_IMPORT = [/^bot\/core\//, /^bot\/i18n\//, /^bot\/log\//, /^bot\/llm\/client\.js$/];
const coreOverreach = (file: string, spec: string): boolean => {
  const to = landing(file, spec) ?? '';
  return to.startsWith('bot/') && !CORE_MAY_IMPORT.some((allowed) => allowed.test(to));
};

/** The file-level violations of a rule over the files under `dirs`. */
const fileViolations = (dirs: string[], forbidden: (file: string, spec: string) => boolean): string[] =>
  dirs.flatMap((d) =>
    sourceFiles(d).flatMap((f) =>
      importsOf(f)
        .filter((s) => forbidden(f, s))
        .map((s) => `${f} imports ${s}`),
    ),
  );

describe('package boundaries', () => {
  it('finds the imports it checks (the rules below are not vacuous)', () => {
    expect(importsOf('app/main.ts')).toContain('../adapters/web/index.js');
    expect(target('app/main.ts', '../adapters/web/index.js')).toBe('adapters');
    expect(target('adapters/teams/adapter.ts', '@microsoft/teams-ai')).toBe('@microsoft/teams-ai');
  });

  it('the rules below flag what they forbid (each would have failed on the code before the routes table)', () => {
    // The router imported every flow and command; home.ts the reflection's verbs; the router a flow's word count.
    expect(coreOverreach('bot/core/router.ts', '../flows/active.js')).toBe(true);
    expect(coreOverreach('bot/core/router.ts', '../commands/index.js')).toBe(true);
    expect(coreOverreach('bot/core/router.ts', '../digest/actions.js')).toBe(true);
    expect(coreOverreach('bot/core/router.ts', '../schedule/nudge-card.js')).toBe(true);
    expect(coreOverreach('bot/core/router.ts', '../safety/crisis.js')).toBe(true);
    expect(coreOverreach('bot/core/router.ts', '../llm/fallback-questions.js')).toBe(true);
    expect(coreOverreach('bot/core/home.ts', '../flows/reflection/cards.js')).toBe(true);
    // What the core does need stays allowed.
    expect(coreOverreach('bot/core/router.ts', './routes.js')).toBe(false);
    expect(coreOverreach('bot/core/router.ts', '../i18n/index.js')).toBe(false);
    expect(coreOverreach('bot/core/bot.ts', '../llm/client.js')).toBe(false);
    expect(coreOverreach('bot/core/bot.ts', '../../db/db.js')).toBe(false);
    // Adapters imported the route helpers from app/http/route.ts.
    expect(target('adapters/slack/adapter.ts', '../../app/http/route.js')).toBe('app');
    expect(target('adapters/slack/adapter.ts', '../shared/route.js')).toBe('adapters');
  });

  it('bot/core imports no flow or command: inside bot/ only itself, i18n, the logger and the assistant interface', () => {
    expect(fileViolations(['bot/core'], coreOverreach)).toEqual([]);
  });

  it('adapters import nothing from the composition root (app/)', () => {
    expect(violations(['adapters'], (t) => t === 'app')).toEqual([]);
  });

  it('adapters/shared/ is neutral ground: it imports no adapter', () => {
    const adapter = (file: string, spec: string) => /^adapters\/(?!shared\/)/.test(landing(file, spec) ?? '');
    expect(fileViolations(['adapters/shared'], adapter)).toEqual([]);
    expect(adapter('adapters/shared/surface.ts', '../slack/index.js')).toBe(true);
    expect(adapter('adapters/shared/surface.ts', './route.js')).toBe(false);
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

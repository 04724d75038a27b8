// The container files, checked without a Docker engine: the Dockerfile passes a Dockerfile linter and the rules a
// school's IT expects (pinned Node 20 slim base, production dependencies only, non-root, health check); compose.yaml
// passes a Compose linter (schema and best practices); and the image holds everything the server and the CLI load
// at run time, while every package they import is a production dependency.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { validate } from 'dockerfile-utils';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../support/processes.js';

const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** The instructions of a Dockerfile, continuation lines joined, comments dropped. */
const instructions = (text: string): Instruction[] => {
  const out: Instruction[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (!pending) start = i + 1;
    pending += (pending ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (line.endsWith('\\')) return;
    const [keyword, ...rest] = pending.split(/\s+/);
    out.push({ keyword: keyword!.toUpperCase(), args: rest.join(' '), line: start });
    pending = '';
  });
  return out;
};

/** The repository files a `COPY <src> <dest>` from the build context brings into the final image. */
const copiedFromContext = (dockerfile: Instruction[]): string[] => {
  const lastFrom = dockerfile.map((i) => i.keyword).lastIndexOf('FROM');
  return dockerfile
    .slice(lastFrom)
    .filter((i) => i.keyword === 'COPY' && !/--from=/.test(i.args))
    .flatMap((i) => {
      const parts = i.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      return parts.slice(0, -1);
    });
};

const dockerignore = (): string[] =>
  read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));

const inImage = (file: string, sources: string[], ignored: string[]): boolean => {
  const rel = relative(repoRoot, file).split('\\').join('/');
  const copied = sources.some((src) => rel === src || rel.startsWith(`${src.replace(/\/$/, '')}/`));
  const excluded = ignored.some((pattern) => {
    const p = pattern.replace(/\/$/, '');
    if (p.includes('*')) return new RegExp(`^${p.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`).test(rel);
    return rel === p || rel.startsWith(`${p}/`);
  });
  return copied && !excluded;
};

/** Follows the imports of the run-time entry points through the sources; returns files, packages and assets. */
const runtimeGraph = () => {
  const entries = ['bin/server.js', 'bin/leerkans.js', 'app/server.ts', 'app/cli.ts'].map((f) => join(repoRoot, f));
  const files = new Set<string>();
  const packages = new Set<string>();
  const assets = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const specifiers: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
        specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
        specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        specifiers.push(node.arguments[0].text);
      } else if (
        // new URL('./public/', import.meta.url) and new URL(`../../db/demo/${name}`, import.meta.url): files read
        ts.isNewExpression(node) &&
        node.expression.getText() === 'URL' &&
        node.arguments?.[1]?.getText() === 'import.meta.url'
      ) {
        const first = node.arguments[0]!;
        const literal = ts.isStringLiteral(first)
          ? first.text
          : ts.isTemplateExpression(first) || ts.isNoSubstitutionTemplateLiteral(first)
            ? (ts.isTemplateExpression(first) ? first.head.text : first.text).replace(/[^/]*$/, '')
            : undefined;
        if (literal !== undefined) assets.add(resolve(dirname(file), literal));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        const candidates = [target, target.replace(/\.js$/, '.ts'), `${target}.ts`, join(target, 'index.ts')];
        const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
        if (!found) throw new Error(`${relative(repoRoot, file)}: cannot resolve ${specifier}`);
        queue.push(found);
      } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
        const parts = specifier.split('/');
        packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
      }
    }
  }
  return { files, packages, assets };
};

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const steps = instructions(text);

  it('passes the Dockerfile linter with every rule as an error', () => {
    const problems = validate(text, {}).map((d) => `${d.range.start.line + 1}: ${d.message}`);
    expect(problems).toEqual([]);
    // The linter is real: a broken file is caught.
    expect(validate('FROM node:20-slim\nEXPOSE http\nCMD node x\n', {}).length).toBeGreaterThan(0);
  });

  it('builds on a pinned Node 20 slim image and installs production dependencies only from the lock file', () => {
    const bases = steps.filter((s) => s.keyword === 'FROM').map((s) => s.args.split(/\s+/)[0]!);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(/^node:20\.\d+-[a-z]+-slim$/);
    const runs = steps.filter((s) => s.keyword === 'RUN').map((s) => s.args);
    expect(runs.some((r) => /npm ci\b.*--omit=dev/.test(r))).toBe(true);
    expect(runs.some((r) => /npm install\b/.test(r))).toBe(false);
    expect(steps.some((s) => s.keyword === 'ADD')).toBe(false);
  });

  it('runs as a non-root user, in exec form, with a health check and a volume for the embedded database', () => {
    const users = steps.filter((s) => s.keyword === 'USER').map((s) => s.args);
    expect(users.at(-1)).toBeDefined();
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const cmd = steps.filter((s) => s.keyword === 'CMD').at(-1);
    expect(cmd?.args).toBe('["node", "bin/server.js"]');
    expect(steps.findIndex((s) => s.keyword === 'USER')).toBeLessThan(steps.findIndex((s) => s.keyword === 'CMD'));
    expect(steps.filter((s) => s.keyword === 'HEALTHCHECK')).toHaveLength(1);
    expect(steps.find((s) => s.keyword === 'HEALTHCHECK')?.args).toContain('/healthz');
    const env = steps
      .filter((s) => s.keyword === 'ENV')
      .map((s) => s.args)
      .join(' ');
    expect(env).toMatch(/LEERKANS_DATA_DIR=\/data/);
    expect(steps.find((s) => s.keyword === 'VOLUME')?.args).toContain('/data');
  });

  it('copies every file the server and the CLI load, and every package they import is a production dependency', () => {
    const { files, packages, assets } = runtimeGraph();
    const sources = copiedFromContext(steps);
    const ignored = dockerignore();
    // What lives under node_modules comes from the install in the image, not from the build context.
    const installed = (f: string) => relative(repoRoot, f).startsWith('node_modules/');
    const missing = [...files, ...assets]
      .filter((f) => !installed(f) && !inImage(f, sources, ignored))
      .map((f) => relative(repoRoot, f));
    expect(missing).toEqual([]);
    // The embedded-database template under node_modules/.cache is built in the image, by the script npm runs.
    if ([...assets].some(installed)) {
      expect(steps.some((s) => s.keyword === 'RUN' && s.args.includes('node bin/prepare.js'))).toBe(true);
    }
    // The graph is real: it reaches the adapters, the migrations and the playground's static files.
    const rel = [...files, ...assets].map((f) => relative(repoRoot, f));
    expect(rel).toEqual(expect.arrayContaining(['adapters/slack/adapter.ts', 'adapters/teams/adapter.ts']));
    expect(rel.some((f) => f.startsWith('db/migrations'))).toBe(true);
    expect(rel.some((f) => f.startsWith('adapters/web/public'))).toBe(true);
    expect(rel.some((f) => f.startsWith('test/') || f.startsWith('bench/'))).toBe(false);

    const manifest = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const notProduction = [...packages].filter((p) => !(p in manifest.dependencies));
    expect(notProduction).toEqual([]);
    expect(packages).toContain('tsx');
  });

  it('keeps secrets and local data out of the build context', () => {
    const ignored = dockerignore();
    for (const path of ['.env', '.leerkans', 'node_modules', '.git', 'test']) expect(ignored).toContain(path);
  });
});

describe('compose.yaml', () => {
  const dclint = (file: string) =>
    spawnSync(process.execPath, [join(repoRoot, 'node_modules/dclint/bin/dclint.cjs'), file, '--max-warnings', '0'], {
      encoding: 'utf8',
    });

  it('passes the Compose linter (schema and best practices) without warnings', () => {
    const r = dclint(join(repoRoot, 'compose.yaml'));
    expect(r.stdout + r.stderr).not.toMatch(/problem/);
    expect(r.status).toBe(0);
  });

  it('the linter is real: a broken compose file fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lk-compose-'));
    try {
      const file = join(dir, 'compose.yaml');
      writeFileSync(file, 'services:\n  web:\n    build: .\n    image: x\n    ports: [3978]\n    restart: sometimes\n');
      expect(dclint(file).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs Leerkans on PostgreSQL with health checks, a volume, and the port on this host only', () => {
    interface Service {
      build?: string;
      image?: string;
      environment: Record<string, string>;
      depends_on?: Record<string, { condition: string }>;
      healthcheck?: { test: string[] };
      ports?: string[];
      volumes?: string[];
    }
    const compose = parseYaml(read('compose.yaml')) as { services: Record<string, Service>; volumes: object };
    const app = compose.services.leerkans!;
    const db = compose.services.postgres!;
    expect(app.build).toBe('.');
    expect(app.environment.DATABASE_URL).toMatch(/^postgres:\/\/leerkans:.+@postgres:5432\/leerkans$/);
    expect(app.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(app.healthcheck?.test.join(' ')).toContain('/healthz');
    expect(app.ports).toEqual(['127.0.0.1:3978:3978']);
    expect(db.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(db.volumes?.[0]).toMatch(/^pgdata:/);
    expect(compose.volumes).toHaveProperty('pgdata');
  });
});

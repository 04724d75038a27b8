// `leerkans teams-package`: the Teams app package (a zip with manifest.json, the color and outline icons and the
// localisation files) from MicrosoftAppId and PUBLIC_URL. The manifest is filled in from the template, checked
// against the official JSON schema of its version (bundled with @microsoft/app-manifest, so offline), the
// icons are rendered from the SVG sources, and the zip is byte-for-byte reproducible.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { Resvg } from '@resvg/resvg-js';
import { zipSync } from 'fflate';

const here = fileURLToPath(new URL('./', import.meta.url));
const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

export const ICONS = { 'color.png': { svg: 'color.svg', size: 192 }, 'outline.png': { svg: 'outline.svg', size: 32 } };
export const LOCALISATION_FILES = ['nl-BE.json', 'en.json'] as const;

export class TeamsPackageError extends Error {
  override readonly name = 'TeamsPackageError';
}

export interface TeamsPackageOptions {
  /** MicrosoftAppId: the Azure Bot's app (client) id, a GUID; also used as the Teams app id. */
  appId: string | undefined;
  /** PUBLIC_URL: where Teams and users reach this server (https). */
  publicUrl: string | undefined;
  outFile: string;
  /** Manifest version; default the package.json version. */
  version?: string;
}

export interface TeamsPackageFiles {
  manifest: Record<string, unknown>;
  localisations: Record<string, Record<string, unknown>>;
  icons: Record<string, Uint8Array>;
}

/** The manifest and its localisation files for this deployment, validated; throws a one-line error. */
export async function renderTeamsManifest(options: Omit<TeamsPackageOptions, 'outFile'>): Promise<TeamsPackageFiles> {
  const appId = options.appId?.trim();
  if (!appId) throw new TeamsPackageError('MicrosoftAppId is not set: it is the Azure Bot app id the package is for');
  if (!GUID.test(appId)) throw new TeamsPackageError(`MicrosoftAppId must be a GUID (got "${appId}")`);
  const raw = options.publicUrl?.trim();
  if (!raw) throw new TeamsPackageError('PUBLIC_URL is not set: the https address where Teams reaches this server');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TeamsPackageError(`PUBLIC_URL is not a URL (got "${raw}")`);
  }
  if (url.protocol !== 'https:') throw new TeamsPackageError(`PUBLIC_URL must be https for Teams (got "${raw}")`);
  const publicUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const version = options.version ?? (await packageVersion());

  const values: Record<string, string> = { appId: appId.toLowerCase(), publicUrl, publicHost: url.host, version };
  const template = JSON.parse(await readFile(`${here}manifest.template.json`, 'utf8')) as unknown;
  const manifest = fill(template, values) as Record<string, unknown>;
  const localisations: Record<string, Record<string, unknown>> = {};
  for (const file of LOCALISATION_FILES) {
    localisations[file] = JSON.parse(await readFile(`${here}${file}`, 'utf8')) as Record<string, unknown>;
  }
  const problems = await validateTeamsManifest(manifest, localisations);
  if (problems.length > 0) throw new TeamsPackageError(`the Teams manifest is not valid: ${problems.join('; ')}`);
  return { manifest, localisations, icons: renderIcons() };
}

/** Schema errors of the manifest and each localisation file (empty when all are valid). */
export async function validateTeamsManifest(
  manifest: Record<string, unknown>,
  localisations: Record<string, Record<string, unknown>>,
): Promise<string[]> {
  type Validatable = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
  type Schema = Awaited<ReturnType<typeof AppManifestUtils.fetchSchema>>;
  const problems = (await AppManifestUtils.validateAgainstSchema(manifest as Validatable)).map(
    (p) => `manifest.json${p}`,
  );
  for (const [file, content] of Object.entries(localisations)) {
    // The official localisation schemas use a pattern that is valid in .NET but not as a Unicode JS RegExp
    // (a lone "]"), which makes Ajv throw; the same schema with that bracket escaped means exactly the same.
    const schema = unicodeSafe(await AppManifestUtils.fetchSchema(String(content.$schema))) as Schema;
    const errors = await AppManifestUtils.validateAgainstSchema(content as Validatable, schema);
    problems.push(...errors.map((p) => `${file}${p}`));
  }
  return problems;
}

/** Escapes "]" outside character classes in every pattern that a Unicode RegExp refuses. */
export function unicodeSafe(schema: unknown): unknown {
  const fix = (pattern: string): string => {
    try {
      new RegExp(pattern, 'u');
      return pattern;
    } catch {
      let out = '';
      let inClass = false;
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i]!;
        if (c === '\\') {
          out += c + (pattern[i + 1] ?? '');
          i++;
        } else if (c === '[' && !inClass) {
          inClass = true;
          out += c;
        } else if (c === ']') {
          out += inClass ? c : '\\]';
          inClass = false;
        } else out += c;
      }
      return out;
    }
  };
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (k === 'pattern' && typeof v === 'string') return [k, fix(v)];
        if (k === 'patternProperties' && v && typeof v === 'object')
          return [k, Object.fromEntries(Object.entries(v).map(([p, s]) => [fix(p), walk(s)]))];
        return [k, walk(v)];
      }),
    );
  };
  return walk(schema);
}

export function renderIcons(): Record<string, Uint8Array> {
  const icons: Record<string, Uint8Array> = {};
  for (const [name, { svg, size }] of Object.entries(ICONS)) {
    const source = readFileSync(`${here}${svg}`, 'utf8');
    // No system fonts: the icons are shapes only, so rendering is the same on every machine.
    const png = new Resvg(source, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render();
    icons[name] = png.asPng();
  }
  return icons;
}

/** Builds the zip and returns its absolute path. */
export async function buildTeamsPackage(options: TeamsPackageOptions): Promise<string> {
  const files = await renderTeamsManifest(options);
  const encode = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  // A fixed timestamp keeps the zip reproducible (same inputs, same bytes).
  const mtime = new Date('2025-01-01T00:00:00Z');
  const entries: Record<string, Uint8Array> = { 'manifest.json': encode(files.manifest) };
  for (const [name, png] of Object.entries(files.icons)) entries[name] = png;
  for (const [name, content] of Object.entries(files.localisations)) entries[name] = encode(content);
  const zip = zipSync(entries, { level: 9, mtime });
  const outFile = resolve(options.outFile);
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, zip);
  return outFile;
}

function fill(value: unknown, values: Record<string, string>): unknown {
  if (typeof value === 'string') return value.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
  if (Array.isArray(value)) return value.map((v) => fill(v, values));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values)]));
  return value;
}

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(`${here}../../package.json`, 'utf8')) as { version?: string };
  return pkg.version ?? '1.0.0';
}

// The Teams app package: exactly manifest.json, two icons and the localisation files; the manifest and each
// localisation file valid against the official Teams JSON schema of their version (bundled with
// @microsoft/app-manifest, offline); icons of the required sizes, the outline one white on transparent.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import {
  buildTeamsPackage,
  renderTeamsManifest,
  TeamsPackageError,
  unicodeSafe,
  validateTeamsManifest,
} from '../../manifest/teams/build.js';
import { loadConfig } from '../../bot/config/env.js';
import { runCli } from '../support/processes.js';

const APP_ID = '5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const PUBLIC_URL = 'https://leerkans.school.example.be/';

/** Width, height and RGBA pixels of an 8-bit RGBA PNG (what resvg writes). */
function decodePng(png: Uint8Array): { width: number; height: number; pixels: Uint8Array } {
  const buf = Buffer.from(png);
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let pos = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const length = buf.readUInt32BE(pos);
    const type = buf.subarray(pos + 4, pos + 8).toString('ascii');
    const data = buf.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]); // 8-bit RGBA
    }
    if (type === 'IDAT') idat.push(data);
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const cur = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? pixels[y * stride + x - 4]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      pixels[y * stride + x] = (cur + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

describe('Teams app package', () => {
  let dir: string;
  let entries: Record<string, Uint8Array>;
  let zipPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'leerkans-teams-'));
    zipPath = await buildTeamsPackage({ appId: APP_ID, publicUrl: PUBLIC_URL, outFile: join(dir, 'out', 'teams.zip') });
    entries = unzipSync(await readFile(zipPath));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const json = (name: string) => JSON.parse(new TextDecoder().decode(entries[name])) as Record<string, unknown>;

  it('holds exactly the manifest, the two icons and the localisation files', () => {
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'nl-BE.json', 'outline.png']);
  });

  it('has a manifest valid against the official schema of its version', async () => {
    const manifest = json('manifest.json');
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.22/MicrosoftTeams.schema.json',
    );
    expect(await AppManifestUtils.validateAgainstSchema(manifest as never)).toEqual([]);
    // A broken manifest is caught by the same check (the validation is real, not vacuous).
    const broken = { ...manifest, bots: [{ botId: 'not-a-guid', scopes: ['personal'] }] };
    expect((await AppManifestUtils.validateAgainstSchema(broken as never)).length).toBeGreaterThan(0);
  });

  it('has localisation files valid against the official localisation schema', async () => {
    const files = { 'nl-BE.json': json('nl-BE.json'), 'en.json': json('en.json') };
    expect(await validateTeamsManifest(json('manifest.json'), files)).toEqual([]);
    const tooLong = { ...files['en.json'], 'name.short': 'x'.repeat(31) };
    expect(await validateTeamsManifest(json('manifest.json'), { 'en.json': tooLong })).toEqual([
      expect.stringMatching(/^en\.json\/name\.short must NOT have more than 30 characters/),
    ]);
    // The schema's one non-Unicode pattern is only escaped, not weakened.
    const schema = unicodeSafe({ patternProperties: { '^a\\[\\b([0-9])\\b]\\.b$': {} } }) as {
      patternProperties: Record<string, unknown>;
    };
    const [pattern] = Object.keys(schema.patternProperties);
    expect(new RegExp(pattern!, 'u').test('a[3].b')).toBe(true);
  });

  it('is filled in for this deployment: app id, bot, personal scope, valid domain, nl-BE by default with en', () => {
    const manifest = json('manifest.json') as {
      id: string;
      bots: { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
      validDomains: string[];
      developer: Record<string, string>;
      localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
      icons: Record<string, string>;
    };
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]!.botId).toBe(APP_ID);
    expect(manifest.bots[0]!.scopes).toEqual(['personal']);
    expect(manifest.validDomains).toEqual(['leerkans.school.example.be']);
    expect(manifest.developer.websiteUrl).toBe('https://leerkans.school.example.be/');
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('nl-BE');
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'en', file: 'en.json' }]);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    const nl = manifest.bots[0]!.commandLists[0]!.commands.map((c) => c.title);
    expect(nl.slice(0, 4)).toEqual(['reflectie', 'hulp', 'voortgang', 'mijn reflecties']);
    const en = json('en.json');
    const enTitles = nl.map((_, i) => en[`bots[0].commandLists[0].commands[${i}].title`]);
    expect(enTitles.slice(0, 4)).toEqual(['reflect', 'help', 'progress', 'my reflections']);
    expect(enTitles.every((title) => typeof title === 'string' && title.length > 0)).toBe(true);
  });

  it('has a 192×192 color icon and a 32×32 outline icon that is white on transparent', () => {
    const color = decodePng(entries['color.png']!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(entries['outline.png']!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let visible = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      if (outline.pixels[i + 3] === 0) continue;
      visible++;
      expect([outline.pixels[i], outline.pixels[i + 1], outline.pixels[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(50);
  });

  it('is reproducible: the same inputs give the same bytes', async () => {
    const again = await buildTeamsPackage({ appId: APP_ID, publicUrl: PUBLIC_URL, outFile: join(dir, 'again.zip') });
    expect(Buffer.compare(await readFile(again), await readFile(zipPath))).toBe(0);
  });

  it('refuses to build without MicrosoftAppId or PUBLIC_URL, with one clear line', async () => {
    const cases: [string | undefined, string | undefined, RegExp][] = [
      [undefined, PUBLIC_URL, /^MicrosoftAppId is not set/],
      ['my-bot', PUBLIC_URL, /^MicrosoftAppId must be a GUID/],
      [APP_ID, undefined, /^PUBLIC_URL is not set/],
      [APP_ID, 'http://localhost:3978', /^PUBLIC_URL must be https/],
      [APP_ID, 'leerkans', /^PUBLIC_URL is not a URL/],
    ];
    for (const [appId, publicUrl, message] of cases) {
      const attempt = renderTeamsManifest({ appId, publicUrl });
      await expect(attempt).rejects.toBeInstanceOf(TeamsPackageError);
      await expect(attempt).rejects.toThrow(message);
      const error = await attempt.catch((e: Error) => e);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('builds from the command line with only MicrosoftAppId and PUBLIC_URL (no app password needed)', async () => {
    const out = join(dir, 'cli.zip');
    const env = { MicrosoftAppId: APP_ID, PUBLIC_URL, MicrosoftAppPassword: '', MicrosoftAppType: '' };
    const r = await runCli(['teams-package', '--out', out], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(out);
    expect(Object.keys(unzipSync(await readFile(out)))).toContain('manifest.json');
    // The server itself still refuses to start with an app id and no password.
    expect(() => loadConfig({ MicrosoftAppId: APP_ID })).toThrow(/MicrosoftAppPassword/);
  });
});

// The charts: the data of a demo student's chart against a golden file, the PNG (size, format) saved as a test
// artefact to look at, the cohort chart of 30 students within 1024×1024, readable colours, and the /charts route.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chartRoutes } from '../../app/http/charts.js';
import { createMetrics } from '../../app/http/metrics.js';
import { startHttpServer } from '../../app/http/server.js';
import { cohortHeatMap, scaleSteps } from '../../bot/digest/chart-data.js';
import { BACKGROUND, contrast, INK, labelColour, renderHeatMapPng } from '../../bot/digest/chart-render.js';
import { chartForToken, createChartLink } from '../../bot/digest/charts.js';
import { silentLogger } from '../../bot/log/logger.js';
import type { Db } from '../../db/db.js';
import { scaleWithColours } from '../../db/queries/digest.js';
import { frameworkOutline } from '../../db/queries/progress.js';
import { repoRoot } from '../cards/golden.js';
import { databases } from '../support/databases.js';
import { DEMO_WITHOUT_SHIFTS, indicatorId, personId } from '../support/harness.js';

const NOW = new Date('2026-11-30T07:30:00Z');
const artefacts = path.join(repoRoot, 'test-artifacts');
const golden = path.join(repoRoot, 'test/fixtures/charts/amira-student-heatmap.json');

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function rateAmira(db: Db): Promise<number> {
  const amira = await personId(db, 'amira');
  const jan = await personId(db, 'jan');
  const els = await personId(db, 'els');
  const rows: [string, number, string, string, number | null][] = [
    ['SW1.1', amira, 'student', 'workplace', 3],
    ['SW1.3', amira, 'student', 'workplace', 4],
    ['SW1.3', jan, 'mentor', 'workplace', 2],
    ['SW1.3', els, 'teacher', 'campus', 3],
    ['SW2.1', jan, 'mentor', 'workplace', null],
    ['SW2.2', jan, 'mentor', 'workplace', 1],
    ['SW3.1', amira, 'student', 'workplace', 2],
    ['SW4.3', els, 'teacher', 'campus', 4],
    ['SW6.3', amira, 'student', 'workplace', 4],
    ['SW6.3', jan, 'mentor', 'workplace', 3],
  ];
  for (const [code, actor, role, env, level] of rows) {
    await db.query(
      `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, observed_on, level, not_observed)
       VALUES ($1, $2, $3, $4, $5, '2026-11-20', $6, $7)`,
      [await indicatorId(db, code), amira, actor, role, env, level, level === null],
    );
  }
  return amira;
}

describe('chart colours', () => {
  it('labels every level of the demo scale with at least 4.5:1 contrast, on a light image with dark ink', () => {
    for (const colour of ['#d9d9d9', '#f4b183', '#a9d18e', '#548235']) {
      expect(contrast(labelColour(colour), colour), colour).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(INK, BACKGROUND)).toBeGreaterThan(7);
  });
});

describe.each(databases)('charts on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create(DEMO_WITHOUT_SHIFTS);
  });
  afterEach(async () => {
    await db.close();
  });

  it('draws the demo student’s chart from the golden data and saves the PNG as an artefact', async () => {
    const amira = await rateAmira(db);
    const coach = await personId(db, 'sofie');
    const url = await createChartLink(
      db,
      'http://localhost:3978',
      { kind: 'student', subjectId: amira, viewerId: coach, locale: 'nl-BE' },
      NOW,
    );
    const chart = await chartForToken(db, /charts\/([\w-]+)\.png$/.exec(url)![1]!, NOW);
    const expected = JSON.parse(readFileSync(golden, 'utf8')) as unknown;
    expect(chart!.map).toEqual(expected);
    const png = renderHeatMapPng(chart!.map, 'nl-BE');
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const size = pngSize(png);
    expect(size.width).toBeLessThanOrEqual(1024);
    expect(size.height).toBeLessThanOrEqual(1024);
    mkdirSync(artefacts, { recursive: true });
    writeFileSync(path.join(artefacts, 'chart-student-amira.png'), png);
  });

  it('keeps a cohort of 30 students within 1024×1024', async () => {
    const frameworkId = (await db.query<{ id: number }>('SELECT id FROM frameworks')).rows[0]!.id;
    const outline = await frameworkOutline(db, frameworkId);
    const scale = await scaleWithColours(db, frameworkId);
    const students = Array.from({ length: 30 }, (_, s) => ({
      name: `Student ${String(s + 1).padStart(2, '0')} Met Een Vrij Lange Familienaam`,
      ratings: outline.flatMap((o, i) =>
        (['student', 'mentor', 'teacher'] as const).map((role, r) => ({
          indicatorId: o.indicatorId,
          actorRole: role,
          level: (s + i + r) % 6 === 0 ? null : ((s * 7 + i * 3 + r) % 4) + 1,
        })),
      ),
    }));
    const map = cohortHeatMap({ locale: 'en', students, outline, scale });
    expect(map.rows).toHaveLength(30);
    expect(map.scale).toEqual(scaleSteps(scale, 'en'));
    const png = renderHeatMapPng(map, 'en');
    const size = pngSize(png);
    expect(size.width).toBeLessThanOrEqual(1024);
    expect(size.height).toBeLessThanOrEqual(1024);
    mkdirSync(artefacts, { recursive: true });
    writeFileSync(path.join(artefacts, 'chart-cohort-30.png'), png);
  });

  it('serves GET /charts/<token>.png and answers 404 for unknown, malformed and expired tokens', async () => {
    const amira = await rateAmira(db);
    let now = NOW;
    const http = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      routes: () => chartRoutes(db, silentLogger, () => now),
      logger: silentLogger,
      metrics: createMetrics(),
    });
    try {
      const url = await createChartLink(
        db,
        `http://127.0.0.1:${http.port}`,
        { kind: 'student', subjectId: amira, viewerId: amira, locale: 'nl-BE' },
        NOW,
      );
      const ok = await fetch(url);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await ok.arrayBuffer()).subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect((await fetch(`http://127.0.0.1:${http.port}/charts/${'A'.repeat(32)}.png`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${http.port}/charts/../../etc/passwd`)).status).toBe(404);
      now = new Date(NOW.getTime() + 15 * 86_400_000);
      expect((await fetch(url)).status).toBe(404);
    } finally {
      await http.stop();
    }
  });

  it('closes a staff member’s chart link when the assignment has ended', async () => {
    const amira = await rateAmira(db);
    const jan = await personId(db, 'jan');
    const url = await createChartLink(
      db,
      'http://x',
      { kind: 'student', subjectId: amira, viewerId: jan, locale: 'nl-BE' },
      NOW,
    );
    const token = /charts\/([\w-]+)\.png$/.exec(url)![1]!;
    expect(await chartForToken(db, token, NOW)).toBeDefined();
    await db.query(`UPDATE assignments SET ends_on = '2026-11-01' WHERE staff_id = $1 AND student_id = $2`, [
      jan,
      amira,
    ]);
    expect(await chartForToken(db, token, NOW)).toBeUndefined();
  });
});

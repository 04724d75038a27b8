// Chart links and the charts behind them. A link carries a random token (only its hash is stored) that expires;
// the chart is drawn when it is fetched, from what the viewer may see at that moment (an ended assignment closes it).
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/db.js';
import { findChartToken, insertChartToken } from '../../db/queries/chart-tokens.js';
import { coachStudents, latestPerspectivesOf, scaleWithColours } from '../../db/queries/digest.js';
import { staffRolesFor } from '../../db/queries/feedback.js';
import { findPersonById } from '../../db/queries/people.js';
import { frameworkOutline, latestPerspectives } from '../../db/queries/progress.js';
import { frameworkIdForPerson } from '../../db/queries/student-context.js';
import { cohortHeatMap, type HeatMap, studentHeatMap } from './chart-data.js';
import { renderHeatMapPng } from './chart-render.js';
import { insertAuditEntries } from '../../db/queries/audit.js';
import { staffLabel } from '../privacy/audit.js';

/** Long enough for a weekly digest to stay readable until the next one and a bit. */
export const CHART_TTL_MS = 14 * 86_400_000;
export const CHART_PATH = '/charts/';
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface ChartRequest {
  kind: 'student' | 'cohort';
  subjectId: number;
  viewerId: number;
  locale: string;
}

/** A new chart link and the write that stores its token (for a turn, whose writes commit together). */
export function newChartLink(
  baseUrl: string,
  chart: ChartRequest,
  now: Date,
): { url: string; write: (db: Queryable) => Promise<void> } {
  const token = randomBytes(24).toString('base64url');
  return {
    url: `${baseUrl.replace(/\/+$/, '')}${CHART_PATH}${token}.png`,
    write: (db) =>
      insertChartToken(db, {
        hash: hashToken(token),
        kind: chart.kind,
        subjectId: chart.subjectId,
        viewerId: chart.viewerId,
        locale: chart.locale,
        expiresAt: new Date(now.getTime() + CHART_TTL_MS),
      }),
  };
}

/** Stores a new token and returns the chart's URL under `baseUrl` (PUBLIC_URL). */
export async function createChartLink(db: Queryable, baseUrl: string, chart: ChartRequest, now: Date): Promise<string> {
  const link = newChartLink(baseUrl, chart, now);
  await link.write(db);
  return link.url;
}

const dayOf = (now: Date) => now.toISOString().slice(0, 10);

export interface ChartView {
  map: HeatMap;
  locale: string;
  kind: 'student' | 'cohort';
  viewerId: number;
  /** The role the viewer sees the chart in ('student' for their own). */
  viewerLabel: string;
  /** The students whose data the chart shows to someone else (none for one's own chart). */
  shows: number[];
}

/** The chart data a token opens, or undefined (unknown, expired, malformed, or no longer allowed). */
export async function chartForToken(db: Queryable, token: string, now: Date): Promise<ChartView | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const row = await findChartToken(db, hashToken(token), now);
  if (!row) return undefined;
  if (row.kind === 'student') {
    const own = row.viewerId === row.subjectId;
    const roles = own ? [] : await staffRolesFor(db, row.viewerId, row.subjectId, dayOf(now));
    if (!own && roles.length === 0) return undefined;
    const student = await findPersonById(db, row.subjectId);
    const frameworkId = await frameworkIdForPerson(db, row.subjectId);
    if (!student || frameworkId === null) return undefined;
    const [outline, ratings, scale] = await Promise.all([
      frameworkOutline(db, frameworkId),
      latestPerspectives(db, row.subjectId, own),
      scaleWithColours(db, frameworkId),
    ]);
    return {
      map: studentHeatMap({ locale: row.locale, studentName: student.name, outline, ratings, scale }),
      locale: row.locale,
      kind: 'student',
      viewerId: row.viewerId,
      viewerLabel: own ? 'student' : staffLabel(roles),
      shows: own ? [] : [row.subjectId],
    };
  }
  const students = await coachStudents(db, row.subjectId, dayOf(now));
  if (row.viewerId !== row.subjectId || students.length === 0) return undefined;
  const frameworkId = mostCommon(students.map((s) => s.frameworkId).filter((id): id is number => id !== null));
  if (frameworkId === undefined) return undefined;
  const [outline, perspectives, scale] = await Promise.all([
    frameworkOutline(db, frameworkId),
    latestPerspectivesOf(
      db,
      students.map((s) => s.id),
      now,
    ),
    scaleWithColours(db, frameworkId),
  ]);
  const map = cohortHeatMap({
    locale: row.locale,
    students: students.map((s) => ({ name: s.name, ratings: perspectives.filter((p) => p.studentId === s.id) })),
    outline,
    scale,
  });
  return {
    map,
    locale: row.locale,
    kind: 'cohort',
    viewerId: row.viewerId,
    viewerLabel: 'coach',
    shows: students.map((s) => s.id),
  };
}

/** The chart's image; opening someone else's chart is written to the audit log (one entry per student shown). */
export async function chartPngForToken(db: Queryable, token: string, now: Date): Promise<Buffer | undefined> {
  const chart = await chartForToken(db, token, now);
  if (!chart) return undefined;
  const png = renderHeatMapPng(chart.map, chart.locale);
  await insertAuditEntries(
    db,
    chart.shows.map((subjectId) => ({
      actorId: chart.viewerId,
      actorLabel: chart.viewerLabel,
      action: 'chart.view',
      subjectId,
      details: { channel: 'link', chart: chart.kind },
    })),
  );
  return png;
}

function mostCommon(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

// End to end in headless Chromium: the coach's weekly digest reaches the playground through the outbox as the same
// Adaptive Card Teams gets, with the cohort chart loaded from /charts/…; "Open student" shows the progress view
// with the student's chart. Leaves test-artifacts/digest-playground.png and progress-playground.png to look at.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningLeerkans, startLeerkans } from '../../app/main.js';
import { loadConfig } from '../../bot/config/env.js';
import { planDigestsNow } from '../../bot/digest/now.js';
import { templateNarrator } from '../../bot/llm/narrative.js';
import { silentLogger } from '../../bot/log/logger.js';
import { launchChromium } from './browser.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

describe('the coach’s digest in the playground (headless Chromium)', () => {
  let running: RunningLeerkans | undefined;
  let browser: Browser | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'leerkans-digest-playground-'));

  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', LEERKANS_DATA_DIR: dataDir, LEERKANS_DEMO: 'on', LOG_LEVEL: 'silent' });
    running = await startLeerkans(config, silentLogger);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the digest card with its chart, and opens a student’s progress with theirs', async () => {
    const db = running!.db;
    // A few weeks of ratings and an old unanswered request, so the digest has something to say.
    await db.query(
      `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, level, observed_on)
       SELECT i.id, p.id, p.id, 'student', 'workplace', 1 + ((i.id + p.id) % 4), CURRENT_DATE - 3
         FROM indicators i CROSS JOIN people p WHERE 'student' = ANY (p.roles) AND (i.id + p.id) % 3 = 0`,
    );
    await db.query(
      `INSERT INTO assessments (indicator_id, assessed_id, actor_id, actor_role, environment, level, observed_on)
       SELECT i.id, a.student_id, a.staff_id, 'mentor', 'workplace', 1 + ((i.id * 3 + a.student_id) % 4), CURRENT_DATE - 2
         FROM indicators i JOIN assignments a ON a.role = 'mentor' WHERE (i.id + a.student_id) % 2 = 0`,
    );
    await db.query(
      `INSERT INTO feedback_requests (student_id, requested_of, role, created_at)
       SELECT a.student_id, a.staff_id, 'mentor', now() - interval '9 days' FROM assignments a
         JOIN people p ON p.id = a.student_id WHERE a.role = 'mentor' AND p.name = 'Tom Vermeulen' LIMIT 1`,
    );
    const result = await planDigestsNow(db, { narrator: templateNarrator, chartBaseUrl: running!.url });
    expect(result.planned).toEqual([{ coach: 'sofie.declercq@hogeschool.example.be', students: 4 }]);

    const page = await browser!.newPage({ viewport: { width: 1100, height: 1000 }, locale: 'nl-BE' });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${running!.url}/`);
    const picker = page.getByLabel('Chat als');
    const sofie = (await picker.locator('option', { hasText: 'Sofie De Clercq' }).textContent())!;
    await picker.selectOption({ label: sofie.trim() });
    await page.getByRole('status').getByText('Live').waitFor();

    const card = page.locator('#log li.msg.bot .card').last();
    await card.getByText(/^Weekoverzicht/).waitFor({ timeout: 30_000 });
    await card.getByText('Aandacht nodig', { exact: false }).waitFor();
    await card.getByText(/Tom Vermeulen: feedbackvraag aan .* al 9 dagen onbeantwoord/).waitFor();
    const chart = card.locator('img[src*="/charts/"]');
    await chart.waitFor();
    await expect
      .poll(() => chart.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth))
      .toBe(800);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'digest-playground.png'), fullPage: true });

    // "Open student": the full progress view, with the student's own chart.
    await card.locator('select').selectOption({ label: 'Amira El Idrissi' });
    const before = await page.locator('#log li.msg.bot').count();
    await card.getByRole('button', { name: 'Open student' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('#log li.msg.bot').length > n, before, {
      timeout: 15_000,
    });
    const progress = page.locator('#log li.msg.bot .card').last();
    await progress.getByText('Voortgang van Amira El Idrissi').waitFor();
    await progress.getByText(/van de 15 indicatoren hebben nog geen niveau/).waitFor();
    const studentChart = progress.locator('img[src*="/charts/"]');
    await expect
      .poll(() =>
        studentChart.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth),
      )
      .toBe(800);
    await progress.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'progress-playground.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 120_000);
});

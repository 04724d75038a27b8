// End to end: the real app (startLeerkans on PGlite with the demo roster) and the playground in headless
// Chromium. Pick the demo student, reflect on a shift, confirm an indicator on the card, finish, and see the
// summary. Leaves test-artifacts/playground.png, self-assessment-card.png, mentor-card.png and feedback-card.png
// behind for a human to look at.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningLeerkans, startLeerkans } from '../../app/main.js';
import { loadConfig } from '../../bot/config/env.js';
import { silentLogger } from '../../bot/log/logger.js';
import { launchChromium } from './browser.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const AMIRA = 'amira.elidrissi@student.example.be';

describe('playground end to end (headless Chromium)', () => {
  let running: RunningLeerkans | undefined;
  let browser: Browser | undefined;
  let base = '';

  const dataDir = mkdtempSync(join(tmpdir(), 'leerkans-playground-'));

  beforeAll(async () => {
    // Not a skip: CI must run this. .ci/run installs the package when it is missing.
    const config = loadConfig({ PORT: '0', LEERKANS_DATA_DIR: dataDir, LEERKANS_DEMO: 'on', LOG_LEVEL: 'silent' });
    running = await startLeerkans(config, silentLogger);
    base = running.url;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the demo student completes a reflection, confirms an indicator and sees the summary', async () => {
    const page = await browser!.newPage({ viewport: { width: 1100, height: 900 }, locale: 'nl-BE' });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
    });

    await page.goto(`${base}/`);
    await expect(page.title()).resolves.toMatch(/Leerkans/);
    await page.getByRole('note').getByText('dezelfde Adaptive Card JSON die Teams krijgt').waitFor();

    // The picker lists the roster with roles; the demo student is one pick away.
    const picker = page.getByLabel('Chat als');
    await expect(picker.locator('option', { hasText: 'Amira El Idrissi — student' }).count()).resolves.toBe(1);
    await picker.selectOption({ label: 'Amira El Idrissi — student' });
    await page.getByRole('status').getByText('Live').waitFor();

    const chat = new Chat(page);
    // 1. Start; the first question (where it happened) comes as a card with buttons.
    const opening = await chat.say('reflectie');
    expect(opening.join('\n')).toMatch(/STARR/);
    await chat.click('Werkplek');

    // 2. Answer the STARR questions one at a time, as a student would after a shift.
    const answers: [RegExp, string][] = [
      [
        /Situatie/,
        'Gisteren had ik op de sociale dienst van het OCMW een intakegesprek met een cliënt die een leefloon aanvroeg. Mijn mentor Jan zat erbij.',
      ],
      [/Taak/, 'Ik moest het gesprek zelf leiden en samen met de cliënt de hulpvraag helder krijgen.'],
      [
        /Actie/,
        'Ik luisterde actief: ik vatte samen wat de cliënt vertelde, vroeg door over de woonsituatie en checkte of ik het goed begrepen had.',
      ],
      [
        /Resultaat/,
        'De cliënt voelde zich gehoord en de hulpvraag werd duidelijk. Mijn mentor zei dat mijn samenvattingen het gesprek rustig hielden.',
      ],
      [
        /Reflectie/,
        'Ik leerde dat samenvatten en doorvragen rust brengen. Volgende keer leg ik aan het begin mijn rol en het doel van het gesprek duidelijker uit.',
      ],
    ];
    let asked = (await chat.lastBotText()) ?? '';
    for (const [question, answer] of answers) {
      expect(asked).toMatch(question);
      asked = (await chat.say(answer)).join('\n');
    }

    // 3. The suggested indicators arrive on a card: keep active listening and mapping the request, confirm.
    const indicators = chat.lastCard();
    await indicators.getByText('Voorgestelde indicatoren').waitFor();
    const listening = indicators.getByRole('checkbox', { name: /SW1\.3/ });
    const mapping = indicators.getByRole('checkbox', { name: /SW2\.1/ });
    // The suggestions come preselected; the student keeps these two and unticks the rest.
    expect(await listening.isChecked()).toBe(true);
    const preselected = await indicators
      .getByRole('checkbox', { checked: true })
      .evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label') ?? ''));
    for (const name of preselected.filter((n) => !/SW1\.3|SW2\.1/.test(n))) {
      await indicators.getByRole('checkbox', { name, exact: true }).uncheck();
    }
    await listening.check();
    await mapping.check();
    await chat.click('Bevestigen');

    // 4. One self-assessment card for both, with what each level means; then who may read it; then feedback.
    const assess = chat.lastCard();
    await assess.getByText(/Hoe schat je jezelf in op deze indicatoren/).waitFor();
    await assess.getByText('Doet het zelfstandig en correct in gewone situaties.').waitFor();
    await assess.getByRole('radio', { name: 'Bekwaam' }).first().check();
    await assess.getByRole('radio', { name: 'In ontwikkeling' }).nth(1).check();
    mkdirSync(ARTIFACTS, { recursive: true });
    await assess.screenshot({ path: join(ARTIFACTS, 'self-assessment-card.png') });
    await chat.click('Opslaan');
    await chat.lastCard().getByText('Wie mag de tekst van deze reflectie lezen?').waitFor();
    await chat.click('Coach en mentor(en) (Sofie De Clercq en Jan Peeters)');
    await chat
      .lastCard()
      .getByText(/Wil je feedback vragen aan/)
      .waitFor();
    await chat.click('Ja, vraag feedback');

    // 5. The summary: saved, with the confirmed indicator, the self-assessment and the feedback request.
    const summary = chat.lastCard();
    await summary.getByText('Bewaard! Dit is je reflectie in het kort:').waitFor();
    const shown = (await summary.textContent()) ?? '';
    expect(shown).toMatch(/SW1\.3/);
    expect(shown).toMatch(/Bekwaam/);
    expect(shown).toMatch(/Werkplek/);
    expect(shown).toMatch(/Coach en mentor\(en\)/);
    expect(shown).toMatch(/Jan Peeters/);
    expect(shown).not.toMatch(/SW1\.1\b/);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png'), fullPage: true });

    // A reload comes back as the same person with the conversation replayed from the stream, summary included.
    expect(new URL(page.url()).hash).toBe(`#as=${encodeURIComponent(AMIRA)}`);
    const messages = await page.getByRole('log').locator('li.msg').count();
    await page.reload();
    await page.getByRole('status').getByText('Live').waitFor();
    await chat.lastCard().getByText('Bewaard! Dit is je reflectie in het kort:').waitFor();
    expect(await page.getByRole('log').locator('li.msg').count()).toBe(messages);

    // After "taal en" the suggestion chips are English too.
    await chat.say('taal en');
    await page
      .locator('#chips')
      .getByRole('button', { name: /my feedback/ })
      .waitFor();
    expect(
      await page
        .locator('#chips')
        .getByRole('button', { name: /mijn feedback/ })
        .count(),
    ).toBe(0);
    await chat.say('taal nl');
    expect(problems).toEqual([]);
  });

  it('the mentor gets the feedback card, fills it in and submits it; the student is told', async () => {
    const page = await browser!.newPage({ viewport: { width: 1100, height: 900 }, locale: 'nl-BE' });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${base}/`);
    await page.getByLabel('Chat als').selectOption({ label: 'Jan Peeters — mentor' });
    await page.getByRole('status').getByText('Live').waitFor();
    const chat = new Chat(page);

    // The request Amira made in the previous test reaches Jan through the outbox as an Adaptive Card.
    const card = chat.lastCard();
    await card
      .getByText('Amira El Idrissi vraagt je feedback over een leerkans', { exact: false })
      .waitFor({ timeout: 20_000 });
    await card.getByText('SW1.3', { exact: false }).first().waitFor();
    // Both focus indicators on one card, each with its own level and nothing pre-selected.
    await card.getByText('SW2.1', { exact: false }).first().waitFor();
    expect(await card.getByRole('radio', { checked: true }).count()).toBe(0);
    await card.getByLabel('Welke taak zag je?').fill('Intakegesprek op de sociale dienst');
    await card.getByRole('radio', { name: 'In ontwikkeling' }).first().check();
    await card.getByRole('radio', { name: 'Bekwaam' }).nth(1).check();
    await card.getByLabel('Wat ging goed?').fill('Je vatte rustig samen wat de cliënt vertelde.');
    await card.getByLabel('Volgende stap').fill('Leg bij de start je rol en het doel van het gesprek uit.');
    mkdirSync(ARTIFACTS, { recursive: true });
    await card.screenshot({ path: join(ARTIFACTS, 'mentor-card.png') });
    await chat.click('Feedback versturen');

    // The card is replaced in place by its read-only version.
    const thanks = chat.lastCard();
    await thanks.getByText('Bedankt voor je feedback!').waitFor();
    const shown = (await thanks.textContent()) ?? '';
    expect(shown).toMatch(/In ontwikkeling/);
    expect(shown).toMatch(/Leg bij de start je rol/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'feedback-card.png'), fullPage: true });

    // Amira hears about it in her own chat.
    await page.getByLabel('Chat als').selectOption({ label: 'Amira El Idrissi — student' });
    await page
      .getByRole('log')
      .getByText('Jan Peeters gaf je feedback over', { exact: false })
      .waitFor({ timeout: 20_000 });
    expect(problems).toEqual([]);
  });
});

/** The chat pane as a person uses it: type and send, click a card's button, read what the bot said. */
class Chat {
  constructor(private readonly page: Page) {}

  private botMessages() {
    return this.page.getByRole('log').locator('li.msg.bot');
  }

  /** Waits until the number of bot messages has stopped changing for a moment (the core answers in one go). */
  private async settle(before: number): Promise<void> {
    await this.page.waitForFunction((n) => document.querySelectorAll('#log li.msg.bot').length > n, before, {
      timeout: 15_000,
    });
    let last = -1;
    for (;;) {
      const count = await this.botMessages().count();
      if (count === last) return;
      last = count;
      await this.page.waitForTimeout(300);
    }
  }

  /** Sends a message and returns the texts of the bot's answers to it. */
  async say(text: string): Promise<string[]> {
    const before = await this.botMessages().count();
    await this.page.locator('#text').fill(text);
    await this.page.locator('#text').press('Enter');
    await this.settle(before);
    const all = await this.botMessages().allTextContents();
    return all.slice(before);
  }

  /** Clicks a button on the most recent card and waits for the action to be answered. */
  async click(label: string): Promise<void> {
    const card = this.lastCard();
    await card.getByRole('button', { name: label }).click();
    // The card is inert while its action is in flight; afterwards it gets a "sent" note or is replaced in place.
    await this.page.waitForFunction(() => document.querySelector('#log .card.busy') === null, undefined, {
      timeout: 15_000,
    });
    await this.page.waitForTimeout(400);
  }

  async lastBotText(): Promise<string | null> {
    return this.botMessages().last().textContent();
  }

  lastCard() {
    return this.page.locator('#log li.msg.bot .card').last();
  }
}

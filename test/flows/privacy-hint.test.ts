// Students are told once to prefer initials for the clients they write about: with the AI notice when an LLM
// helps, otherwise in the first message of their first reflection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config/env.js';
import { t } from '../../bot/i18n/index.js';
import type { LlmAssistant } from '../../bot/llm/client.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { DEMO, makeBot, personId, say, textOf } from '../support/harness.js';

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe.each(databases)('the initials hint on $name', ({ create }) => {
  let db: Db;
  beforeEach(async () => {
    db = await create(DEMO);
  });
  afterEach(async () => {
    await db.close();
  });

  it('opens the first reflection only, without an LLM', async () => {
    const bot = makeBot(db);
    const first = textOf(await say(bot, 'tom', 'reflectie'));
    expect(first).toContain(t('nl', 'privacy.initialsHint'));
    expect(first).not.toContain(t('nl', 'reflection.aiNotice'));
    expect(textOf(await say(bot, 'lucas', 'reflect'))).toContain(t('en', 'privacy.initialsHint'));

    await say(bot, 'tom', 'stop');
    await db.query(`INSERT INTO reflections (person_id, model, body) VALUES ($1, 'starr', 'Een eerdere reflectie.')`, [
      await personId(db, 'tom'),
    ]);
    expect(textOf(await say(bot, 'tom', 'reflectie'))).not.toContain(t('nl', 'privacy.initialsHint'));
  });

  it('is part of the AI notice, once, when an LLM helps', async () => {
    const ai: LlmAssistant = { usesAi: true, followUpQuestion: async () => null, suggestIndicators: async () => [] };
    const bot = makeBot(db, { assistant: ai });
    const first = textOf(await say(bot, 'tom', 'reflectie'));
    expect(first).toContain(`${t('nl', 'reflection.aiNotice')} ${t('nl', 'privacy.initialsHint')}`);
    expect(occurrences(first, t('nl', 'privacy.initialsHint'))).toBe(1);
  });
});

describe('LEERKANS_LLM', () => {
  it('defaults to full and accepts off and suggest-only', () => {
    expect(loadConfig({}).LEERKANS_LLM).toBe('full');
    expect(loadConfig({ LEERKANS_LLM: 'off' }).LEERKANS_LLM).toBe('off');
    expect(loadConfig({ LEERKANS_LLM: 'suggest-only' }).LEERKANS_LLM).toBe('suggest-only');
  });

  it('refuses anything else with one line naming the variable', () => {
    expect(() => loadConfig({ LEERKANS_LLM: 'none' })).toThrow(ConfigError);
    expect(() => loadConfig({ LEERKANS_LLM: 'none' })).toThrow(
      'Invalid LEERKANS_LLM: expected one of off, suggest-only, full (got "none")',
    );
  });
});

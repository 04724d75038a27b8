// Students are told once to prefer initials for the clients they write about: with the AI notice when an LLM
// helps, otherwise in the first message of their first reflection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config/env.js';
import { t } from '../../bot/i18n/index.js';
import { createAssistant, type LlmAssistant } from '../../bot/llm/client.js';
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

  it('says what the model does in the mode in force: phrasing questions only in full', async () => {
    // No request is made here: the notice comes with the first question, before any text is sent.
    const llm = { apiKey: 'test-key', baseURL: 'http://127.0.0.1:9/v1' };
    const suggestOnly = makeBot(db, { assistant: createAssistant({ ...llm, mode: 'suggest-only' }) });
    const tom = textOf(await say(suggestOnly, 'tom', 'reflectie'));
    expect(tom).toContain(`${t('nl', 'reflection.aiNoticeSuggestOnly')} ${t('nl', 'privacy.initialsHint')}`);
    expect(tom).not.toContain(t('nl', 'reflection.aiNotice'));
    expect(tom).not.toContain('vragen te formuleren');
    expect(textOf(await say(suggestOnly, 'lucas', 'reflect'))).toContain(t('en', 'reflection.aiNoticeSuggestOnly'));
    expect(t('en', 'reflection.aiNoticeSuggestOnly')).not.toMatch(/phrase questions/);

    const full = makeBot(db, { assistant: createAssistant({ ...llm, mode: 'full' }) });
    const amira = textOf(await say(full, 'amira', 'reflectie'));
    expect(amira).toContain(t('nl', 'reflection.aiNotice'));
    expect(amira).toContain('vragen te formuleren');
    expect(amira).not.toContain(t('nl', 'reflection.aiNoticeSuggestOnly'));
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

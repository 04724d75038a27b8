// The LLM path measured like the matcher: the bot's OpenAiAssistant against the fake OpenAI server, with scripted
// answers, merged with the matcher; and `leerkans eval tagging` on a school's file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evalTaggingCommand } from '../../app/cli/eval-tagging.js';
import { loadConfig } from '../../bot/config/env.js';
import type { LlmAssistant } from '../../bot/llm/client.js';
import { suggestIndicatorsLexically } from '../../bot/llm/lexical-matcher.js';
import { mergeSuggestions } from '../../bot/llm/merge-suggestions.js';
import { parseLabelledReflections, splitLabelledReflections } from '../../bot/llm/tagging/dataset.js';
import { evaluateTagging } from '../../bot/llm/tagging/metrics.js';
import { type RecordedRequest, startFakeOpenAi } from '../fakes/openai-server.js';
import { promptHash, recordLlmAnswers, replayLlmPath, runLlmPath } from '../support/tagging-llm.js';
import { demoIndicators } from './framework.js';

const indicators = demoIndicators();
const codes = indicators.map((i) => i.code);
const fixture = fileURLToPath(new URL('../fixtures/tagging-social-work.jsonl', import.meta.url));
const frameworkFile = fileURLToPath(new URL('../../db/demo/framework-social-work.yaml', import.meta.url));
const items = parseLabelledReflections('set.jsonl', readFileSync(fixture, 'utf8'), { knownCodes: codes });
const sample = splitLabelledReflections(items).dev.slice(0, 24);

/** A scripted model that knows the gold answer of the reflection in the prompt. */
const oracle = (request: RecordedRequest) => {
  const user = request.body.messages?.find((m) => m.role === 'user')?.content ?? '';
  const item = sample.find((i) => user.includes(i.text));
  return { suggestions: (item?.indicators ?? []).map((code) => ({ code, relevance: 0.9 })) };
};

describe('the LLM path against a scripted fake', () => {
  it('keeps a right LLM right after merging: its proposals are ticked, the matcher only adds unticked ones', async () => {
    const figures = evaluateTagging(sample, await runLlmPath(sample, indicators, oracle), codes);
    expect(figures.macroF1).toBe(1);
    expect(figures.top3Recall).toBe(1);
    expect(figures.noneCorrect ?? 1).toBe(1);
  });

  it('lets the LLM say that nothing fits', async () => {
    const proposals = await runLlmPath(sample, indicators, () => ({ suggestions: [] }));
    expect(proposals.every((p) => p.length === 0)).toBe(true);
  });

  it('falls back to exactly the matcher when every call fails', async () => {
    const proposals = await runLlmPath(sample, indicators, () => null);
    const matcher = sample.map((i) =>
      suggestIndicatorsLexically(i.text, indicators, i.language).map((s) => ({
        code: s.code,
        ticked: s.confident !== false,
      })),
    );
    expect(proposals).toEqual(matcher);
  });

  it('records each prompt once from an endpoint and replays the answers to the same proposals', async () => {
    const endpoint = await startFakeOpenAi();
    endpoint.respondWith((request) => ({ kind: 'json', json: oracle(request) }));
    try {
      const recordings = await recordLlmAnswers(sample, indicators, async (body) => {
        const response = await fetch(`${endpoint.baseURL}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
          body: JSON.stringify(body),
        });
        const completion = (await response.json()) as { choices: { message: { content: string } }[] };
        return JSON.parse(completion.choices[0]!.message.content) as unknown;
      });
      expect(endpoint.requests).toHaveLength(sample.length);
      expect(recordings.map((r) => r.id)).toEqual(sample.map((i) => i.id));
      const replayed = await replayLlmPath(sample, indicators, recordings);
      expect(replayed.missing).toBe(0);
      expect(replayed.proposals).toEqual(await runLlmPath(sample, indicators, oracle));

      // A changed indicator text changes the prompt: every recording is stale and the matcher answers instead.
      const changed = indicators.map((i, n) =>
        n === 0 ? { ...i, labelNl: `${i.labelNl}.`, labelEn: `${i.labelEn}.` } : i,
      );
      const stale = await replayLlmPath(sample, changed, recordings);
      expect(stale.missing).toBe(sample.length);
      expect(stale.proposals).toEqual(
        sample.map((i) =>
          suggestIndicatorsLexically(i.text, changed, i.language).map((s) => ({
            code: s.code,
            ticked: s.confident !== false,
          })),
        ),
      );
    } finally {
      await endpoint.close();
    }
  });

  it('sends no roster name in the prompt it records', async () => {
    const item = {
      id: 'n1',
      language: 'nl' as const,
      text: 'Samen met Jasper Vermeulen een netwerkkaart gemaakt: zijn zus Lotte helpt hem veel.',
      indicators: ['SW2.1'],
    };
    const sent: RecordedRequest[] = [];
    await runLlmPath(
      [item],
      indicators,
      (request) => {
        sent.push(request);
        return { suggestions: [{ code: 'SW2.1', relevance: 0.9 }] };
      },
      ['Jasper Vermeulen', 'Lotte Vermeulen'],
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]!.raw).toContain('netwerkkaart');
    for (const name of ['Jasper', 'Vermeulen', 'Lotte']) expect(sent[0]!.raw).not.toContain(name);
  });

  it('looks recordings up by the exact prompt: the same reflection gives the same hash, another one not', async () => {
    const hashes: string[] = [];
    await runLlmPath([sample[0]!, sample[0]!, sample[1]!], indicators, (request) => {
      hashes.push(promptHash(request));
      return null;
    });
    expect(hashes[0]).toBe(hashes[1]);
    expect(hashes[2]).not.toBe(hashes[0]);
  });
});

describe('leerkans eval tagging', () => {
  const n = items.length;
  const config = loadConfig({ ...process.env, OPENAI_API_KEY: '' });

  it('prints the matcher figures for a school file against a framework file, without a database', async () => {
    const lines: string[] = [];
    await evalTaggingCommand({ file: fixture, framework: frameworkFile }, (t) => lines.push(t), config);
    const text = lines.join('\n');
    expect(text).toMatch(new RegExp(`^${n} labelled reflections, 15 indicators \\(15 with look-fors`));
    expect(text).toMatch(
      new RegExp(`Deterministic matcher: ${n} reflections — macro-F1 0\\.\\d\\d, micro-F1 0\\.\\d\\d`),
    );
    expect(text).toMatch(/top-3 recall 0\.\d\d/);
    expect(text).toMatch(new RegExp(`SW6\\.3 +${items.filter((i) => i.indicators.includes('SW6.3')).length} `));
    expect(text).toMatch(/LLM path: not measured/);
  });

  it('measures the LLM path too when one is configured', async () => {
    const fake: LlmAssistant = {
      usesAi: true,
      followUpQuestion: async () => null,
      suggestIndicators: async ({ reflection }) => {
        const gold = items.find((i) => i.text === reflection)?.indicators ?? [];
        return gold.map((code) => ({ indicatorId: 0, code, score: 1, confident: true }));
      },
    };
    const lines: string[] = [];
    await evalTaggingCommand({ file: fixture, framework: frameworkFile }, (t) => lines.push(t), config, {
      assistant: fake,
    });
    expect(lines.join('\n')).toMatch(
      new RegExp(`LLM path \\(merged with the matcher, as in the bot\\): ${n} reflections — macro-F1 1\\.00`),
    );
  });

  it('measures the LLM path through the configured endpoint, one request per reflection, with its model and key', async () => {
    const endpoint = await startFakeOpenAi();
    endpoint.respondWith((request) => {
      const user = request.body.messages?.find((m) => m.role === 'user')?.content ?? '';
      const item = items.find((i) => user.includes(i.text));
      return {
        kind: 'json',
        json: { suggestions: (item?.indicators ?? []).map((code) => ({ code, relevance: 0.9 })) },
      };
    });
    try {
      const small = fileURLToPath(new URL('../fixtures/tagging-social-work.jsonl', import.meta.url));
      const lines: string[] = [];
      const configured = loadConfig({
        ...process.env,
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: endpoint.baseURL,
        OPENAI_MODEL: 'recorded',
      });
      await evalTaggingCommand(
        { file: small, framework: frameworkFile },
        (t) => lines.push(t),
        configured,
        // Only the first reflections: the point is the path, not the figures.
        {
          read: async (f) => {
            const text = readFileSync(f, 'utf8');
            return f.endsWith('.jsonl') ? text.split('\n').slice(0, 12).join('\n') : text;
          },
        },
      );
      expect(endpoint.requests).toHaveLength(12);
      expect(lines.join('\n')).toMatch(
        /LLM path \(merged with the matcher, as in the bot\): 12 reflections — macro-F1 1\.00/,
      );
      for (const r of endpoint.requests) {
        expect(r.body.model).toBe('recorded');
        expect(r.headers.authorization).toBe('Bearer test-key');
      }
    } finally {
      await endpoint.close();
    }
  });

  it('uses the framework in the database when no framework file is given', async () => {
    const lines: string[] = [];
    await evalTaggingCommand({ file: fixture, code: 'X' }, (t) => lines.push(t), config, {
      databaseIndicators: async (code) => {
        expect(code).toBe('X');
        return indicators;
      },
    });
    expect(lines.join('\n')).toMatch(new RegExp(`Deterministic matcher: ${n} reflections`));
  });

  it('refuses a file with codes the framework does not know, naming the line', async () => {
    const bad = fileURLToPath(new URL('../fixtures/tagging-unknown-code.jsonl', import.meta.url));
    await expect(evalTaggingCommand({ file: bad, framework: frameworkFile }, () => {}, config)).rejects.toThrow(
      /tagging-unknown-code\.jsonl:2: indicators: unknown indicator "SW7\.1"/,
    );
  });
});

describe('mergeSuggestions', () => {
  const s = (code: string, score: number, confident?: boolean) => ({ indicatorId: 0, code, score, confident });

  it('ticks a weak LLM proposal the matcher agrees with, and leaves a weak lone one unticked', () => {
    const merged = mergeSuggestions([s('A', 0.4), s('B', 0.3)], [s('A', 6, true)], 3);
    expect(merged).toEqual([s('A', 0.6, true), s('B', 0.3, false)]);
  });

  it('adds only confident matcher proposals, after the LLM ones, and keeps at most max', () => {
    const merged = mergeSuggestions([s('A', 0.9)], [s('B', 8, true), s('C', 4, false)], 3);
    expect(merged.map((m) => [m.code, m.confident])).toEqual([
      ['A', true],
      ['B', false],
    ]);
    expect(mergeSuggestions([s('A', 0.9), s('B', 0.8)], [s('C', 8, true)], 2).map((m) => m.code)).toEqual(['A', 'B']);
  });
});

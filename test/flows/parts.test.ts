// Pure parts of the reflection flow: model switches, "back", long messages, difficulty words.
import { describe, expect, it } from 'vitest';
import { reportsDifficulty } from '../../bot/flows/reflection/difficulty.js';
import { splitIntoStarr } from '../../bot/flows/reflection/long-message.js';
import { composeBody, switchModel } from '../../bot/flows/reflection/parts.js';
import { newReflectionState } from '../../bot/flows/reflection/state.js';
import { currentStep, goBack, stepName } from '../../bot/flows/reflection/steps.js';
import { numberList } from '../../bot/flows/reflection/words.js';
import { QUESTION_SETS, REFLECTION_MODELS, type ReflectionModel } from '../../prompts/reflection/index.js';

describe('question sets', () => {
  it('have nl and en for every text, and unique part keys', () => {
    const keys = REFLECTION_MODELS.flatMap((m) => QUESTION_SETS[m].parts.map((p) => p.key));
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of REFLECTION_MODELS) {
      const set = QUESTION_SETS[m];
      for (const text of [set.name, set.intro, ...set.parts.flatMap((p) => [p.label, p.question])]) {
        expect(text.nl.trim()).not.toBe('');
        expect(text.en.trim()).not.toBe('');
      }
    }
  });

  // Switches the flow offers: STARR → Korthagen ("dieper"), STARR/Korthagen → Gibbs (difficult event).
  it.each([
    ['starr', 'korthagen'],
    ['starr', 'gibbs'],
    ['korthagen', 'gibbs'],
  ] as [ReflectionModel, ReflectionModel][])('carries every %s answer over into %s', (from, to) => {
    const state = newReflectionState({ environment: 'workplace' });
    const answers = Object.fromEntries(QUESTION_SETS[from].parts.map((p) => [p.key, `answer-${p.key}`]));
    const switched = switchModel({ ...state, model: from, answers }, to);
    const carried = Object.values(switched.answers).join('\n');
    for (const value of Object.values(answers)) expect(carried).toContain(value);
    expect(switched.model).toBe(to);
    // "back" undoes the switch.
    expect(goBack(switched)).toMatchObject({ model: from, answers });
  });
});

describe('steps', () => {
  it('follows from the state and goes back one answered step at a time', () => {
    let state = newReflectionState({});
    expect(stepName(currentStep(state))).toBe('environment');
    expect(goBack(state)).toBeNull();
    state = { ...state, environment: 'campus', history: [{ step: 'environment', parts: [] }] };
    expect(stepName(currentStep(state))).toBe('q:situation');
    state = {
      ...state,
      answers: { situation: 's' },
      skipped: ['task'],
      history: [...state.history, { step: 'q:situation', parts: ['situation'] }, { step: 'q:task', parts: ['task'] }],
    };
    expect(stepName(currentStep(state))).toBe('q:action');
    const back = goBack(state)!;
    expect(stepName(currentStep(back))).toBe('q:task');
    expect(back.skipped).toEqual([]);
    expect(stepName(currentStep(goBack(goBack(back)!)!))).toBe('environment');
  });

  it('puts the answers together in question order with their labels', () => {
    const state = { ...newReflectionState({}), answers: { result: 'R', situation: 'S' } };
    expect(composeBody(state, 'nl')).toBe('Situatie: S\n\nResultaat: R');
    expect(composeBody(state, 'en')).toBe('Situation: S\n\nResult: R');
  });
});

describe('long messages', () => {
  it('leaves short messages and one-part stories alone', () => {
    expect(splitIntoStarr('Toen kwam er een cliënt binnen.')).toBeNull();
    expect(splitIntoStarr('Er was eens een lange dag. '.repeat(20))).toBeNull();
  });

  it('maps English sentences by their cues', () => {
    const story = [
      'Yesterday a client came in who was very worried about a letter from the tax office and did not understand it.',
      'My task was to find out what the letter asked and what the deadline was.',
      'I asked him to read it with me and I explained each paragraph in plain words, step by step, slowly.',
      'In the end he was relieved and he knew what to do.',
      'Next time I would first check whether he can read the language of the letter at all.',
    ].join(' ');
    expect(splitIntoStarr(story)).toEqual({
      situation: expect.stringMatching(/^Yesterday/),
      task: expect.stringMatching(/^My task/),
      action: expect.stringMatching(/^I asked/),
      result: expect.stringMatching(/^In the end/),
      reflection: expect.stringMatching(/^Next time/),
    });
  });
});

describe('words', () => {
  it('reads difficulty words in both languages, on whole words', () => {
    expect(reportsDifficulty('Het was een moeilijke dag')).toBe(true);
    expect(reportsDifficulty('She was very upset.')).toBe(true);
    expect(reportsDifficulty('Alles verliep rustig en vlot.')).toBe(false);
    expect(reportsDifficulty('De bangalore-methode')).toBe(false);
  });

  it('reads number lists', () => {
    expect(numberList('1 3')).toEqual([1, 3]);
    expect(numberList('1, 2 en 3')).toEqual([1, 2, 3]);
    expect(numberList('1 and x')).toBeNull();
  });
});

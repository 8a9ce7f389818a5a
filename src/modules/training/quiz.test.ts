/** Pure test logic: drawing, presenting without answers, server-side scoring; bank and manual sanity. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawQuestions, passMark, presentQuestion, questionById, scoreAnswers, testSize } from './quiz.ts';
import { courseRoles, questionBank, questionsFor } from './questions.ts';
import { builtinSection, manualScreens, manualSections } from './manual.ts';
import { courseTopics } from './training.service.ts';

describe('question bank', () => {
  it('every role has 8–10 questions, ids are unique, answers point at options, topics exist', () => {
    for (const role of courseRoles) expect(questionsFor(role).length, role).toBeGreaterThanOrEqual(8);
    for (const role of courseRoles) expect(questionsFor(role).length, role).toBeLessThanOrEqual(10);
    expect(new Set(questionBank.map((q) => q.id)).size).toBe(questionBank.length);
    for (const q of questionBank) {
      expect(q.answer.length, q.id).toBeGreaterThan(0);
      if (q.kind === 'single') expect(q.answer.length, q.id).toBe(1);
      for (const i of q.answer) expect(i, q.id).toBeLessThan(q.options.length);
      expect(builtinSection(q.topic), q.id).toBeDefined();
    }
  });

  it('states the statutory numbers the manual states', () => {
    expect(questionById('q-reply-20').options[questionById('q-reply-20').answer[0]!]).toBe('20个工作日');
    expect(questionById('q-supplement-7').options[questionById('q-supplement-7').answer[0]!]).toBe('7个工作日');
    expect(builtinSection('request-deadlines')!.body).toMatch(/7 个工作日内一次性告知/);
    expect(builtinSection('request-deadlines')!.body).toMatch(/最长不得超过 20 个工作日/);
  });
});

describe('manual', () => {
  it('topics are unique, screens are known, every course topic exists', () => {
    expect(new Set(manualSections.map((s) => s.topic)).size).toBe(manualSections.length);
    for (const s of manualSections) for (const sc of s.screens) expect(manualScreens).toContain(sc);
    for (const role of courseRoles) for (const t of courseTopics[role]) expect(builtinSection(t), t).toBeDefined();
  });
});

describe('drawQuestions', () => {
  it('draws testSize distinct questions of the role, for any random source', () => {
    fc.assert(
      fc.property(fc.constantFrom(...courseRoles), fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), { minLength: 20, maxLength: 20 }), (role, seq) => {
        let i = 0;
        const ids = drawQuestions(role, () => seq[i++ % seq.length]!);
        expect(ids).toHaveLength(testSize);
        expect(new Set(ids).size).toBe(testSize);
        const own = new Set(questionsFor(role).map((q) => q.id));
        for (const id of ids) expect(own.has(id)).toBe(true);
      }),
    );
  });

  it('presented questions carry no answer', () => {
    for (const q of questionBank) {
      const p = presentQuestion(q);
      expect(Object.keys(p).sort()).toEqual(['id', 'kind', 'options', 'text', 'topic']);
      expect(JSON.stringify(p)).not.toMatch(/answer/);
    }
  });
});

describe('scoreAnswers', () => {
  const ids = ['q-reply-20', 'q-supplement-7', 'q-consult', 'q-fee', 'q-petition'];
  const right = Object.fromEntries(ids.map((id) => [id, [...questionById(id).answer]]));

  it('all right → 100 and passed; 4 of 5 → 80 passes; 3 of 5 → 60 fails', () => {
    expect(scoreAnswers(ids, right)).toMatchObject({ score: 100, passed: true, correctCount: 5 });
    expect(scoreAnswers(ids, { ...right, 'q-fee': [0] })).toMatchObject({ score: 80, passed: true });
    expect(scoreAnswers(ids, { ...right, 'q-fee': [0], 'q-petition': [0] })).toMatchObject({ score: 60, passed: false });
    expect(passMark).toBe(80);
  });

  it('a multiple-choice question needs exactly the right set (order and duplicates do not matter)', () => {
    expect(scoreAnswers(['q-consult'], { 'q-consult': [2, 0, 1, 1] }).passed).toBe(true);
    expect(scoreAnswers(['q-consult'], { 'q-consult': [0, 1] }).passed).toBe(false);
    expect(scoreAnswers(['q-consult'], { 'q-consult': [0, 1, 2, 3] }).passed).toBe(false);
  });

  it('missing answers count as wrong; the result never names the right options', () => {
    const r = scoreAnswers(ids, {});
    expect(r).toMatchObject({ score: 0, passed: false });
    expect(JSON.stringify(r)).not.toMatch(/answer/);
    expect(r.results.every((x) => Object.keys(x).sort().join() === 'correct,id')).toBe(true);
  });
});

/**
 * Pure test logic: draw a random subset of a role's questions, present them without answers,
 * score submitted answers on the server. No I/O.
 */
import { questionBank, questionsFor, type CourseRole, type Question } from './questions.ts';

/** Questions per attempt. */
export const testSize = 5;
/** Percent correct needed to pass (4 of 5). */
export const passMark = 80;

/** A question as the client sees it before submission: no `answer`. */
export interface PublicQuestion {
  id: string;
  kind: Question['kind'];
  text: string;
  options: string[];
  topic: string;
}

/** Draws `testSize` distinct question ids of `role` in random order (Fisher–Yates). */
export function drawQuestions(role: CourseRole, random: () => number = Math.random): string[] {
  const ids = questionsFor(role).map((q) => q.id);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, Math.min(testSize, ids.length));
}

/** The question of an id (throws on an unknown id: attempts only store ids drawn from the bank). */
export function questionById(id: string): Question {
  const q = questionBank.find((x) => x.id === id);
  if (!q) throw new Error(`unknown question ${id}`);
  return q;
}

/** Strips the answer: the only shape in which a question leaves the server. */
export function presentQuestion(q: Question): PublicQuestion {
  return { id: q.id, kind: q.kind, text: q.text, options: [...q.options], topic: q.topic };
}

export interface ScoreResult {
  score: number;
  passed: boolean;
  correctCount: number;
  total: number;
  /** Per question: answered correctly or not (the right options are not disclosed). */
  results: Array<{ id: string; correct: boolean }>;
}

/** A question counts as correct iff the chosen set equals the answer set exactly. */
export function scoreAnswers(questionIds: readonly string[], answers: Readonly<Record<string, readonly number[]>>): ScoreResult {
  const results = questionIds.map((id) => {
    const q = questionById(id);
    const chosen = [...new Set(answers[id] ?? [])].sort((a, b) => a - b);
    const right = [...q.answer].sort((a, b) => a - b);
    return { id, correct: chosen.length === right.length && chosen.every((v, i) => v === right[i]) };
  });
  const correctCount = results.filter((r) => r.correct).length;
  const total = questionIds.length;
  const score = total === 0 ? 0 : Math.round((correctCount * 100) / total);
  return { score, passed: score >= passMark, correctCount, total, results };
}

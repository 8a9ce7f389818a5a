/** Work manual and pre-post training (GET/PUT /api/training/...): shapes and the manual text renderer. */
import type { AgencyRole } from './types.ts';

export interface ManualSection {
  topic: string;
  title: string;
  body: string;
  screens: string[];
  overridden: boolean;
  updatedAt: string | null;
}

export interface ManualAnswer {
  agencyId: string | null;
  canEdit: boolean;
  sections: ManualSection[];
}

export interface Course {
  agencyId: string;
  role: AgencyRole;
  roleName: string;
  required: boolean;
  passed: boolean;
  passedAt: string | null;
  bestScore: number | null;
  attempts: number;
  sections: Array<{ topic: string; title: string }>;
  testSize: number;
  passMark: number;
}

export interface Question {
  id: string;
  kind: 'single' | 'multiple';
  text: string;
  options: string[];
  topic: string;
}

export interface AttemptStart {
  attemptId: string;
  role: AgencyRole;
  agencyId: string;
  questions: Question[];
  passMark: number;
}

export interface AttemptResult {
  score: number;
  passed: boolean;
  correctCount: number;
  total: number;
  results: Array<{ id: string; correct: boolean }>;
  passMark: number;
}

export interface PersonRecord {
  userId: string;
  username: string;
  displayName: string;
  roles: AgencyRole[];
  courses: Array<{ role: AgencyRole; required: boolean; attempts: number; lastScore: number | null; bestScore: number | null; passedAt: string | null }>;
}

export interface RecordsAnswer {
  agencyId: string;
  requireTraining: boolean;
  passMark: number;
  people: PersonRecord[];
}

/** Blocks of the manual's Markdown-ish text: `## ` headings, `- ` bullet runs, paragraphs. */
export type ManualBlock = { kind: 'heading'; text: string } | { kind: 'list'; items: string[] } | { kind: 'paragraph'; text: string };

export function parseManual(body: string): ManualBlock[] {
  const blocks: ManualBlock[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('## ')) blocks.push({ kind: 'heading', text: line.slice(3) });
    else if (line.startsWith('- ')) {
      const last = blocks.at(-1);
      if (last?.kind === 'list') last.items.push(line.slice(2));
      else blocks.push({ kind: 'list', items: [line.slice(2)] });
    } else blocks.push({ kind: 'paragraph', text: line });
  }
  return blocks;
}

/**
 * The intermediate form every reader produces: the document as a flat sequence of tokens in
 * reading order (paragraph lines, table cells row by row, PDF text items). The table reader
 * (read-tables.ts) works on this form only, so HTML, DOCX, PDF and copied text share it.
 */
import type { ReportFormat } from '../model.ts';

/** One piece of text in reading order. */
export interface Token {
  /** Normalized text (NFKC, no whitespace); see normalizeText. */
  text: string;
  /** The text as found, whitespace tidied (for titles, narrative and messages). */
  raw: string;
  /**
   * `text`: a paragraph or line outside any table (never a number cell);
   * `cell`: one table cell (HTML, DOCX, or a `… |` line of copied text);
   * `sep`: the bare `|` line that starts a row in copied text;
   * `item`: a PDF text item (its table structure is unknown).
   */
  kind: 'text' | 'cell' | 'sep' | 'item';
  /** PDF: document-wide line number; items on one line share it. */
  line?: number;
  /** PDF: horizontal centre of the item in points. */
  x?: number;
  /** HTML/DOCX: the cell's rowspan (for format detection). */
  rowspan?: number;
}

/** A document reduced to tokens. */
export interface SourceDocument {
  /** The kind of file. */
  format: ReportFormat;
  /** Every token in reading order. */
  tokens: Token[];
  /** HTML `<title>`, a fallback for the report title. */
  titleHint?: string;
}

/**
 * DOCX: reads the WordprocessingML parts straight from the zip (body, headers, footers,
 * comments, footnotes, endnotes; text boxes and tracked deletions included) so that every
 * `<w:t>` is known by its offsets. A paragraph's runs are joined before scanning (a number
 * split across runs is still found); a table is scanned as one tab-separated grid so that its
 * header row gives column context, each cell located by table, row and column. Masking
 * rewrites only the text of the `<w:t>` nodes concerned: styles, numbering, tables and every
 * other part stay byte for byte. Document properties (author, title…) are scanned and masked
 * too; each embedded image (word/media) is a manual-review item.
 */
import JSZip from 'jszip';
import type { FindingLocation } from '../types.ts';
import { embeddedImages, readDocProps } from './ooxml-extras.ts';
import type { ManualReviewItem, Piece, Segment } from './segments.ts';
import { applyReplacements, decodeEntities, escapeText, forEachTag, type Replacement } from './xml.ts';

/** A `<w:t>` (or `<w:delText>`) node: its part and the offsets of its content in that part. */
interface DocxNode {
  part: string;
  start: number;
  end: number;
}

/** An opened DOCX: its zip, the XML of the parts read, the text nodes and the segments. */
export interface DocxModel {
  zip: JSZip;
  parts: Map<string, string>;
  nodes: DocxNode[];
  segments: Segment[];
  /** Embedded images nobody can read automatically. */
  manualReview: ManualReviewItem[];
}

const partPattern = /^word\/(document|header\d*|footer\d*|comments|footnotes|endnotes)\.xml$/;

/** Name of a part for locations: body, header1, footer2, comments… */
function partLabel(path: string): string {
  const m = partPattern.exec(path);
  const name = m?.[1] ?? path;
  return name === 'document' ? 'body' : name;
}

/** Opens a DOCX (throws when it is not a readable zip with a main document part). */
export async function readDocx(data: Buffer): Promise<DocxModel> {
  const zip = await JSZip.loadAsync(data);
  if (!zip.file('word/document.xml')) throw new Error('DOCX 缺少 word/document.xml');
  const paths = Object.keys(zip.files)
    .filter((p) => partPattern.test(p))
    .sort((a, b) => (a === 'word/document.xml' ? -1 : b === 'word/document.xml' ? 1 : a.localeCompare(b)));
  const model: DocxModel = { zip, parts: new Map(), nodes: [], segments: [], manualReview: embeddedImages(zip, 'word/media/') };
  for (const path of paths) {
    const xml = await zip.file(path)!.async('string');
    model.parts.set(path, xml);
    walkPart(model, path, xml);
  }
  const props = await readDocProps(zip, model.parts, (part, start, end) => model.nodes.push({ part, start, end }) - 1);
  if (props) model.segments.push(props);
  return model;
}

interface TableBuild {
  index: number;
  rows: Piece[][][];
}

function walkPart(model: DocxModel, path: string, xml: string): void {
  const part = partLabel(path);
  const paragraphs: Piece[][] = [];
  const tables: TableBuild[] = [];
  let paragraphNo = 0;
  let tableNo = 0;
  let textStart = -1;
  let inInstr = false;
  forEachTag(xml, (tag) => {
    const { name } = tag;
    if (name === 'w:t' || name === 'w:delText') {
      if (tag.selfClosing) return;
      if (!tag.closing) {
        textStart = tag.end;
        return;
      }
      if (textStart < 0 || !paragraphs.length) return;
      const raw = xml.slice(textStart, tag.start);
      const node = model.nodes.push({ part: path, start: textStart, end: tag.start }) - 1;
      paragraphs.at(-1)!.push({ text: decodeEntities(raw), node });
      textStart = -1;
      return;
    }
    if (name === 'w:instrText') {
      inInstr = !tag.closing && !tag.selfClosing;
      return;
    }
    if (inInstr) return;
    if ((name === 'w:tab' || name === 'w:br' || name === 'w:cr') && paragraphs.length && !tag.closing) {
      // Inside a table a tab would look like a new column to the detectors.
      paragraphs.at(-1)!.push({ text: name === 'w:tab' && !tables.length ? '\t' : tables.length ? ' ' : '\n' });
      return;
    }
    if (name === 'w:p') {
      if (tag.selfClosing) {
        paragraphNo++;
        return;
      }
      if (!tag.closing) {
        paragraphs.push([]);
        return;
      }
      const pieces = paragraphs.pop();
      if (!pieces) return;
      paragraphNo++;
      const table = tables[0];
      if (table) {
        const row = table.rows.at(-1);
        const cell = row?.at(-1);
        if (cell) {
          if (cell.length) cell.push({ text: ' ' });
          cell.push(...pieces);
          return;
        }
      }
      if (pieces.some((p) => p.node !== undefined)) model.segments.push({ location: { part, paragraph: paragraphNo }, pieces });
      return;
    }
    if (name === 'w:tbl') {
      if (tag.closing) {
        const t = tables.pop();
        if (t && tables.length === 0) model.segments.push(tableSegment(part, t));
      } else if (!tag.selfClosing) tables.push({ index: tables.length === 0 ? ++tableNo : 0, rows: [] });
      return;
    }
    if (tables.length === 1 && !tag.closing && !tag.selfClosing) {
      if (name === 'w:tr') tables[0]!.rows.push([]);
      else if (name === 'w:tc') tables[0]!.rows.at(-1)?.push([]);
    }
  });
}

/** A table as one tab-separated grid; every piece located by its cell. */
function tableSegment(part: string, t: TableBuild): Segment {
  const pieces: Piece[] = [];
  t.rows.forEach((row, r) => {
    if (r > 0) pieces.push({ text: '\n' });
    row.forEach((cell, c) => {
      if (c > 0) pieces.push({ text: '\t' });
      const location: FindingLocation = { part, table: t.index, row: r + 1, column: c + 1 };
      for (const p of cell) pieces.push({ ...p, text: p.text.replace(/[\t\n]/g, ' '), location });
    });
  });
  return { location: { part, table: t.index }, pieces };
}

/** Writes a copy of the DOCX with the given nodes' text replaced; everything else is kept. */
export async function writeDocx(model: DocxModel, nodeTexts: Map<number, string>): Promise<Buffer> {
  const byPart = new Map<string, Replacement[]>();
  for (const [i, text] of nodeTexts) {
    const node = model.nodes[i]!;
    const list = byPart.get(node.part) ?? [];
    list.push({ start: node.start, end: node.end, text: escapeText(text) });
    byPart.set(node.part, list);
  }
  for (const [part, reps] of byPart) model.zip.file(part, applyReplacements(model.parts.get(part)!, reps), { createFolders: false });
  return model.zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

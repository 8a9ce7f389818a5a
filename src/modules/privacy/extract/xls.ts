/**
 * XLS (Excel 97–2003, BIFF8): the compound file is opened with `cfb`, the Workbook stream's
 * records are parsed here (no SheetJS). Every sheet, hidden and very hidden ones included, is
 * read into the same grid as an XLSX sheet (extract/grid.ts), so detectors, the damaged-ID rule
 * (an 18-digit ID stored as a double shows as 1.10101E+17) and locations (sheet, cell) behave
 * the same; sheet names are scanned as for XLSX. Not read: cell notes (NOTE/TXO records),
 * drawings and embedded objects.
 *
 * Records read ([MS-XLS] 2.4): BOF/EOF (substreams, nested chart substreams skipped),
 * FILEPASS (encrypted → unreadable), BOUNDSHEET8 (names, hidden state, substream offsets),
 * SST + CONTINUE (a string's characters may continue in the next record, which then starts
 * with a new flags byte), LABELSST, LABEL, NUMBER, RK, MULRK, FORMULA (cached number; cached
 * text in the STRING record that follows), BOOLERR (read, not scanned: like XLSX `t="b"/"e"`).
 *
 * The input is hostile until proven otherwise: every read is bounds-checked, records, cells and
 * characters are capped, and the only exception that leaves {@link readXls} is
 * {@link XlsUnreadableError}. An XLS cannot be masked in place (nothing here writes BIFF8): the
 * caller asks for the file to be saved as XLSX.
 */
import CFB from 'cfb';
import { gridSegment, numberText, type DamagedId, type GridCell } from './grid.ts';
import { segmentText, type Segment } from './segments.ts';
import { columnLetters } from './text.ts';
import { sheetNames } from './xlsx.ts';

/** Why an XLS could not be read. */
export type XlsUnreadableReason = 'not-xls' | 'encrypted' | 'biff5' | 'damaged' | 'too-large';

/** The only error {@link readXls} throws; `message` is Chinese, for the reviewer. */
export class XlsUnreadableError extends Error {
  readonly reason: XlsUnreadableReason;
  constructor(reason: XlsUnreadableReason, message: string) {
    super(message);
    this.name = 'XlsUnreadableError';
    this.reason = reason;
  }
}

/** One sheet of the workbook. */
export interface XlsSheet {
  name: string;
  hidden: boolean;
}

/** One cell holding text or a number (node = index in `cells`). */
export interface XlsCell {
  sheet: string;
  ref: string;
  text: string;
  number?: number;
}

/** An opened XLS: sheets, cells and the segments to scan. */
export interface XlsModel {
  sheets: XlsSheet[];
  cells: XlsCell[];
  segments: Segment[];
  damaged: DamagedId[];
}

/** Limits against hostile files (Excel 97–2003 itself stops at 65,536 rows × 256 columns). */
export const xlsLimits = {
  records: 5_000_000,
  cells: 2_000_000,
  sheets: 4096,
  /** Characters of all strings together (shared strings and cell text). */
  chars: 50_000_000,
  streamBytes: 256 * 1024 * 1024,
};

const rt = {
  bof: 0x0809,
  eof: 0x000a,
  filepass: 0x002f,
  boundsheet: 0x0085,
  sst: 0x00fc,
  continue: 0x003c,
  labelsst: 0x00fd,
  label: 0x0204,
  number: 0x0203,
  rk: 0x027e,
  mulrk: 0x00bd,
  formula: 0x0006,
  string: 0x0207,
  boolerr: 0x0205,
} as const;

const cfbMagic = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** true when the bytes start like a compound file (DOC, XLS, PPT, an encrypted OOXML file). */
export function isCompoundFile(data: Buffer): boolean {
  return data.length >= 512 && data.subarray(0, 8).equals(cfbMagic);
}

type Container = ReturnType<typeof CFB.read>;

/** The root-level stream `name` (case-insensitive), or null. */
function rootStream(cfb: Container, name: string): Buffer | null {
  const want = name.toLowerCase();
  for (let i = 0; i < cfb.FileIndex.length; i++) {
    const e = cfb.FileIndex[i]!;
    const full = cfb.FullPaths[i] ?? '';
    // Root level: "Root Entry/Workbook" (one slash after the root's name).
    if (e.type === 2 && e.name.toLowerCase() === want && full.split('/').filter(Boolean).length === 2) {
      const c = e.content as unknown;
      if (Buffer.isBuffer(c)) return c;
      if (c instanceof Uint8Array) return Buffer.from(c.buffer, c.byteOffset, c.byteLength);
      if (Array.isArray(c)) return Buffer.from(c as number[]);
      return Buffer.alloc(0);
    }
  }
  return null;
}

function openContainer(data: Buffer): Container {
  if (!isCompoundFile(data)) throw new XlsUnreadableError('not-xls', '不是 Excel 97–2003（XLS）文件');
  try {
    return CFB.read(data, { type: 'buffer' });
  } catch {
    throw new XlsUnreadableError('damaged', 'XLS 文件已损坏（复合文档结构无法解析）');
  }
}

/** What a compound file holds, for dispatch: an XLS workbook, an encrypted OOXML file, or something else (DOC, PPT). */
export function compoundFileKind(data: Buffer): 'xls' | 'encrypted-ooxml' | 'other' | null {
  if (!isCompoundFile(data)) return null;
  try {
    const cfb = CFB.read(data, { type: 'buffer' });
    if (rootStream(cfb, 'Workbook') || rootStream(cfb, 'Book')) return 'xls';
    if (rootStream(cfb, 'EncryptedPackage')) return 'encrypted-ooxml';
    return 'other';
  } catch {
    return 'other';
  }
}

/** A little-endian reader over one buffer that throws on any read past its end. */
class Cursor {
  pos = 0;
  constructor(
    readonly buf: Buffer,
    /** Offsets where a CONTINUE record's data begins (a split character array restarts with a flags byte there). */
    readonly bounds: ReadonlySet<number> = new Set(),
  ) {}
  need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length) throw new XlsUnreadableError('damaged', 'XLS 文件已损坏（记录被截断）');
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }
  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }
  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
  /**
   * `cch` characters, one byte each (code points 0–255) or UTF-16LE. When the characters cross
   * into a CONTINUE record, that record starts with a flags byte giving the width of the rest.
   */
  chars(cch: number, highByte: boolean, budget: Budget): string {
    budget.take(cch);
    const out: string[] = [];
    let wide = highByte;
    let start = this.pos;
    let i = 0;
    const flush = () => {
      if (this.pos > start) out.push(wide ? this.buf.toString('utf16le', start, this.pos) : this.buf.toString('latin1', start, this.pos));
    };
    while (i < cch) {
      if (this.bounds.has(this.pos)) {
        flush();
        wide = (this.u8() & 1) === 1;
        start = this.pos;
      }
      this.need(wide ? 2 : 1);
      this.pos += wide ? 2 : 1;
      i++;
    }
    flush();
    return out.join('');
  }
}

/** Running total of characters read, against {@link xlsLimits}.chars. */
class Budget {
  used = 0;
  take(n: number): void {
    this.used += n;
    if (this.used > xlsLimits.chars) throw new XlsUnreadableError('too-large', 'XLS 文件中的文字过多，超出自动检查的上限');
  }
}

/** A record: its type, its data and the data of the CONTINUE records that follow it. */
interface Rec {
  type: number;
  offset: number;
  data: Buffer;
}

function* records(stream: Buffer): Generator<Rec> {
  let pos = 0;
  let n = 0;
  while (pos + 4 <= stream.length) {
    if (++n > xlsLimits.records) throw new XlsUnreadableError('too-large', 'XLS 文件记录过多，超出自动检查的上限');
    const type = stream.readUInt16LE(pos);
    const size = stream.readUInt16LE(pos + 2);
    if (pos + 4 + size > stream.length) throw new XlsUnreadableError('damaged', 'XLS 文件已损坏（记录被截断）');
    yield { type, offset: pos, data: stream.subarray(pos + 4, pos + 4 + size) };
    pos += 4 + size;
  }
}

/** The data of a record and its CONTINUE records as one cursor remembering where each began. */
function continued(first: Rec, rest: Rec[]): Cursor {
  const bounds = new Set<number>();
  let len = first.data.length;
  for (const r of rest) {
    bounds.add(len);
    len += r.data.length;
  }
  return new Cursor(Buffer.concat([first.data, ...rest.map((r) => r.data)]), bounds);
}

/** XLUnicodeString (LABEL, STRING): 2-byte count, flags, characters. */
function unicodeString(c: Cursor, budget: Budget): string {
  const cch = c.u16();
  const flags = c.u8();
  return c.chars(cch, (flags & 1) === 1, budget);
}

/** The shared string table: XLUnicodeRichExtendedString × cstUnique, split over CONTINUE records. */
function readSst(c: Cursor, budget: Budget): string[] {
  c.u32(); // cstTotal
  const unique = c.u32();
  const out: string[] = [];
  while (out.length < unique && c.pos < c.buf.length) {
    const cch = c.u16();
    const flags = c.u8();
    const runs = flags & 0x08 ? c.u16() : 0;
    const ext = flags & 0x04 ? c.u32() : 0;
    out.push(c.chars(cch, (flags & 1) === 1, budget));
    // Formatting runs (4 bytes each) and the phonetic block are not text to scan.
    c.skip(runs * 4);
    c.skip(ext);
  }
  return out;
}

/** An RK number: a 30-bit integer or the top 30 bits of a double, optionally × 100. */
export function decodeRk(rk: number): number {
  let v: number;
  if (rk & 0x02) v = rk >> 2;
  else {
    const b = Buffer.alloc(8);
    b.writeUInt32LE((rk & 0xfffffffc) >>> 0, 4);
    v = b.readDoubleLE(0);
  }
  return rk & 0x01 ? v / 100 : v;
}

interface SheetBuild {
  name: string;
  cells: Map<number, GridCell>;
}

/** Opens an XLS and reads every sheet. Throws only {@link XlsUnreadableError}. */
export function readXls(data: Buffer): XlsModel {
  try {
    return parse(data);
  } catch (err) {
    if (err instanceof XlsUnreadableError) throw err;
    throw new XlsUnreadableError('damaged', 'XLS 文件已损坏，无法读取');
  }
}

function parse(data: Buffer): XlsModel {
  const cfb = openContainer(data);
  if (rootStream(cfb, 'EncryptedPackage')) throw new XlsUnreadableError('encrypted', '文件已加密（设置了打开密码），无法自动检查，请取消密码后重新上传');
  const stream = rootStream(cfb, 'Workbook');
  if (!stream) {
    if (rootStream(cfb, 'Book')) throw new XlsUnreadableError('biff5', '文件为 Excel 5.0/95 格式，无法自动检查，请另存为 XLSX 后重新上传');
    throw new XlsUnreadableError('not-xls', '不是 Excel 工作簿（复合文档中没有 Workbook 流，可能是 Word 或 PowerPoint 文件）');
  }
  if (stream.length > xlsLimits.streamBytes) throw new XlsUnreadableError('too-large', 'XLS 文件过大，超出自动检查的上限');
  const budget = new Budget();
  const model: XlsModel = { sheets: [], cells: [], segments: [], damaged: [] };
  const all = [...records(stream)];
  const first = all[0];
  if (!first || first.type !== rt.bof || first.data.length < 4) throw new XlsUnreadableError('damaged', 'XLS 文件已损坏（缺少文件头）');
  const version = first.data.readUInt16LE(0);
  if (version !== 0x0600) throw new XlsUnreadableError('biff5', '文件为 Excel 5.0/95 或更早的格式，无法自动检查，请另存为 XLSX 后重新上传');

  // Globals substream: everything up to its EOF.
  const bounds: Array<{ offset: number; sheet: XlsSheet; worksheet: boolean }> = [];
  let sst: string[] = [];
  let i = 1;
  for (; i < all.length; i++) {
    const r = all[i]!;
    if (r.type === rt.eof) break;
    if (r.type === rt.filepass) throw new XlsUnreadableError('encrypted', '文件已加密（设置了打开密码），无法自动检查，请取消密码后重新上传');
    if (r.type === rt.boundsheet) {
      if (bounds.length >= xlsLimits.sheets) throw new XlsUnreadableError('too-large', 'XLS 文件工作表过多，超出自动检查的上限');
      const c = new Cursor(r.data);
      const offset = c.u32();
      const state = c.u8() & 0x03;
      const dt = c.u8();
      const cch = c.u8();
      const flags = c.u8();
      const name = c.chars(cch, (flags & 1) === 1, budget);
      bounds.push({ offset, sheet: { name, hidden: state !== 0 }, worksheet: dt === 0 || dt === 1 });
    } else if (r.type === rt.sst) {
      const rest: Rec[] = [];
      while (all[i + 1]?.type === rt.continue) rest.push(all[++i]!);
      sst = readSst(continued(r, rest), budget);
    }
  }
  if (i >= all.length) throw new XlsUnreadableError('damaged', 'XLS 文件已损坏（工作簿信息不完整）');
  model.sheets = bounds.map((b) => b.sheet);

  // Sheet substreams, in stream order; each BOF is matched to its BOUNDSHEET8 by offset.
  const byOffset = new Map(bounds.map((b, k) => [b.offset, k]));
  const assigned = new Set<number>();
  const builds: Array<SheetBuild | null> = bounds.map(() => null);
  let current: SheetBuild | null = null;
  let depth = 0;
  let pendingString: { row: number; col: number } | null = null;
  const put = (row: number, col: number, text: string, number?: number) => {
    if (!current || !text || col > 16383) return;
    if (model.cells.length >= xlsLimits.cells) throw new XlsUnreadableError('too-large', 'XLS 文件单元格过多，超出自动检查的上限');
    const ref = `${columnLetters(col)}${row + 1}`;
    const node = model.cells.push({ sheet: current.name, ref, text, ...(number !== undefined ? { number } : {}) }) - 1;
    current.cells.set(row * 16384 + col, { row: row + 1, col, ref, text, node, ...(number !== undefined ? { number } : {}) });
  };
  for (i++; i < all.length; i++) {
    const r = all[i]!;
    if (r.type === rt.bof) {
      depth++;
      if (depth > 1) continue; // a chart inside a worksheet
      let k = byOffset.get(r.offset);
      if (k === undefined || assigned.has(k)) k = bounds.findIndex((b, j) => b.worksheet && !assigned.has(j));
      if (k < 0 || !bounds[k]!.worksheet) {
        current = null;
        continue;
      }
      assigned.add(k);
      current = builds[k] = { name: bounds[k]!.sheet.name, cells: new Map() };
      pendingString = null;
      continue;
    }
    if (r.type === rt.eof) {
      depth = Math.max(0, depth - 1);
      if (depth === 0) current = null;
      continue;
    }
    if (!current || depth !== 1) continue;
    const c = new Cursor(r.data);
    switch (r.type) {
      case rt.labelsst: {
        const row = c.u16();
        const col = c.u16();
        c.skip(2);
        const isst = c.u32();
        put(row, col, sst[isst] ?? '');
        break;
      }
      case rt.label: {
        const row = c.u16();
        const col = c.u16();
        c.skip(2);
        const rest: Rec[] = [];
        while (all[i + 1]?.type === rt.continue) rest.push(all[++i]!);
        const cur = continued(r, rest);
        cur.skip(6);
        put(row, col, unicodeString(cur, budget));
        break;
      }
      case rt.number: {
        const row = c.u16();
        const col = c.u16();
        c.skip(2);
        c.need(8);
        const v = r.data.readDoubleLE(c.pos);
        if (Number.isFinite(v)) put(row, col, numberText(v), v);
        break;
      }
      case rt.rk: {
        const row = c.u16();
        const col = c.u16();
        c.skip(2);
        const v = decodeRk(c.u32());
        if (Number.isFinite(v)) put(row, col, numberText(v), v);
        break;
      }
      case rt.mulrk: {
        const row = c.u16();
        const colFirst = c.u16();
        // rgrkrec: 6 bytes each, then colLast (2 bytes).
        const n = Math.floor((r.data.length - 6) / 6);
        for (let k = 0; k < n; k++) {
          c.skip(2);
          const v = decodeRk(c.u32());
          if (Number.isFinite(v)) put(row, colFirst + k, numberText(v), v);
        }
        break;
      }
      case rt.formula: {
        const row = c.u16();
        const col = c.u16();
        c.skip(2);
        c.need(8);
        const val = r.data.subarray(c.pos, c.pos + 8);
        if (val[6] === 0xff && val[7] === 0xff) {
          // 0: text in the STRING record that follows; 1 boolean, 2 error, 3 empty text.
          if (val[0] === 0) pendingString = { row, col };
        } else {
          const v = val.readDoubleLE(0);
          if (Number.isFinite(v)) put(row, col, numberText(v), v);
        }
        break;
      }
      case rt.string: {
        const rest: Rec[] = [];
        while (all[i + 1]?.type === rt.continue) rest.push(all[++i]!);
        const text = unicodeString(continued(r, rest), budget);
        if (pendingString) put(pendingString.row, pendingString.col, text);
        pendingString = null;
        break;
      }
      case rt.boolerr:
        // TRUE / FALSE / #N/A: no personal data (XLSX cells of type b and e are not scanned either).
        c.skip(8);
        break;
    }
  }
  builds.forEach((b, k) => {
    const name = bounds[k]!.sheet.name;
    const built = gridSegment(name, b ? b.cells.values() : [], model.segments.length);
    model.segments.push(built.segment);
    model.damaged.push(...built.damaged);
  });
  // After the grids: segment k < sheets.length is sheet k's grid.
  model.segments.push(sheetNames(model.sheets));
  return model;
}

/** Plain text of an XLS for search: each sheet's name, then its rows (cells tab-separated). */
export function xlsText(data: Buffer): string {
  const model = readXls(data);
  return model.segments.map((seg, k) => `${model.sheets[k]?.name ?? ''}\n${segmentText(seg)}`).join('\n');
}

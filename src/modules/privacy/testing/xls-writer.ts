/**
 * A small BIFF8 (Excel 97–2003) writer for tests only: the records the XLS extractor reads,
 * written as [MS-XLS] describes them, in a compound file made by `cfb`. Shared strings are split
 * over CONTINUE records the way Excel does it (a split character array restarts with a flags
 * byte), numbers are written as RK, MULRK or NUMBER, formulas carry cached results (text in a
 * STRING record), sheets can be hidden or very hidden, and a FILEPASS record marks a file as
 * encrypted. Not a general writer: no styles beyond the default XF, formulas are constants.
 */
import CFB from 'cfb';

/** A cell value and how to store it. */
export type XlsValue =
  | null
  | string // LABELSST (shared string)
  | number // RK when exact as RK, else NUMBER; consecutive RKs in a row become MULRK
  | { number: number } // always NUMBER (an 18-digit ID stored as a double)
  | { label: string } // LABEL (inline string, as old writers did)
  | { rich: string } // LABELSST whose shared string has formatting runs and a phonetic block
  | { formula: number | string | boolean } // FORMULA with a cached result (text → STRING record)
  | { bool: boolean }; // BOOLERR

/** One sheet. */
export interface XlsSheetSpec {
  name: string;
  /** true: hidden; 'very': very hidden (only VBA can show it). */
  hidden?: boolean | 'very';
  rows: XlsValue[][];
  /** Put an embedded chart substream (BOF … EOF) inside this sheet, holding a decoy string. */
  chart?: string;
}

/** Options of {@link buildXls}. */
export interface XlsWriteOptions {
  /** Largest record data (default 8224, Excel's); smaller forces more CONTINUE records. */
  maxRecordData?: number;
  /** Write a FILEPASS record (an encrypted workbook; nothing is actually encrypted). */
  encrypted?: boolean;
  /** Continue a one-byte-per-character shared string as UTF-16 (Excel may switch widths at a split). */
  widenContinuations?: boolean;
  /** BOF version (default 0x0600, BIFF8); 0x0500 writes a BIFF5-looking header. */
  version?: number;
}

function rec(type: number, data: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt16LE(type, 0);
  h.writeUInt16LE(data.length, 2);
  return Buffer.concat([h, data]);
}

function bof(dt: number, version: number): Buffer {
  const d = Buffer.alloc(16);
  d.writeUInt16LE(version, 0);
  d.writeUInt16LE(dt, 2);
  d.writeUInt16LE(0x0dbb, 4);
  d.writeUInt16LE(0x07cc, 6);
  return rec(0x0809, d);
}

const eof = () => rec(0x000a, Buffer.alloc(0));

function isWide(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return true;
  return false;
}

function encodeChars(s: string, wide: boolean): Buffer {
  return wide ? Buffer.from(s, 'utf16le') : Buffer.from(s, 'latin1');
}

/** XLUnicodeString: 2-byte count, flags, characters. */
function unicodeString(s: string): Buffer {
  const wide = isWide(s);
  const h = Buffer.alloc(3);
  h.writeUInt16LE(s.length, 0);
  h[2] = wide ? 1 : 0;
  return Buffer.concat([h, encodeChars(s, wide)]);
}

/** An RK value for `v`, or null when RK cannot hold it exactly. */
export function encodeRk(v: number): number | null {
  for (const [x100, n] of [
    [0, v],
    [1, v * 100],
  ] as const) {
    if (Number.isInteger(n) && n >= -(2 ** 29) && n < 2 ** 29 && (x100 === 0 || Math.round(n) / 100 === v)) return ((n << 2) | 0x02 | x100) >>> 0;
  }
  const b = Buffer.alloc(8);
  b.writeDoubleLE(v, 0);
  if (b.readUInt32LE(0) === 0 && (b.readUInt32LE(4) & 0x03) === 0) return b.readUInt32LE(4);
  return null;
}

/** Shared strings written into SST + CONTINUE records of at most `max` data bytes. */
class SstWriter {
  readonly records: Buffer[] = [];
  private cur: number[] = [];
  private started = false;
  constructor(
    private readonly max: number,
    private readonly widen: boolean,
  ) {}
  private room(): number {
    return this.max - this.cur.length;
  }
  private next(): void {
    this.records.push(rec(this.started ? 0x003c : 0x00fc, Buffer.from(this.cur)));
    this.started = true;
    this.cur = [];
  }
  private bytes(b: Buffer | number[]): void {
    for (const x of b) {
      if (this.room() === 0) this.next();
      this.cur.push(x);
    }
  }
  header(total: number, unique: number): void {
    const b = Buffer.alloc(8);
    b.writeUInt32LE(total, 0);
    b.writeUInt32LE(unique, 4);
    this.bytes(b);
  }
  string(s: string, rich: boolean): void {
    let wide = isWide(s);
    const head = Buffer.alloc(3 + (rich ? 6 : 0));
    head.writeUInt16LE(s.length, 0);
    head[2] = (wide ? 1 : 0) | (rich ? 0x0c : 0);
    if (rich) {
      head.writeUInt16LE(2, 3); // two formatting runs
      head.writeUInt32LE(10, 5); // a 10-byte phonetic block
    }
    // The header is never split; at least one character follows it in the same record.
    if (this.room() < head.length + (s.length ? (wide ? 2 : 1) : 0)) this.next();
    this.bytes(head);
    let i = 0;
    while (i < s.length) {
      const width = wide ? 2 : 1;
      if (this.room() < width) {
        this.next();
        if (this.widen) wide = true;
        this.cur.push(wide ? 1 : 0);
      }
      const n = Math.min(s.length - i, Math.floor(this.room() / width));
      for (const x of encodeChars(s.slice(i, i + n), wide)) this.cur.push(x);
      i += n;
    }
    if (rich) {
      this.bytes([0, 0, 0, 0, 1, 0, 1, 0]);
      this.bytes([1, 0, 2, 0, 3, 0, 4, 0, 5, 0]);
    }
  }
  finish(): Buffer[] {
    this.next();
    return this.records;
  }
}

function cellHead(row: number, col: number, size: number): Buffer {
  const d = Buffer.alloc(6 + size);
  d.writeUInt16LE(row, 0);
  d.writeUInt16LE(col, 2);
  d.writeUInt16LE(15, 4); // ixfe: the default cell XF
  return d;
}

/** An XLS workbook (a compound file with a BIFF8 Workbook stream). */
export function buildXls(sheets: XlsSheetSpec[], opts: XlsWriteOptions = {}): Buffer {
  const version = opts.version ?? 0x0600;
  const strings = new Map<string, { index: number; rich: boolean }>();
  let total = 0;
  const sstIndex = (s: string, rich: boolean): number => {
    total++;
    const key = `${rich ? 'r' : 'p'}${s}`;
    let e = strings.get(key);
    if (!e) strings.set(key, (e = { index: strings.size, rich }));
    return e.index;
  };

  const sheetStreams = sheets.map((sheet) => {
    // DIMENSIONS follows the BOF in every real file; Calc drops the first cell record without it.
    const dimensions = Buffer.alloc(14);
    dimensions.writeUInt32LE(sheet.rows.length, 4);
    dimensions.writeUInt16LE(Math.max(0, ...sheet.rows.map((r) => r.length)), 10);
    const parts: Buffer[] = [bof(0x0010, version), rec(0x0200, dimensions)];
    sheet.rows.forEach((row, r) => {
      let c = 0;
      while (c < row.length) {
        const v = row[c];
        if (typeof v === 'number' && encodeRk(v) !== null) {
          // A run of RK numbers: MULRK when two or more.
          let end = c;
          while (end + 1 < row.length && typeof row[end + 1] === 'number' && encodeRk(row[end + 1] as number) !== null) end++;
          if (end > c) {
            const d = Buffer.alloc(4 + 6 * (end - c + 1) + 2);
            d.writeUInt16LE(r, 0);
            d.writeUInt16LE(c, 2);
            for (let k = c; k <= end; k++) {
              d.writeUInt16LE(15, 4 + 6 * (k - c));
              d.writeUInt32LE(encodeRk(row[k] as number)!, 6 + 6 * (k - c));
            }
            d.writeUInt16LE(end, d.length - 2);
            parts.push(rec(0x00bd, d));
            c = end + 1;
            continue;
          }
          const d = cellHead(r, c, 4);
          d.writeUInt32LE(encodeRk(v)!, 6);
          parts.push(rec(0x027e, d));
        } else if (typeof v === 'number' || (v && typeof v === 'object' && 'number' in v)) {
          const d = cellHead(r, c, 8);
          d.writeDoubleLE(typeof v === 'number' ? v : v.number, 6);
          parts.push(rec(0x0203, d));
        } else if (typeof v === 'string' || (v && typeof v === 'object' && 'rich' in v)) {
          const d = cellHead(r, c, 4);
          d.writeUInt32LE(typeof v === 'string' ? sstIndex(v, false) : sstIndex(v.rich, true), 6);
          parts.push(rec(0x00fd, d));
        } else if (v && typeof v === 'object' && 'label' in v) {
          parts.push(rec(0x0204, Buffer.concat([cellHead(r, c, 0), unicodeString(v.label)])));
        } else if (v && typeof v === 'object' && 'formula' in v) {
          const f = v.formula;
          // The formula is the constant itself (ptgNum / ptgStr / ptgBool), so an application that
          // recalculates on load (LibreOffice does) gets the same value as the cached result.
          const tokens =
            typeof f === 'number'
              ? Buffer.concat([Buffer.from([0x1f]), Buffer.alloc(8)])
              : typeof f === 'string'
                ? Buffer.concat([Buffer.from([0x17, f.length, isWide(f) ? 1 : 0]), encodeChars(f, isWide(f))])
                : Buffer.from([0x1d, f ? 1 : 0]);
          if (typeof f === 'number') tokens.writeDoubleLE(f, 1);
          const d = cellHead(r, c, 8 + 2 + 4 + 2 + tokens.length);
          if (typeof f === 'number') d.writeDoubleLE(f, 6);
          else {
            d[6] = typeof f === 'string' ? 0 : 1;
            if (typeof f === 'boolean') d[8] = f ? 1 : 0;
            d.writeUInt16LE(0xffff, 12);
          }
          d.writeUInt16LE(tokens.length, 20);
          tokens.copy(d, 22);
          parts.push(rec(0x0006, d));
          if (typeof f === 'string') parts.push(rec(0x0207, unicodeString(f)));
        } else if (v && typeof v === 'object' && 'bool' in v) {
          const d = cellHead(r, c, 2);
          d[6] = v.bool ? 1 : 0;
          parts.push(rec(0x0205, d));
        }
        c++;
      }
    });
    if (sheet.chart !== undefined) parts.push(bof(0x0020, version), rec(0x0204, Buffer.concat([cellHead(0, 0, 0), unicodeString(sheet.chart)])), eof());
    parts.push(eof());
    return Buffer.concat(parts);
  });

  const sst = new SstWriter(opts.maxRecordData ?? 8224, opts.widenContinuations ?? false);
  sst.header(total, strings.size);
  for (const [key, e] of strings) sst.string(key.slice(1), e.rich);
  const sstRecords = strings.size ? sst.finish() : [];

  const boundsheet = (name: string, hidden: XlsSheetSpec['hidden'], offset: number) => {
    const wide = isWide(name);
    const d = Buffer.alloc(8);
    d.writeUInt32LE(offset, 0);
    d[4] = hidden === 'very' ? 2 : hidden ? 1 : 0;
    d[5] = 0;
    d[6] = name.length;
    d[7] = wide ? 1 : 0;
    return rec(0x0085, Buffer.concat([d, encodeChars(name, wide)]));
  };
  const head = [bof(0x0005, version)];
  if (opts.encrypted) head.push(rec(0x002f, Buffer.concat([Buffer.from([1, 0]), Buffer.alloc(52, 0x5a)])));
  head.push(rec(0x0042, Buffer.from([0xb0, 0x04]))); // CODEPAGE 1200
  // Offsets of the sheets' BOFs depend on the globals' length: compute it with placeholders.
  const globalsLength = (offsets: number[]) =>
    Buffer.concat([...head, ...sheets.map((s, k) => boundsheet(s.name, s.hidden, offsets[k] ?? 0)), ...sstRecords, eof()]).length;
  let pos = globalsLength([]);
  const offsets = sheetStreams.map((s) => {
    const o = pos;
    pos += s.length;
    return o;
  });
  const globals = Buffer.concat([...head, ...sheets.map((s, k) => boundsheet(s.name, s.hidden, offsets[k]!)), ...sstRecords, eof()]);
  const stream = Buffer.concat([globals, ...sheetStreams]);

  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, 'Workbook', stream);
  return Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}

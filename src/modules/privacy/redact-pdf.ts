/**
 * Redacting a PDF (ADR 0006): every page holding a finding to mask is rasterised with pdf.js on
 * @napi-rs/canvas, the findings' boxes are painted opaque black, and the page is replaced by the
 * image with an invisible text layer carrying the page's text masked under the site policy (so
 * the copy stays searchable and can be checked by extracting it again). Pages without findings
 * are copied untouched with pdf-lib. Document-level data that the scanner does not read (info
 * dictionary, XMP metadata, bookmarks, form fields, embedded files) is not carried over.
 *
 * Fail closed: a page whose text pdf.js cannot draw (a font that is neither embedded nor
 * packaged renders as nothing), a blank rendering, vertical text, or any finding's value still
 * present in the re-extracted text → {@link PdfRedactionError}. No database; pure of I/O but
 * for parsing and rendering the bytes given.
 */
import { deflateSync } from 'node:zlib';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { PDFArray, PDFDocument, PDFName, type PDFPage, type PDFRef } from 'pdf-lib';
import type { RenderParameters, TextItem, TextStyle } from 'pdfjs-dist/types/src/display/api.js';
import { openPdf, type PDFDocumentProxy } from '../../lib/pdf.ts';
import { createPdf, finishPdf, PDF_FONT_FILES, PDF_FONTS, type PdfDoc } from '../../lib/pdf-writer.ts';
import { extractPdf } from './extract/pdf.ts';
import { bySegment, maskSegmentNodes, scanSegments, segmentText, type Segment } from './extract/segments.ts';
import { defaultMaskPolicy, type MaskPolicy } from './masking.ts';
import type { Finding } from './types.ts';

/** A painted box, in PDF points from the top-left corner of the page as displayed. */
export interface RedactedBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Result of redacting a PDF. */
export interface PdfRedaction {
  /** The new PDF (the input itself when nothing was to be masked). */
  output: Buffer;
  /** Findings masked. */
  masked: number;
  /** Pages (1-based) replaced by a redacted image; the others are the original pages. */
  pages: number[];
  boxes: RedactedBox[];
}

export interface PdfRedactionOptions {
  now: Date;
  policy?: MaskPolicy;
  /** Which findings are masked (the caller's rule: personal, medium or high). */
  select: (f: Finding) => boolean;
  /** Resolution of the images of redacted pages; 150 dpi unless told. */
  dpi?: number;
}

/** The PDF cannot be redacted safely; the message (Chinese) asks for a clean file. */
export class PdfRedactionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfRedactionError';
  }
}

/** One page's text as the privacy extractor sees it, one piece per pdf.js text item. */
interface PageText {
  segment: Segment;
  items: TextItem[];
  styles: Record<string, TextStyle>;
  /** Viewport at scale 1: page size in points as displayed, and the user-space → display transform. */
  width: number;
  height: number;
  transform: number[];
}

type Matrix = readonly number[];
type Point = readonly [number, number];

const apply = (m: Matrix, [x, y]: Point): [number, number] => [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];

async function readPage(doc: PDFDocumentProxy, n: number): Promise<PageText> {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  const viewport = page.getViewport({ scale: 1 });
  const items: TextItem[] = [];
  const pieces: Segment['pieces'] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    // Same text as extract/pdf.ts (NFKC, a line break after hasEOL), one node per item.
    pieces.push({ text: item.str.normalize('NFKC'), node: items.length });
    items.push(item);
    if (item.hasEOL) pieces.push({ text: '\n' });
  }
  page.cleanup();
  return { segment: { location: { page: n }, pieces }, items, styles: content.styles, width: viewport.width, height: viewport.height, transform: viewport.transform };
}

let measureCtx: SKRSContext2D | undefined;
const widthCache = new Map<string, number>();

/** Advance of a character in em, measured with the bundled CJK font (the ratio of a digit to a 汉字 is what matters). */
function charWidth(ch: string): number {
  let w = widthCache.get(ch);
  if (w !== undefined) return w;
  if (!measureCtx) {
    GlobalFonts.registerFromPath(PDF_FONT_FILES.body, 'GongkaiMeasure');
    measureCtx = createCanvas(10, 10).getContext('2d');
    measureCtx.font = '100px GongkaiMeasure';
  }
  w = measureCtx.measureText(ch).width / 100;
  if (!(w > 0)) w = /\s/.test(ch) ? 0.25 : 0.5;
  widthCache.set(ch, w);
  return w;
}

/**
 * Cumulative advance (in em) before each UTF-16 offset of the item's normalised text, and after
 * the last, measured on the item's own characters: NFKC turns a full-width ：，（ into a narrow
 * one, but the page shows the full-width glyph.
 */
function cumulative(original: string, text: string): number[] {
  const cum = [0];
  const push = (ch: string, w: number, units: number) => {
    for (let k = 0; k < units; k++) cum.push(cum[cum.length - 1]! + w / units);
  };
  const perChar = [...original].map((ch) => [ch, ch.normalize('NFKC')] as const);
  if (perChar.map(([, n]) => n).join('') === text) {
    for (const [ch, n] of perChar) push(ch, charWidth(ch), n.length);
  } else {
    for (const ch of text) push(ch, charWidth(ch), ch.length);
  }
  return cum;
}

const significant = /[\p{L}\p{N}]/u;

/**
 * The quadrilateral (display coordinates at scale 1) covering characters [from, to) of a text
 * item. pdf.js gives one box per item, not per glyph: the x-range is interpolated by the
 * characters' advances scaled to the item's width, then padded; when nothing significant is
 * left in the item outside the range (a table cell holding just the number), the whole item is
 * covered.
 */
function itemQuad(p: PageText, itemIndex: number, text: string, from: number, to: number): Point[] {
  const item = p.items[itemIndex]!;
  const [a, b, c, d, e, f] = item.transform as [number, number, number, number, number, number];
  const style = p.styles[item.fontName];
  const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 10;
  const along = Math.hypot(a, b) || 1;
  const u: Point = [a / along, b / along];
  const upLen = Math.hypot(c, d) || 1;
  const v: Point = [c / upLen, d / upLen];
  const cum = cumulative(item.str, text);
  const total = cum[cum.length - 1]! || 1;
  const width = item.width > 0 ? item.width : total * size;
  const pad = 0.3 * size;
  const whole = (s: string) => !significant.test(s);
  let x0 = whole(text.slice(0, from)) ? -pad : (width * cum[from]!) / total - pad;
  let x1 = whole(text.slice(to)) ? width + pad : (width * cum[to]!) / total + pad;
  x0 = Math.max(x0, -pad);
  x1 = Math.min(x1, width + pad);
  const descent = Math.min(style?.descent ?? -0.2, -0.2) - 0.12;
  const ascent = Math.max(style?.ascent ?? 0.9, 0.88) + 0.08;
  const at = (x: number, y: number): [number, number] => apply(p.transform, [e + u[0] * x + v[0] * y * size, f + u[1] * x + v[1] * y * size]);
  return [at(x0, descent), at(x1, descent), at(x1, ascent), at(x0, ascent)];
}

/** Quadrilaterals covering one finding (it may span several items, or part of one). */
function findingQuads(p: PageText, finding: Finding): Point[][] {
  const quads: Point[][] = [];
  let pos = 0;
  for (const piece of p.segment.pieces) {
    const start = pos;
    pos += piece.text.length;
    if (piece.node === undefined || pos <= finding.start || start >= finding.end) continue;
    const item = p.items[piece.node]!;
    if (p.styles[item.fontName]?.vertical) {
      throw new PdfRedactionError(`PDF 第 ${finding.location?.page ?? '?'} 页的个人信息位于竖排文字中，无法自动脱敏。请对原始文件脱敏后重新生成 PDF 并上传`);
    }
    const from = Math.max(finding.start, start) - start;
    const to = Math.min(finding.end, pos) - start;
    if (!piece.text.slice(from, to).trim()) continue;
    quads.push(itemQuad(p, piece.node, piece.text, from, to));
  }
  return quads;
}

/** true when some pixel in the axis-aligned box around `quad` (pixel units) is darker than near-white. */
function hasInk(data: Uint8ClampedArray, w: number, h: number, quad: Point[]): boolean | null {
  const xs = quad.map((q) => q[0]);
  const ys = quad.map((q) => q[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(w, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(h, Math.ceil(Math.max(...ys)));
  if (x1 <= x0 || y1 <= y0) return null; // outside the page: nothing to see
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * w + x) * 4;
      if (Math.min(data[i]!, data[i + 1]!, data[i + 2]!) < 200) return true;
    }
  }
  return false;
}

/** Raw pixels → a Flate-compressed image XObject (grey when the page has no colour). */
function imageStream(out: PDFDocument, data: Uint8ClampedArray, w: number, h: number): PDFRef {
  let grey = true;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) {
      grey = false;
      break;
    }
  }
  const channels = grey ? 1 : 3;
  const raw = Buffer.alloc(w * h * channels);
  for (let px = 0, o = 0; px < w * h; px++) {
    raw[o++] = data[px * 4]!;
    if (!grey) {
      raw[o++] = data[px * 4 + 1]!;
      raw[o++] = data[px * 4 + 2]!;
    }
  }
  const stream = out.context.stream(deflateSync(raw), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: w,
    Height: h,
    ColorSpace: grey ? 'DeviceGray' : 'DeviceRGB',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
  });
  return out.context.register(stream);
}

interface RenderedPage {
  page: number;
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
  pixelWidth: number;
  pixelHeight: number;
}

/** Renders a page on a white canvas, checks that it and its text were drawn, paints the boxes. */
async function renderRedacted(doc: PDFDocumentProxy, p: PageText, n: number, quads: Point[][], scale: number): Promise<RenderedPage> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale });
  const w = Math.ceil(viewport.width);
  const h = Math.ceil(viewport.height);
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  try {
    // @napi-rs/canvas is the canvas pdf.js itself uses in Node; its types are not the DOM's.
    const params = { canvas, canvasContext: ctx, viewport, background: '#ffffff' } as unknown as RenderParameters;
    await page.render(params).promise;
  } catch {
    page.cleanup();
    throw new PdfRedactionError(`PDF 第 ${n} 页无法渲染，无法自动脱敏。请对原始文件脱敏后重新生成 PDF 并上传`);
  }
  // A font neither embedded nor packaged with pdf.js (e.g. STSong-Light) is drawn as empty
  // boxes: the image would lose the page's words.
  const missing = [...new Set(p.items.filter((i) => significant.test(i.str)).map((i) => i.fontName))].filter((name) => {
    const font = page.commonObjs.has(name) ? (page.commonObjs.get(name) as { missingFile?: boolean; isType3Font?: boolean }) : null;
    return !font || (font.missingFile === true && !font.isType3Font);
  });
  page.cleanup();
  if (missing.length) {
    throw new PdfRedactionError(`PDF 第 ${n} 页使用了未嵌入的字体，文字无法按原样显示，无法自动脱敏。请对原始文件脱敏后重新生成 PDF（嵌入字体）并上传`);
  }
  const before = ctx.getImageData(0, 0, w, h).data;
  const toPx = (q: Point[]) => q.map(([x, y]) => [x * scale, y * scale] as const);
  if (!hasInk(before, w, h, [[0, 0], [w, 0], [w, h], [0, h]])) {
    throw new PdfRedactionError(`PDF 第 ${n} 页渲染结果为空白，无法自动脱敏（不会以空白页代替原页）。请对原始文件脱敏后重新生成 PDF 并上传`);
  }
  // Every piece of text must show up as ink where pdf.js says it is: a font that could not be
  // drawn would silently drop words from the published page.
  for (const piece of p.segment.pieces) {
    if (piece.node === undefined || !significant.test(piece.text)) continue;
    const ink = hasInk(before, w, h, toPx(itemQuad(p, piece.node, piece.text, 0, piece.text.length)));
    if (ink === false) {
      throw new PdfRedactionError(`PDF 第 ${n} 页的文字无法按原样显示（可能使用了未嵌入的字体），无法自动脱敏。请对原始文件脱敏后重新生成 PDF 并上传`);
    }
  }
  ctx.fillStyle = '#000000';
  for (const quad of quads) {
    ctx.beginPath();
    const px = toPx(quad);
    ctx.moveTo(px[0]![0], px[0]![1]);
    for (const [x, y] of px.slice(1)) ctx.lineTo(x, y);
    ctx.closePath();
    ctx.fill();
  }
  return { page: n, width: p.width, height: p.height, pixels: ctx.getImageData(0, 0, w, h).data, pixelWidth: w, pixelHeight: h };
}

/** The invisible text layer of a redacted page (text render mode 3), each item where it was, masked. */
function writeTextLayer(doc: PdfDoc, p: PageText, masked: Map<number, string>): void {
  doc.addPage({ size: [p.width, p.height], margin: 0 });
  doc.font(PDF_FONTS.body);
  p.items.forEach((item, k) => {
    const text = (masked.get(k) ?? item.str.normalize('NFKC')).replace(/\s+$/, '');
    if (!text.trim()) return;
    const [a, b, c, d, e, f] = item.transform as [number, number, number, number, number, number];
    const [x, y] = apply(p.transform, [e, f]);
    const [dx, dy] = [p.transform[0]! * a + p.transform[2]! * b, p.transform[1]! * a + p.transform[3]! * b];
    const size = Math.hypot(c, d) || Math.hypot(a, b) || 10;
    doc.fontSize(size);
    const natural = doc.widthOfString(text);
    const scaling = natural > 0 && item.width > 0 ? Math.min(1000, Math.max(10, (item.width / natural) * 100)) : 100;
    doc.save();
    doc.rotate((Math.atan2(dy, dx) * 180) / Math.PI, { origin: [x, y] });
    doc.addContent('3 Tr');
    // horizontalScaling (Tz) is supported by pdfkit 0.20 but missing from its type definitions.
    doc.text(text, x, y, { lineBreak: false, baseline: 'alphabetic', horizontalScaling: scaling } as PDFKit.Mixins.TextOptions);
    doc.restore();
  });
}

/** Puts the image under the page's existing content (the invisible text layer). */
function paintImage(out: PDFDocument, page: PDFPage, image: PDFRef, width: number, height: number): void {
  const name = page.node.newXObject('GkRedacted', image);
  const draw = out.context.register(out.context.stream(`q ${width} 0 0 ${height} 0 0 cm /${name.asString().slice(1)} Do Q\n`));
  const contents = page.node.get(PDFName.of('Contents'));
  const list = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  page.node.set(PDFName.of('Contents'), out.context.obj([draw, ...list]));
}

const compact = (s: string) => s.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Redacts the selected findings of a PDF. Throws {@link PdfRedactionError} when a page cannot
 * be redacted safely, or when a masked value can still be read from the copy's text layer.
 */
export async function redactPdf(data: Buffer, opts: PdfRedactionOptions): Promise<PdfRedaction> {
  const policy = opts.policy ?? defaultMaskPolicy;
  const scale = (opts.dpi ?? 150) / 72;
  const doc = await openPdf(data);
  const boxes: RedactedBox[] = [];
  const rendered: Array<{ n: number; text: PageText; masked: Map<number, string>; image: RenderedPage }> = [];
  const values: string[] = [];
  let count = 0;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const text = await readPage(doc, n);
      if (!segmentText(text.segment).trim()) continue;
      const findings = bySegment(scanSegments([text.segment], { now: opts.now, policy }).filter((s) => opts.select(s.finding))).get(0) ?? [];
      if (!findings.length) continue;
      count += findings.length;
      const quads = findings.flatMap((f) => findingQuads(text, f));
      for (const q of quads) {
        const xs = q.map((pt) => pt[0]);
        const ys = q.map((pt) => pt[1]);
        boxes.push({ page: n, x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) });
      }
      values.push(...findings.map((f) => compact(f.text)).filter((v) => v.length >= 6));
      const image = await renderRedacted(doc, text, n, quads, scale);
      rendered.push({ n, text, masked: maskSegmentNodes(text.segment, findings, policy), image });
    }
  } finally {
    await doc.destroy();
  }
  if (!count) return { output: data, masked: 0, pages: [], boxes: [] };

  const layers = createPdf({ title: '' });
  for (const r of rendered) writeTextLayer(layers, r.text, r.masked);
  const layerDoc = await PDFDocument.load(await finishPdf(layers));
  let source: PDFDocument;
  try {
    source = await PDFDocument.load(data, { updateMetadata: false });
  } catch {
    throw new PdfRedactionError('PDF 的结构无法复制，无法自动脱敏。请对原始文件脱敏后重新生成 PDF 并上传');
  }
  const out = await PDFDocument.create();
  out.setProducer('Gongkai (公开)');
  out.setCreator('Gongkai (公开) 隐私脱敏');
  const byPage = new Map(rendered.map((r, k) => [r.n, { r, k }]));
  const total = source.getPageCount();
  for (let i = 0; i < total; i++) {
    const hit = byPage.get(i + 1);
    if (!hit) {
      const [copy] = await out.copyPages(source, [i]);
      out.addPage(copy!);
      continue;
    }
    // Page 0 of the layer document is the A4 page pdfkit starts with.
    const [layer] = await out.copyPages(layerDoc, [hit.k + 1]);
    const page = out.addPage(layer!);
    const img = hit.r.image;
    paintImage(out, page, imageStream(out, img.pixels, img.pixelWidth, img.pixelHeight), img.width, img.height);
  }
  const output = Buffer.from(await out.save({ useObjectStreams: true }));
  await verifyRedacted(output, total, values);
  return { output, masked: count, pages: rendered.map((r) => r.n), boxes };
}

/** Reads the copy back with the privacy extractor: same page count, no masked value left in its text. */
async function verifyRedacted(output: Buffer, pages: number, values: string[]): Promise<void> {
  const again = await extractPdf(output).catch(() => null);
  if (!again || again.pages !== pages) throw new PdfRedactionError('PDF 脱敏后的副本无法读回，已拒绝。请对原始文件脱敏后重新生成 PDF 并上传');
  const text = compact(again.segments.map((s) => segmentText(s)).join('\n'));
  const left = values.filter((v) => text.includes(v)).length;
  if (left) throw new PdfRedactionError(`PDF 脱敏后复查文字层仍含 ${left} 处原始号码，已拒绝。请对原始文件脱敏后重新生成 PDF 并上传`);
}

/**
 * Rasterising documents for rendering tests: PDF pages through poppler's pdftoppm (PPM, read by
 * the tiny P6 reader below; PNG copies for people to look at), DOCX through LibreOffice
 * (soffice --convert-to pdf, a private profile per run so parallel runs do not collide), and
 * the pixel probes that find table rules. Tests using it skip when the tools are missing,
 * except when CI is set (they must run there).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const which = (names: string[]) => names.find((p) => existsSync(p));
/** Poppler's rasteriser, when installed. */
export const pdftoppmPath = which(['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm']);
/** LibreOffice, when installed. */
export const sofficePath = which(['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice']);

/**
 * true when the tools are here; in CI a missing tool throws (the rendering tests must run there),
 * elsewhere the caller skips with the printed hint.
 */
export function rasterToolsAvailable(need: { soffice?: boolean } = {}): boolean {
  const missing = [!pdftoppmPath && 'pdftoppm (apt-get install poppler-utils)', need.soffice && !sofficePath && 'soffice (apt-get install libreoffice-writer)'].filter(Boolean);
  if (missing.length === 0) return true;
  if (process.env.CI) throw new Error(`CI needs ${missing.join(', ')} for the rendering tests`);
  console.warn(`rendering tests skipped: missing ${missing.join(', ')}`);
  return false;
}

/** A greyscale page image: one byte per pixel, 0 black … 255 white. */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Reads a binary PPM (P6, maxval < 256) into greyscale. */
export function readPpm(data: Buffer): GrayImage {
  // Header: "P6", width, height, maxval, separated by whitespace (comments start with #), one whitespace byte, then RGB.
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (/\s/.test(String.fromCharCode(data[pos]!))) pos++;
      if (data[pos] !== 0x23) break;
      while (data[pos] !== 0x0a) pos++;
    }
    const start = pos;
    while (pos < data.length && !/\s/.test(String.fromCharCode(data[pos]!))) pos++;
    return data.toString('latin1', start, pos);
  };
  if (token() !== 'P6') throw new Error('not a binary PPM (P6)');
  const width = Number(token());
  const height = Number(token());
  const maxval = Number(token());
  if (!(width > 0 && height > 0 && maxval > 0 && maxval < 256)) throw new Error('unsupported PPM header');
  pos++;
  if (data.length - pos < width * height * 3) throw new Error('PPM data too short');
  const pixels = new Uint8Array(width * height);
  for (let i = 0, p = pos; i < pixels.length; i++, p += 3) {
    pixels[i] = Math.round(((0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!) * 255) / maxval);
  }
  return { width, height, pixels };
}

/**
 * Rasterises every page of `pdfFile` at `dpi`: returns the pages as greyscale images (from PPM)
 * and writes PNG copies `<pngPrefix>-<n>.png` for people to look at.
 */
export async function rasterizePdf(pdfFile: string, pngPrefix: string, dpi = 60): Promise<GrayImage[]> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'gk-ppm-'));
  try {
    await run(pdftoppmPath!, ['-r', String(dpi), pdfFile, path.join(work, 'p')]);
    await mkdir(path.dirname(pngPrefix), { recursive: true });
    await run(pdftoppmPath!, ['-r', String(dpi), '-png', pdfFile, pngPrefix]);
    const files = (await readdir(work)).filter((f) => f.endsWith('.ppm')).sort((a, b) => pageNo(a) - pageNo(b));
    return Promise.all(files.map(async (f) => readPpm(await readFile(path.join(work, f)))));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const pageNo = (file: string) => Number(/-(\d+)\.ppm$/.exec(file)?.[1] ?? 0);

/** Converts a DOCX (or any document LibreOffice opens) to PDF in `outDir`; returns the PDF's path. */
export async function convertToPdf(file: string, outDir: string): Promise<string> {
  // A private profile per run: two soffice processes on one profile block or fail.
  const profile = await mkdtemp(path.join(os.tmpdir(), 'gk-soffice-'));
  try {
    await mkdir(outDir, { recursive: true });
    await run(sofficePath!, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, file], { timeout: 120_000 });
    const out = path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
    if (!existsSync(out)) throw new Error(`soffice wrote no PDF for ${file}`);
    return out;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ pixel probes

/** A pixel darker than this is ink (rules are anti-aliased grey at low resolution). */
export const INK = 170;

const at = (img: GrayImage, x: number, y: number) => img.pixels[y * img.width + x] ?? 255;
/** Ink at (x, y) or the pixel to its right (a thin rule can fall between two pixel columns). */
const inkV = (img: GrayImage, x: number, y: number) => Math.min(at(img, x, y), at(img, x + 1, y)) < INK;
const inkH = (img: GrayImage, x: number, y: number) => Math.min(at(img, x, y), at(img, x, y + 1)) < INK;

/** true when column x is ink over (almost) all of y0..y1: a vertical rule, not text (text leaves gaps). */
export function verticalRuleAt(img: GrayImage, x: number, y0: number, y1: number, share = 0.9): boolean {
  let ink = 0;
  for (let y = y0; y <= y1; y++) if (inkV(img, x, y)) ink++;
  return ink >= share * (y1 - y0 + 1);
}

/** true when row y is ink over (almost) all of x0..x1: a horizontal rule. */
export function horizontalRuleAt(img: GrayImage, y: number, x0: number, x1: number, share = 0.9): boolean {
  let ink = 0;
  for (let x = x0; x <= x1; x++) if (inkH(img, x, y)) ink++;
  return ink >= share * (x1 - x0 + 1);
}

/**
 * Positions of the vertical rules crossing the band y0..y1 strictly between x0 and x1 (adjacent
 * hits merged). Give the band between the horizontal rules ({@link innerRows}) and share 1: a
 * rule is ink in every row of it, a glyph stroke never is (the cell's padding is blank).
 */
export function verticalRules(img: GrayImage, x0: number, x1: number, y0: number, y1: number, share = 0.9): number[] {
  return merge(range(x0, x1).filter((x) => verticalRuleAt(img, x, y0, y1, share)));
}

/** The pixel rows strictly inside a band bounded by horizontal rules at about y0 and y1 (rule pixels excluded). */
export function innerRows(img: GrayImage, y0: number, y1: number, x0: number, x1: number): [number, number] {
  // Pixel by pixel here: the probes' two-pixel tolerance would count the row next to a rule as rule.
  const ruleRow = (y: number) => range(x0 - 1, x1 + 1).filter((x) => at(img, x, y) < INK).length >= 0.9 * (x1 - x0 + 1);
  let top = y0;
  while (top < y1 && ruleRow(top)) top++;
  let bottom = y1;
  while (bottom > top && ruleRow(bottom)) bottom--;
  return [top, bottom];
}

/** Positions of the horizontal rules crossing x0..x1 strictly between y0 and y1. */
export function horizontalRules(img: GrayImage, y0: number, y1: number, x0: number, x1: number): number[] {
  return merge(range(y0, y1).filter((y) => horizontalRuleAt(img, y, x0, x1)));
}

const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a - 1) }, (_, i) => a + 1 + i);
function merge(hits: number[]): number[] {
  const out: number[] = [];
  for (const h of hits) if (out.length === 0 || h - out[out.length - 1]! > 2) out.push(h);
  return out;
}

/** A box in pixels, edges on the rules. */
export interface CellBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The cell around a line of text: from the text's box (pixels) out to the first vertical rule on
 * each side (probed on the text line only, so the text itself is never crossed), then up and down
 * to the first horizontal rule that spans the whole cell width (text never does).
 */
export function cellAround(img: GrayImage, text: { x0: number; x1: number; y0: number; y1: number }): CellBox | null {
  const mid = Math.round((text.y0 + text.y1) / 2);
  const band = [mid - 2, mid + 2] as const;
  let left = Math.floor(text.x0) - 1;
  while (left > 0 && !verticalRuleAt(img, left, band[0], band[1])) left--;
  let right = Math.ceil(text.x1) + 1;
  while (right < img.width - 1 && !verticalRuleAt(img, right, band[0], band[1])) right++;
  if (left <= 0 || right >= img.width - 1) return null;
  const inner = [left + 3, right - 3] as const;
  let top = Math.floor(text.y0);
  while (top > 0 && !horizontalRuleAt(img, top, inner[0], inner[1])) top--;
  let bottom = Math.ceil(text.y1);
  while (bottom < img.height - 1 && !horizontalRuleAt(img, bottom, inner[0], inner[1])) bottom++;
  if (top <= 0 || bottom >= img.height - 1) return null;
  return { left, right, top, bottom };
}

/**
 * Rasterises page 1 of a PDF held in memory at `dpi` and keeps a PNG of it as
 * /tmp/gk-render/<name>.png for people to look at (the work files are removed).
 */
export async function renderFirstPage(pdf: Uint8Array, name: string, dpi = 80): Promise<GrayImage> {
  const work = await mkdtemp(path.join(os.tmpdir(), `gk-${name}-`));
  try {
    const file = path.join(work, `${name}.pdf`);
    await writeFile(file, pdf);
    const [page1] = await rasterizePdf(file, path.join(work, name), dpi);
    await mkdir('/tmp/gk-render', { recursive: true });
    await copyFile(path.join(work, `${name}-1.png`), `/tmp/gk-render/${name}.png`);
    return page1!;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The top-left of a window (side ≈ 2/3 of a 90 pt QR at 80 dpi) where ink covers 30–70 % and
 * every row alternates dark/light at least 3 times: a QR code. Text fails the every-row test
 * (line gaps), rules and blank paper the density test.
 */
export function findQr(img: GrayImage): { x: number; y: number } | null {
  const side = 60;
  const dark = (x: number, y: number) => img.pixels[y * img.width + x]! < 128;
  for (let y = 0; y + side < img.height; y += 4) {
    for (let x = 0; x + side < img.width; x += 4) {
      let ink = 0;
      let everyRow = true;
      for (let yy = y; yy < y + side && everyRow; yy++) {
        let flips = 0;
        for (let xx = x; xx < x + side; xx++) {
          if (dark(xx, yy)) ink++;
          if (xx > x && dark(xx, yy) !== dark(xx - 1, yy)) flips++;
        }
        if (flips < 3) everyRow = false;
      }
      const share = ink / (side * side);
      if (everyRow && share > 0.3 && share < 0.7) return { x, y };
    }
  }
  return null;
}

/**
 * PDF redaction on real PDFs written by the project's PDF writer: the masked copy's text layer
 * (extracted again with the privacy extractor) holds no full ID or phone, an independent
 * renderer (poppler) shows every value's glyph area painted black and the rest of the page as
 * before, the page without findings is copied untouched; PDFs that cannot be redacted safely are
 * refused.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, PDFDict } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildPdf } from '../../../test/fixtures.ts';
import { buildPdfNotice, groupedMobile, pdfPeople } from '../../../test/privacy-pdf.ts';
import { rasterizePdf, rasterToolsAvailable, type GrayImage } from '../../../test/support/raster.ts';
import { extractPdf } from './extract/pdf.ts';
import { segmentText } from './extract/segments.ts';
import { isBlocking, maskFile, MaskRefusedError, scanFile } from './file-scan.ts';
import { PdfRedactionError, redactPdf } from './redact-pdf.ts';

const now = new Date('2025-06-01T00:00:00Z');
const select = (f: { personal: boolean; confidence: string }) => isBlocking({ personal: f.personal, confidence: f.confidence as 'high' });

async function pageTexts(pdf: Buffer): Promise<string[]> {
  return (await extractPdf(pdf)).segments.map((s) => segmentText(s));
}

/** XObject names of a page's resources (pdf-lib). */
function xobjects(doc: PDFDocument, i: number): string[] {
  const res = doc.getPage(i).node.Resources();
  const x = res?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  return x ? x.keys().map((k) => k.asString()) : [];
}

describe('redactPdf', () => {
  it('redacts the IDs and phones of a 公示 table and sentence; the text layer keeps everything else, masked', async () => {
    const { pdf } = await buildPdfNotice();
    const before = await pageTexts(pdf);
    expect(before[0]).toContain(pdfPeople[2].id);
    const r = await redactPdf(pdf, { now, select });
    // 3 IDs + 3 mobiles in the table, 1 ID + 1 grouped mobile in the sentence.
    expect(r.masked).toBe(8);
    expect(r.pages).toEqual([1]);
    expect(r.boxes.length).toBe(8);
    expect(r.boxes.every((b) => b.page === 1 && b.width > 0 && b.height > 0)).toBe(true);

    const after = await pageTexts(r.output);
    expect(after).toHaveLength(2);
    const all = after.join('\n');
    for (const p of pdfPeople) {
      expect(all).not.toContain(p.id);
      expect(all).not.toContain(p.mobile);
      expect(all.replace(/\s/g, '')).not.toContain(p.id.slice(2, -3));
      expect(all).toContain(p.name); // names are low confidence and stay for the reviewer
    }
    expect(all).not.toContain(groupedMobile);
    expect(all).toContain('11*************02X');
    expect(all).toContain('138****8000');
    expect(all).toContain('186 **** 6789');
    expect(after[0]).toContain('补助金额');
    expect(after[0]).toContain('曲尺乡人民政府反映');
    expect(after[1]).toBe(before[1]);

    const rescan = await scanFile('公示.pdf', r.output, { now });
    expect(rescan.findings.filter((f) => isBlocking(f))).toEqual([]);
    expect(rescan.manualReview).toEqual([]);

    // Page 1 is one image under an invisible text layer; page 2 is the original page.
    const [src, out] = await Promise.all([PDFDocument.load(pdf), PDFDocument.load(r.output)]);
    expect(out.getPageCount()).toBe(2);
    expect(xobjects(out, 0).filter((n) => n.startsWith('/GkRedacted'))).toHaveLength(1);
    expect(xobjects(out, 1)).toEqual(xobjects(src, 1));
    expect(out.getPage(0).getSize()).toEqual(src.getPage(0).getSize());
    expect(out.getPage(1).getSize()).toEqual(src.getPage(1).getSize());
    // Document metadata the scanner does not read is not carried over.
    expect(out.getAuthor()).toBeUndefined();
  });

  it.runIf(rasterToolsAvailable())('paints every value black where its glyphs are, and keeps the rest of the page as it was (poppler rendering)', async () => {
    const { pdf, values } = await buildPdfNotice();
    const r = await redactPdf(pdf, { now, select });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gk-redact-'));
    writeFileSync(path.join(dir, 'in.pdf'), pdf);
    writeFileSync(path.join(dir, 'out.pdf'), r.output);
    const dpi = 72;
    const [orig] = await rasterizePdf(path.join(dir, 'in.pdf'), path.join(dir, 'in'), dpi);
    const [red] = await rasterizePdf(path.join(dir, 'out.pdf'), path.join(dir, 'out'), dpi);
    const at = (img: GrayImage, x: number, y: number) => img.pixels[Math.round(y) * img.width + Math.round(x)]!;
    expect(values).toHaveLength(8);
    for (const v of values) {
      // The glyph area, shrunk by half a point: dark ink in the original, all black in the copy.
      let ink = 0;
      for (let y = v.y + 0.5; y <= v.y + v.height - 0.5; y++) {
        for (let x = v.x + 0.5; x <= v.x + v.width - 0.5; x++) {
          expect(at(red!, x, y), `${v.value} at ${x.toFixed(0)},${y.toFixed(0)}`).toBeLessThan(40);
          if (at(orig!, x, y) < 128) ink++;
        }
      }
      expect(ink, v.value).toBeGreaterThan(10);
    }
    // Away from the boxes (and a margin around them), the page looks the same: compared by the
    // mean darkness of 6 × 6 pt blocks (the copy is an image, so single pixels differ at edges).
    const boxes = r.boxes.map((b) => ({ x0: b.x - 3, y0: b.y - 3, x1: b.x + b.width + 3, y1: b.y + b.height + 3 }));
    const block = 6;
    let inked = 0;
    let differ = 0;
    for (let by = 0; by + block <= orig!.height; by += block) {
      for (let bx = 0; bx + block <= orig!.width; bx += block) {
        if (boxes.some((b) => bx + block >= b.x0 && bx <= b.x1 && by + block >= b.y0 && by <= b.y1)) continue;
        let a = 0;
        let b = 0;
        for (let y = by; y < by + block; y++) for (let x = bx; x < bx + block; x++) [a, b] = [a + 255 - at(orig!, x, y), b + 255 - at(red!, x, y)];
        if (a / (block * block) < 8) continue;
        inked++;
        if (Math.abs(a - b) / (block * block) > 40) differ++;
      }
    }
    expect(inked).toBeGreaterThan(100); // the headings, labels, names and amounts are there
    expect(differ / inked).toBeLessThan(0.05);
  });

  it('returns the input unchanged when nothing is to be masked', async () => {
    const { pdf } = await buildPdfNotice();
    const r = await redactPdf(pdf, { now, select: () => false });
    expect(r).toMatchObject({ masked: 0, pages: [], boxes: [] });
    expect(r.output).toBe(pdf);
  });

  it('refuses a page whose font is not embedded (drawn as empty boxes) instead of publishing a degraded page', async () => {
    const pdf = buildPdf(['公示名单', `户主：张三 身份证号：${pdfPeople[0].id}`]);
    await expect(redactPdf(pdf, { now, select })).rejects.toThrow(PdfRedactionError);
    await expect(redactPdf(pdf, { now, select })).rejects.toThrow(/未嵌入的字体/);
  });

  it('refuses a page whose text is not drawn where pdf.js says it is (invisible text)', async () => {
    const { pdf } = await buildPdfNotice({ invisibleText: true });
    await expect(redactPdf(pdf, { now, select })).rejects.toThrow(/无法按原样显示/);
  });
});

describe('maskFile on PDF', () => {
  it('masks a PDF 公示 and reports the redacted pages; a refusal becomes PDF_NOT_MASKABLE with a message', async () => {
    const { pdf } = await buildPdfNotice();
    const r = await maskFile('公示.pdf', pdf, { now });
    expect(r.masked).toBe(8);
    expect(r.redacted?.pages).toEqual([1]);
    const err = await maskFile('名单.pdf', buildPdf([`身份证号：${pdfPeople[0].id}`]), { now }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MaskRefusedError);
    expect(err).toMatchObject({ reason: 'PDF_NOT_MASKABLE', message: expect.stringMatching(/^PDF「名单\.pdf」.*无法自动脱敏.*请对原始文件脱敏后重新生成 PDF/) });
  });
});

/**
 * Opening a PDF with pdf.js (legacy build) the one right way: the packaged CMaps and standard
 * fonts (without them, PDFs using predefined CJK encodings extract as empty — STACK.md), no eval,
 * no system fonts, and a copy of the bytes (pdf.js detaches the buffer it is given).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';

export type { PDFDocumentProxy };

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));

/** Why a PDF could not be opened. */
export class PdfOpenError extends Error {
  constructor(readonly kind: 'encrypted' | 'corrupt') {
    super(kind === 'encrypted' ? 'PDF is encrypted' : 'not a readable PDF');
    this.name = 'PdfOpenError';
  }
}

/** Opens a PDF; the caller must `destroy()` it. Throws {@link PdfOpenError}. */
export async function openPdf(data: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(data),
    cMapUrl: `${pdfjsRoot}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${pdfjsRoot}/standard_fonts/`,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw new PdfOpenError((err as { name?: string }).name === 'PasswordException' ? 'encrypted' : 'corrupt');
  }
}

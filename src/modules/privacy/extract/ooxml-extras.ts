/**
 * What DOCX and XLSX files carry besides their body: document properties (docProps/core.xml
 * and app.xml: title, author, last modified by, company…) and embedded images (word/media,
 * xl/media). Properties are scanned like text, each value an editable node so that a masked
 * copy masks them too; a person field (作者, 最后修改者, 经理) is put after a 姓名 label, so a name
 * there is reported like a name in a form. An embedded image cannot be read: each one is a
 * "needs manual review" item, never silently clean (as an uploaded image is).
 */
import type JSZip from 'jszip';
import path from 'node:path';
import type { ManualReviewItem, Piece, Segment } from './segments.ts';
import { decodeEntities, forEachTag } from './xml.ts';

/** The location `part` of every document property finding. */
export const docPropsPart = '文档属性';

/** Property elements scanned, by local name: their Chinese label and whether they name a person. */
const fields: Record<string, { label: string; person?: boolean }> = {
  title: { label: '标题' },
  subject: { label: '主题' },
  creator: { label: '作者', person: true },
  lastModifiedBy: { label: '最后修改者', person: true },
  keywords: { label: '关键词' },
  description: { label: '备注' },
  category: { label: '类别' },
  contentStatus: { label: '状态' },
  Manager: { label: '经理', person: true },
  Company: { label: '单位' },
};

const propParts = ['docProps/core.xml', 'docProps/app.xml'];

/**
 * Reads the document properties into one segment (null when there are none). `addNode`
 * registers an editable text node (its part and the offsets of its raw text) and returns its
 * node index; the parts' XML goes into `parts` so a writer can rewrite them.
 */
export async function readDocProps(zip: JSZip, parts: Map<string, string>, addNode: (part: string, start: number, end: number) => number): Promise<Segment | null> {
  const pieces: Piece[] = [];
  for (const part of propParts) {
    const file = zip.file(part);
    if (!file) continue;
    const xml = await file.async('string');
    parts.set(part, xml);
    let open: { local: string; end: number } | null = null;
    forEachTag(xml, (t) => {
      const local = t.name.replace(/^[\w-]+:/, '');
      if (!Object.hasOwn(fields, local)) return;
      if (!t.closing && !t.selfClosing) open = { local, end: t.end };
      else if (t.closing && open?.local === local) {
        const start = open.end;
        open = null;
        const text = decodeEntities(xml.slice(start, t.start)).replace(/[\t\r\n]+/g, ' ');
        const field = fields[local]!;
        if (!text.trim()) return;
        if (pieces.length) pieces.push({ text: '\n' });
        // A person field reads as a form's 姓名 field, so the name detector sees its label.
        pieces.push({ text: field.person ? `姓名（${field.label}）：` : `${field.label}：` });
        pieces.push({ text, node: addNode(part, start, t.start), location: { part: docPropsPart, property: field.label } });
      }
    });
  }
  return pieces.length ? { location: { part: docPropsPart }, pieces } : null;
}

const imageExtensions = /\.(png|jpe?g|gif|bmp|tiff?|webp|emf|wmf|svg)$/i;

/** One manual-review item per image stored under `folder` (word/media/, xl/media/). */
export function embeddedImages(zip: JSZip, folder: string): ManualReviewItem[] {
  return Object.keys(zip.files)
    .filter((p) => p.startsWith(folder) && !zip.files[p]!.dir && imageExtensions.test(p))
    .sort()
    .map((p) => ({ location: { part: `嵌入图片 ${path.posix.basename(p)}` }, reason: '文档中嵌入的图片，其中的文字无法自动检查，须人工核对是否含个人信息' }));
}

import CFB from 'cfb';
import { describe, expect, it } from 'vitest';
import { buildXls } from '../privacy/testing/xls-writer.ts';
import {
  brokenPng,
  buildDocx,
  buildGif,
  buildJpegHeader,
  buildPdf,
  buildPng,
  buildXlsx,
  inflateClaimedSize,
  truncate,
} from '../../../test/fixtures.ts';
import { cleanFilename, inspectAttachment } from './attachment-content.ts';

async function refusal(filename: string, data: Buffer): Promise<{ status: number; reason: string; message: string }> {
  try {
    await inspectAttachment(filename, data);
  } catch (err) {
    const e = err as { status: number; reason: string; message: string };
    return { status: e.status, reason: e.reason, message: e.message };
  }
  throw new Error(`${filename} was accepted`);
}

describe('inspectAttachment: accepted files and their text', () => {
  it('reads every paragraph of a DOCX', async () => {
    const r = await inspectAttachment('通知.docx', await buildDocx(['曲尺乡低保资金', '第二段：危房改造']));
    expect(r.kind).toBe('docx');
    expect(r.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(r.text).toContain('曲尺乡低保资金');
    expect(r.text).toContain('危房改造');
  });

  it('reads every cell of every sheet of an XLSX', async () => {
    const r = await inspectAttachment('名单.XLSX', await buildXlsx({ 一月: [['村', '金额'], ['柳坪村', 300.5]], 二月: [['桃园村', 12]] }));
    expect(r.kind).toBe('xlsx');
    for (const s of ['一月', '二月', '柳坪村', '300.5', '桃园村', '12']) expect(r.text).toContain(s);
  });

  it('accepts an Excel 97–2003 workbook (XLS) by its content and reads every sheet; refuses a DOC', async () => {
    const xls = buildXls([
      { name: '一月', rows: [['村', '金额'], ['柳坪村', 300.5]] },
      { name: '隐藏', hidden: true, rows: [['桃园村', 12]] },
    ]);
    const r = await inspectAttachment('名单.xls', xls);
    expect(r).toMatchObject({ kind: 'xls', mime: 'application/vnd.ms-excel' });
    for (const s of ['一月', '柳坪村', '300.5', '隐藏', '桃园村', '12']) expect(r.text).toContain(s);
    expect((await refusal('名单.xlsx', xls)).message).toContain('应为 .xls');
    expect((await refusal('名单.xls', buildXls([{ name: 'A', rows: [['x']] }], { encrypted: true }))).message).toContain('已加密');
    const doc = CFB.utils.cfb_new();
    CFB.utils.cfb_add(doc, 'WordDocument', Buffer.alloc(700, 1));
    const refused = await refusal('通知.doc', Buffer.from(CFB.write(doc, { type: 'buffer' }) as Uint8Array));
    expect(refused).toMatchObject({ status: 415, message: expect.stringContaining('请另存为 DOCX 或 XLSX 后上传') });
  });

  it('reads Chinese text of a PDF that needs the packaged CMaps, NFKC-normalised', async () => {
    const r = await inspectAttachment('公告.pdf', buildPdf(['曲尺乡2025年预算公开', '⼭区道路（ＡＢ）']));
    expect(r.kind).toBe('pdf');
    expect(r.text).toContain('曲尺乡2025年预算公开');
    // ⼭ (KANGXI RADICAL MOUNTAIN) → 山 and full-width letters → ASCII.
    expect(r.text).toContain('山区道路(AB)');
  });

  it('accepts images and measures them', async () => {
    expect(await inspectAttachment('图.png', buildPng(40, 30))).toMatchObject({ kind: 'png', mime: 'image/png', width: 40, height: 30, text: '' });
    expect(await inspectAttachment('图.gif', buildGif())).toMatchObject({ kind: 'gif', width: 1, height: 1 });
    expect(await inspectAttachment('照片.jpeg', buildJpegHeader(640, 480))).toMatchObject({ kind: 'jpg', mime: 'image/jpeg', width: 640, height: 480 });
    expect(await inspectAttachment('照片.JPG', buildJpegHeader(640, 480))).toMatchObject({ kind: 'jpg' });
  });
});

describe('inspectAttachment: refusals', () => {
  it('refuses a PNG named .docx with 415 saying what it really is', async () => {
    const r = await refusal('通知.docx', buildPng());
    expect(r.status).toBe(415);
    expect(r.message).toContain('PNG 图片');
    expect(r.message).toContain('.docx');
  });

  it('refuses a DOCX named .xlsx and an XLSX named .pdf', async () => {
    expect((await refusal('表.xlsx', await buildDocx(['x']))).message).toContain('Word 文档（DOCX）');
    expect((await refusal('表.pdf', await buildXlsx({ a: [['x']] }))).message).toContain('Excel 表格（XLSX）');
  });

  it('refuses a file without an extension', async () => {
    expect((await refusal('通知', buildPdf(['x']))).message).toContain('没有扩展名');
  });

  it('refuses text, HTML and other formats with 415', async () => {
    const txt = await refusal('说明.txt', Buffer.from('纯文本内容'));
    expect(txt.status).toBe(415);
    expect(txt.message).toContain('无法识别的格式');
    const html = await refusal('页面.docx', Buffer.from('<!doctype html><html><script>alert(1)</script></html>'));
    expect(html.status).toBe(415);
    const zip = await refusal('包.zip', Buffer.from('504b0304140000000000', 'hex'));
    expect(zip.status).toBe(415);
  });

  it('refuses truncated and damaged files with 422', async () => {
    const docx = await buildDocx(['内容']);
    for (const [name, data] of [
      ['截断.docx', truncate(docx, 0.5)],
      ['截断.docx', truncate(docx, 0.95)],
      ['截断.xlsx', truncate(await buildXlsx({ a: [['x']] }), 0.7)],
      ['截断.pdf', truncate(buildPdf(['内容']), 0.4)],
      ['坏图.png', brokenPng()],
      ['空.pdf', Buffer.alloc(0)],
    ] as const) {
      const r = await refusal(name, data);
      expect(r.status, name).toBe(422);
      expect(r.reason, name).toBe('ATTACHMENT_CORRUPT');
    }
  });

  it('refuses an image of absurd size', async () => {
    expect((await refusal('巨图.jpg', buildJpegHeader(60000, 10))).status).toBe(422);
    expect((await refusal('空图.png', buildPng(0, 0))).status).toBe(422);
  });

  it('refuses a zip bomb before unpacking it', async () => {
    const r = await refusal('炸弹.docx', inflateClaimedSize(await buildDocx(['x']), 4_000_000_000));
    expect(r.status).toBe(422);
    expect(r.message).toContain('解压后过大');
  });
});

describe('cleanFilename', () => {
  it('keeps the last path segment without control characters', () => {
    expect(cleanFilename('C:\\Users\\张三\\桌面\\通知.docx')).toBe('通知.docx');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('a\u0000b\r\n"c".pdf')).toBe('abc.pdf');
    expect(cleanFilename('...hidden.pdf')).toBe('hidden.pdf');
    expect(cleanFilename('长'.repeat(300) + '.xlsx')).toMatch(/^长{115}\.xlsx$/);
  });
});

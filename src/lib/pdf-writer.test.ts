import { describe, expect, it } from 'vitest';
import { openPdf } from './pdf.ts';
import { PDF_FONTS, addPageNumbers, createPdf, finishPdf } from './pdf-writer.ts';

async function pageTexts(data: Uint8Array): Promise<string[]> {
  const pdf = await openPdf(data);
  try {
    const texts: string[] = [];
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const content = await (await pdf.getPage(n)).getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
    }
    return texts;
  } finally {
    await pdf.destroy();
  }
}

describe('createPdf', () => {
  it('writes Chinese text that extracts again, with the title in the metadata', async () => {
    const doc = createPdf({ title: '测试文档' });
    doc.font(PDF_FONTS.bold).fontSize(18).text('巫山县曲尺乡人民政府', { align: 'center' });
    doc.font(PDF_FONTS.body).fontSize(12).text('全年累计主动公开政府信息61条。');
    const data = await finishPdf(doc);
    expect(data.subarray(0, 5).toString()).toBe('%PDF-');
    const [text] = await pageTexts(data);
    expect(text).toContain('巫山县曲尺乡人民政府');
    expect(text).toContain('全年累计主动公开政府信息61条');
    expect(data.toString('latin1')).toContain('/Title');
  });

  it('numbers every page', async () => {
    const doc = createPdf({ title: 'pages' });
    doc.text('第一页内容');
    doc.addPage().text('第二页内容');
    addPageNumbers(doc);
    const texts = await pageTexts(await finishPdf(doc));
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('第 1 页 / 共 2 页');
    expect(texts[1]).toContain('第 2 页 / 共 2 页');
  });
});

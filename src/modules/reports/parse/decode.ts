/** Bytes → string for text and HTML files: BOM, declared charset, else UTF-8, else GB18030. */

/** Decodes `bytes`; `declared` is a charset named by the file itself (HTML meta), if any. */
export function decodeBytes(bytes: Uint8Array, declared?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const label = declared?.toLowerCase();
  if (label && /^(gb2312|gbk|gb18030|x-gbk|cp936|windows-936)$/.test(label)) return new TextDecoder('gb18030').decode(bytes);
  if (label === 'big5') return new TextDecoder('big5').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Chinese pages saved by older tools are often GBK without saying so.
    return new TextDecoder('gb18030').decode(bytes);
  }
}

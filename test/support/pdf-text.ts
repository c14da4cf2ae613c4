import { inflateSync } from 'node:zlib';

/**
 * The text a PDF shows, good enough to assert on: inflates the content streams and decodes the hex strings that
 * pdfkit writes inside TJ arrays (kerning splits words into several strings).
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const texts: string[] = [];
  // pdfkit ends a stream's data with "\nendstream"; a compressed stream may itself end with a \r byte, which an optional
  // \r in the pattern would strip (the data then no longer inflates, and the page's text is lost).
  for (const match of source.matchAll(/stream\r?\n([\s\S]*?)\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      content = match[1]!;
    }
    for (const array of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      texts.push([...array[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1')).join(''));
    }
  }
  return texts.join('\n');
}

/**
 * RFC 2047 encoded words ("=?UTF-8?Q?confirm=C3=A9?="). The charsets mail actually uses (UTF-8,
 * ISO-8859-x, Windows-125x) decode with Node's own TextDecoder; anything else goes to libmime, which
 * costs ~40 ms to load (iconv-lite), so it is loaded only then.
 */
import { createRequire } from 'node:module';

const WORD = /=\?([^?*\s]+)(?:\*[^?]*)?\?([QqBb])\?([^?\s]*)\?=/g;
let libmime: { decodeWords: (s: string) => string } | undefined;

function bytesOf(encoding: string, text: string): Buffer {
  if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64');
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '_') out.push(0x20);
    else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return Buffer.from(out);
}

// Windows-1252's 0x80-0x9F, which Node's TextDecoder leaves as C1 controls. Mail labelled ISO-8859-1
// is in practice Windows-1252, as the WHATWG Encoding standard also decodes it.
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const LATIN = /^(iso-8859-1|latin1|l1|windows-1252|cp1252|us-ascii|ascii|iso_8859-1)$/i;

function decode(charset: string, bytes: Buffer): string | undefined {
  if (LATIN.test(charset)) return [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252[b - 0x80]! : String.fromCharCode(b))).join('');
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return undefined;
  }
}

export function decodeWords(value: string): string {
  if (!value.includes('=?')) return value;
  // Adjacent encoded words are joined without the white space between them (RFC 2047 §6.2).
  const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
  let fallback = false;
  const decoded = joined.replace(WORD, (whole, charset: string, enc: string, text: string) => {
    const text2 = decode(charset, bytesOf(enc, text));
    if (text2 === undefined) {
      fallback = true;
      return whole;
    }
    return text2;
  });
  if (!fallback) return decoded;
  libmime ??= createRequire(import.meta.url)('libmime') as { decodeWords: (s: string) => string };
  try {
    return libmime.decodeWords(value);
  } catch {
    return decoded;
  }
}

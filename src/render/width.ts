/**
 * Terminal columns, measured by string-width (already in the tree through ora): a grapheme cluster is
 * what takes the columns, so a family emoji (7 code points) or a flag (2) is 2 columns, ✅ is 2, a
 * combining accent is 0. Printable ASCII, most of any report, is counted without it.
 *
 * Intl.Segmenter (under string-width too) takes time quadratic in the length of what it is given on
 * Node 20 (a 100 KB cell of kanji and spaces: 31 s), so long text is segmented in short pieces that end on
 * a cluster boundary.
 */
import stringWidth from 'string-width';

const ASCII = /^[\x20-\x7e]*$/;
const PIECE = 256;
const segmenter = new Intl.Segmenter();

/** The text cut into pieces of whole grapheme clusters, each its clusters. */
function* pieces(text: string): Generator<string[]> {
  let at = 0;
  while (at < text.length) {
    const end = Math.min(text.length, at + PIECE);
    const segs = Array.from(segmenter.segment(text.slice(at, end)), (s) => s.segment);
    // The last cluster of a piece may go on past its end, unless it is the end of the text (or all there is).
    const whole = end === text.length || segs.length === 1 ? segs : segs.slice(0, -1);
    yield whole;
    for (const s of whole) at += s.length;
  }
}

export function textWidth(text: string): number {
  if (ASCII.test(text)) return text.length;
  let width = 0;
  for (const piece of pieces(text)) width += stringWidth(piece.join(''));
  return width;
}

/** The grapheme clusters of a text with the columns each takes, to cut or wrap it without splitting one. */
export function clusters(text: string): Array<{ text: string; width: number }> {
  if (ASCII.test(text)) return Array.from(text, (ch) => ({ text: ch, width: 1 }));
  const out: Array<{ text: string; width: number }> = [];
  for (const piece of pieces(text)) for (const c of piece) out.push({ text: c, width: c.length === 1 && c >= ' ' && c <= '~' ? 1 : stringWidth(c) });
  return out;
}

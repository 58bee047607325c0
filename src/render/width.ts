/**
 * Terminal columns, measured by string-width (already in the tree through ora): a grapheme cluster is
 * what takes the columns, so a family emoji (7 code points) or a flag (2) is 2 columns, ✅ is 2, a
 * combining accent is 0. Most of any report (NARROW below) is counted without it.
 *
 * Intl.Segmenter (under string-width too) takes time quadratic in the length of what it is given on
 * Node 20 (a 100 KB cell of kanji and spaces: 31 s), so long text is segmented in short pieces that end on
 * a cluster boundary.
 */
import { createRequire } from 'node:module';

type StringWidth = (text: string) => number;
let loaded: StringWidth | undefined;
/**
 * string-width, loaded on the first text outside NARROW: building its Unicode-property regexes and its
 * segmenter costs ~50 ms, a third of a one-message report. require() of an ES module is synchronous on
 * Node 20.19+, the oldest Node maildiag runs on.
 */
function stringWidth(text: string): number {
  loaded ??= (createRequire(import.meta.url)('string-width') as { default: StringWidth }).default;
  return loaded(text);
}

/**
 * Characters that are each one cluster one column wide and never join the next into a cluster: printable
 * ASCII, Latin letters with their accents as single code points (French text), dashes and quotes, the
 * narrow no-break space, arrows, the table's box drawing and the report's marks (✔ ✖ ⚠ ℹ). A text of these
 * alone is measured by its length, without Intl.Segmenter, whose first use costs a report tens of
 * milliseconds. Combining marks, variation selectors (⚠️), joiners and wide characters are not here: a
 * text holding one takes the full path. A test checks string-width gives each of these 1.
 */
export const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027\u202f\u2030-\u205e\u20a0-\u20bf\u2100-\u214f\u2190-\u21ff\u2500-\u259f\u26a0\u2714\u2716]*$/;
const PIECE = 256;
let segmenter: Intl.Segmenter | undefined;

/** The text cut into pieces of whole grapheme clusters, each its clusters. */
function* pieces(text: string): Generator<string[]> {
  let at = 0;
  while (at < text.length) {
    const end = Math.min(text.length, at + PIECE);
    segmenter ??= new Intl.Segmenter();
    const segs = Array.from(segmenter.segment(text.slice(at, end)), (s) => s.segment);
    // The last cluster of a piece may go on past its end, unless it is the end of the text (or all there is).
    const whole = end === text.length || segs.length === 1 ? segs : segs.slice(0, -1);
    yield whole;
    for (const s of whole) at += s.length;
  }
}

export function textWidth(text: string): number {
  if (NARROW.test(text)) return text.length;
  let width = 0;
  for (const piece of pieces(text)) width += stringWidth(piece.join(''));
  return width;
}

/** The grapheme clusters of a text with the columns each takes, to cut or wrap it without splitting one. */
export function clusters(text: string): Array<{ text: string; width: number }> {
  if (NARROW.test(text)) return Array.from(text, (ch) => ({ text: ch, width: 1 }));
  const out: Array<{ text: string; width: number }> = [];
  for (const piece of pieces(text)) for (const c of piece) out.push({ text: c, width: c.length === 1 && NARROW.test(c) ? 1 : stringWidth(c) });
  return out;
}

/**
 * A message's header block as data: fields in their original order, unfolded, raw bytes decoded
 * as UTF-8 (or Latin-1 where not valid UTF-8). Pure: bytes in, headers out.
 */

export interface HeaderField {
  /** As written (case kept). */
  name: string;
  /** Lowercase, for lookups. */
  key: string;
  /** Unfolded value, leading space removed. */
  value: string;
  /** 0 = topmost (newest). */
  index: number;
}

export interface ParsedHeaders {
  fields: HeaderField[];
  /** Lines that are not "Name: value" and not continuations (junk in the header block). */
  invalidLines: number;
  /** The block ended with a blank line (a body may follow). */
  complete: boolean;
  /** Lines over RFC 5322's 998 characters, with the field they belong to. */
  longLines: Array<{ name: string; length: number }>;
}

/** Decodes one line's bytes: UTF-8 when valid, else Latin-1 (8-bit headers from old mailers). */
export function decodeBytes(bytes: Buffer): string {
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\uFFFD') && !bytes.includes(Buffer.from('\uFFFD', 'utf8')) ? bytes.toString('latin1') : utf8;
}

/** Field names are printable ASCII except ":" (RFC 5322 §3.6.8). */
function isFieldName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 33 || c > 126) return false;
  }
  return true;
}

export function parseHeaderBlock(block: string): ParsedHeaders {
  const lines = block.split('\n');
  const fields: HeaderField[] = [];
  const folded: boolean[] = [];
  let invalidLines = 0;
  let complete = false;
  const longLines: ParsedHeaders['longLines'] = [];
  for (let raw of lines) {
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw === '') {
      complete = true;
      break;
    }
    const first = raw.charCodeAt(0);
    if ((first === 32 || first === 9) && fields.length) {
      fields[fields.length - 1]!.value += ` ${raw.trim()}`;
      folded[fields.length - 1] = true;
      if (raw.length > 998) longLines.push({ name: fields[fields.length - 1]!.name, length: raw.length });
      continue;
    }
    const colon = raw.indexOf(':');
    const name = colon > 0 ? raw.slice(0, colon).trimEnd() : '';
    if (!isFieldName(name)) {
      invalidLines++;
      continue;
    }
    fields.push({ name, key: name.toLowerCase(), value: raw.slice(colon + 1).trim(), index: fields.length });
    if (raw.length > 998) longLines.push({ name, length: raw.length });
  }
  // Unfolded values keep single spaces only; most fields were never folded and are left as they are.
  fields.forEach((f, i) => {
    if (folded[i] || f.value.includes('\t') || f.value.includes('  ')) f.value = f.value.replace(/\s+/g, ' ').trim();
  });
  return { fields, invalidLines, complete, longLines };
}

export class Headers {
  private readonly byKey = new Map<string, HeaderField[]>();

  constructor(readonly fields: HeaderField[]) {
    for (const f of fields) {
      const list = this.byKey.get(f.key);
      if (list) list.push(f);
      else this.byKey.set(f.key, [f]);
    }
  }

  all(name: string): HeaderField[] {
    return this.byKey.get(name.toLowerCase()) ?? [];
  }

  first(name: string): string | undefined {
    return this.all(name)[0]?.value;
  }

  has(name: string): boolean {
    return this.all(name).length > 0;
  }
}

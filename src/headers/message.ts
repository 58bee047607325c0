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
}

/** Decodes one line's bytes: UTF-8 when valid, else Latin-1 (8-bit headers from old mailers). */
export function decodeBytes(bytes: Buffer): string {
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\uFFFD') && !bytes.includes(Buffer.from('\uFFFD', 'utf8')) ? bytes.toString('latin1') : utf8;
}

const FIELD = /^([!-9;-~]+)[ \t]*:(.*)$/s;

export function parseHeaderBlock(block: string): ParsedHeaders {
  const lines = block.split(/\r?\n/);
  const fields: HeaderField[] = [];
  let invalidLines = 0;
  let complete = false;
  for (const line of lines) {
    if (line === '') {
      complete = true;
      break;
    }
    if ((line[0] === ' ' || line[0] === '\t') && fields.length) {
      const last = fields[fields.length - 1]!;
      last.value += ` ${line.trim()}`;
      continue;
    }
    const m = FIELD.exec(line);
    if (!m) {
      invalidLines++;
      continue;
    }
    fields.push({ name: m[1]!, key: m[1]!.toLowerCase(), value: m[2]!.trim(), index: fields.length });
  }
  for (const f of fields) f.value = f.value.replace(/\s+/g, ' ').trim();
  return { fields, invalidLines, complete };
}

export class Headers {
  constructor(readonly fields: HeaderField[]) {}

  all(name: string): HeaderField[] {
    const key = name.toLowerCase();
    return this.fields.filter((f) => f.key === key);
  }

  first(name: string): string | undefined {
    return this.all(name)[0]?.value;
  }

  has(name: string): boolean {
    return this.all(name).length > 0;
  }
}

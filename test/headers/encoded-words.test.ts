import { describe, expect, it } from 'vitest';
import { decodeWords } from '../../src/headers/encoded-words.js';

describe('RFC 2047 encoded words', () => {
  it.each([
    ['=?UTF-8?Q?Votre_rendez-vous_est_confirm=C3=A9?=', 'Votre rendez-vous est confirmé'],
    ['=?utf-8?B?TGEgbGV0dHJlIGRlIG5vdmVtYnJl?=', 'La lettre de novembre'],
    ['=?ISO-8859-1?Q?Andr=E9?= Dupont', 'André Dupont'],
    ['=?windows-1252?Q?=80_due?=', '€ due'],
    ['=?UTF-8?Q?a?= =?UTF-8?Q?b?=', 'ab'],
    ['=?UTF-8?B?w6k=?= suite', 'é suite'],
    ['plain text', 'plain text'],
    // An unknown charset goes to libmime, which reads the bytes as they are.
    ['=?x-unknown?Q?abc?=', 'abc'],
    ['=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=', 'テスト'],
  ])('%s', (input, expected) => expect(decodeWords(input)).toBe(expected));
});

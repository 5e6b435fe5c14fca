import { jsonPieces, SLICED_FROM } from '../../src/http/json-stream';

const row = (i: number) => ({ position: i, ar: `جملة ${i}`, en: `sentence "${i}"`, zh: '句子', review: i % 7 === 0 });

describe('JSON answers written in slices', () => {
  it('writes a small body in one piece, the text JSON.stringify gives', () => {
    const body = { id: 'x', segments: [row(1), row(2)], nothing: undefined };
    expect(jsonPieces(body)).toEqual([JSON.stringify(body)]);
  });

  it('cuts a long array into runs whose text joined is exactly JSON.stringify of the body', () => {
    const body = {
      id: 'doc',
      titles: { ar: 'عنوان', en: 'Title' },
      skipped: undefined,
      fn: () => 1,
      segments: Array.from({ length: SLICED_FROM * 3 + 17 }, (_, i) => row(i)),
      unitsWritten: 3017,
    };
    const pieces = jsonPieces(body);
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(JSON.stringify(body));
    expect(JSON.parse(pieces.join(''))).toEqual(JSON.parse(JSON.stringify(body)));
  });

  it('writes holes, undefined and functions inside a long array as null, like JSON.stringify', () => {
    const items: unknown[] = Array.from({ length: SLICED_FROM + 5 }, (_, i) => i);
    items[3] = undefined;
    items[4] = () => 0;
    const body = { items, nested: [{ deep: Array.from({ length: SLICED_FROM + 1 }, (_, i) => `s${i}`) }] };
    expect(jsonPieces(body).join('')).toBe(JSON.stringify(body));
    expect(jsonPieces(items).join('')).toBe(JSON.stringify(items));
  });
});

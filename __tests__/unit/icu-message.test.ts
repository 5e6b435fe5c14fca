import { IcuSyntaxError, looksLikeIcu, parseIcu, printIcu, type IcuNode } from '../../src/formats/icu';

const roundTrip = (message: string) => printIcu(parseIcu(message));

describe('ICU MessageFormat: parse and print', () => {
  it('reads a plural block with # into arguments, branches and the number', () => {
    const nodes = parseIcu('{count, plural, =0 {no items} one {# item} other {# items}}');
    expect(nodes).toEqual<IcuNode[]>([
      {
        type: 'block',
        name: 'count',
        kind: 'plural',
        branches: [
          { key: '=0', message: [{ type: 'text', value: 'no items' }] },
          { key: 'one', message: [{ type: 'pound' }, { type: 'text', value: ' item' }] },
          { key: 'other', message: [{ type: 'pound' }, { type: 'text', value: ' items' }] },
        ],
      },
    ]);
  });

  it('prints what it read, nested blocks, offsets and simple arguments included', () => {
    for (const message of [
      '{count, plural, one {# item} other {# items}}',
      '{gender, select, male {He has {n, plural, one {# cat} other {# cats}}} other {They have {n, number} cats}}',
      '{place, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}',
      '{guests, plural, offset:1 =0 {nobody} one {{host} alone} other {{host} and # others}}',
      'Hello {name}, today is {d, date, short}',
    ])
      expect(roundTrip(message)).toBe(message);
  });

  it('reads escaped apostrophes and quoted syntax characters as text, and writes them back valid', () => {
    const nodes = parseIcu("{n, plural, other {It''s '{'literal'}' and '#' and don't}}");
    const branch = (nodes[0] as Extract<IcuNode, { type: 'block' }>).branches[0]!.message;
    expect(branch).toEqual([{ type: 'text', value: "It's {literal} and # and don't" }]);
    const printed = printIcu(nodes);
    expect(parseIcu(printed)).toEqual(nodes);
    // # is text outside a plural branch: no quotes needed there.
    expect(printIcu([{ type: 'text', value: "# {x} isn't" }])).toBe("# '{'x'}' isn't");
    expect(parseIcu(printIcu([{ type: 'text', value: "'{'" }]))).toEqual([{ type: 'text', value: "'{'" }]);
  });

  it('refuses what is not a valid message, with the position', () => {
    for (const bad of [
      '{count, plural, one {# item}}', // no other
      '{count, plural, one {# item} other {# items}', // unclosed
      '{count, plural, one # item other {x}}',
      '{count, plural, one {a} one {b} other {c}}', // duplicate key
      '{count, plural, male {a} other {c}}', // not a plural category
      'text } more',
      '{, plural, other {x}}',
    ])
      expect(() => parseIcu(bad)).toThrow(IcuSyntaxError);
  });

  it('tells ICU blocks from i18next placeables', () => {
    expect(looksLikeIcu('{count, plural, other {# items}}')).toBe(true);
    expect(looksLikeIcu('Hi {{name}}, {count, number}')).toBe(false);
    expect(looksLikeIcu('{ g , select , other {x}}')).toBe(true);
  });
});

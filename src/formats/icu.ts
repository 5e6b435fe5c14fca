/**
 * ICU MessageFormat (as i18next-icu reads it through intl-messageformat): a small parser and printer, so that a
 * draft's plural/select skeleton can be rebuilt and checked before it is written.
 *
 * Grammar read: text; simple arguments `{name}`, `{name, type}`, `{name, type, style}` (kept as written); blocks
 * `{name, plural|selectordinal, [offset:N] key {message} …}` and `{name, select, key {message} …}`, nested; `#` in a
 * plural or selectordinal branch (its own, not a select nested in it: intl-messageformat and ICU4J alike).
 * Apostrophes as ICU's default mode: `''` is one apostrophe; a `'` before `{`, `}`, `<`, `>`, `|` (or `#` in a plural
 * branch) opens quoted text up to the next lone `'`; any other `'` is itself. Refused (IcuSyntaxError): an unclosed
 * or stray brace, a block without `other`, a key given twice, a plural key that is neither a CLDR category nor
 * `=N`, a select key that is not a name, more than MAX_ICU_DEPTH levels.
 */

export type IcuBlockKind = 'plural' | 'select' | 'selectordinal';

export type IcuNode =
  | { type: 'text'; value: string }
  /** The number of the plural/selectordinal whose branch holds it. */
  | { type: 'pound' }
  /** A simple argument, as written (`{n, number}`): never translated. */
  | { type: 'arg'; name: string; raw: string }
  | { type: 'block'; name: string; kind: IcuBlockKind; offset?: number; branches: IcuBranch[] };

export interface IcuBranch {
  /** `one`, `=0`, `male`… */
  key: string;
  message: IcuNode[];
}

export class IcuSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(`${message} at ${at}`);
    this.name = 'IcuSyntaxError';
  }
}

/** Deepest nesting of blocks read. */
export const MAX_ICU_DEPTH = 8;

const BLOCK = /\{\s*[^\s{}',#]+\s*,\s*(?:plural|select|selectordinal)\s*,/;
const PLURAL_KEY = /^(?:zero|one|two|few|many|other|=\d+)$/;
const SELECT_KEY = /^[\p{L}\p{N}_-]+$/u;
const NAME = /[^\s{}',#<>|]/u;

/** Whether a value holds a plural, select or selectordinal block (then it is an ICU message, not i18next text). */
export function looksLikeIcu(text: string): boolean {
  return BLOCK.test(text);
}

/** Parses a message; throws IcuSyntaxError. */
export function parseIcu(text: string): IcuNode[] {
  let i = 0;
  const fail = (what: string): never => {
    throw new IcuSyntaxError(what, i);
  };
  const space = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const word = (pattern: RegExp) => {
    const start = i;
    while (i < text.length && pattern.test(text[i]!)) i++;
    return text.slice(start, i);
  };
  const quoteOpens = (next: string | undefined, plural: boolean) =>
    next !== undefined && ('{}<>|'.includes(next) || (plural && next === '#'));

  const message = (depth: number, plural: boolean, nested: boolean): IcuNode[] => {
    const nodes: IcuNode[] = [];
    let buffer = '';
    const flush = () => {
      if (buffer !== '') nodes.push({ type: 'text', value: buffer });
      buffer = '';
    };
    while (i < text.length) {
      const c = text[i]!;
      if (c === "'") {
        if (text[i + 1] === "'") {
          buffer += "'";
          i += 2;
        } else if (quoteOpens(text[i + 1], plural)) {
          i++;
          while (i < text.length) {
            if (text[i] === "'" && text[i + 1] === "'") {
              buffer += "'";
              i += 2;
            } else if (text[i] === "'") {
              i++;
              break;
            } else buffer += text[i++];
          }
        } else {
          buffer += c;
          i++;
        }
      } else if (c === '{') {
        flush();
        nodes.push(argument(depth));
      } else if (c === '}') {
        if (!nested) fail('unmatched }');
        break;
      } else if (c === '#' && plural) {
        flush();
        nodes.push({ type: 'pound' });
        i++;
      } else {
        buffer += c;
        i++;
      }
    }
    flush();
    return nodes;
  };

  const argument = (depth: number): IcuNode => {
    const start = i++;
    space();
    const name = word(NAME);
    if (name === '') fail('argument name expected');
    space();
    if (text[i] === '}') {
      i++;
      return { type: 'arg', name, raw: text.slice(start, i) };
    }
    if (text[i] !== ',') fail('"," or "}" expected');
    i++;
    space();
    const type = word(/[A-Za-z]/);
    if (type === '') fail('argument type expected');
    space();
    if (type === 'plural' || type === 'select' || type === 'selectordinal') {
      if (text[i] !== ',') fail('"," expected');
      i++;
      return block(name, type, depth);
    }
    if (text[i] === ',') {
      i++;
      // A style (`short`, `::currency/EUR`, quoted text): up to the closing brace, no nested braces.
      while (i < text.length && text[i] !== '}') {
        if (text[i] === '{') fail('"{" inside an argument style');
        if (text[i] === "'") {
          const close = text.indexOf("'", i + 1);
          i = close < 0 ? fail('unclosed quote') : close;
        }
        i++;
      }
    }
    if (text[i] !== '}') fail('"}" expected');
    i++;
    return { type: 'arg', name, raw: text.slice(start, i) };
  };

  const block = (name: string, kind: IcuBlockKind, depth: number): IcuNode => {
    if (depth >= MAX_ICU_DEPTH) fail('blocks nested too deep');
    space();
    let offset: number | undefined;
    if (kind !== 'select' && text.startsWith('offset:', i)) {
      i += 'offset:'.length;
      space();
      const digits = word(/\d/);
      if (digits === '') fail('offset expected');
      offset = Number(digits);
    }
    const branches: IcuBranch[] = [];
    for (;;) {
      space();
      if (text[i] === '}') {
        i++;
        break;
      }
      if (i >= text.length) fail('unclosed block');
      const key = word(/[^\s{}]/);
      if (!(kind === 'select' ? SELECT_KEY : PLURAL_KEY).test(key)) fail(`invalid key "${key}"`);
      if (branches.some((b) => b.key === key)) fail(`key "${key}" given twice`);
      space();
      if (text[i] !== '{') fail('"{" expected');
      i++;
      const inner = message(depth + 1, kind !== 'select', true);
      if (text[i] !== '}') fail('unclosed branch');
      i++;
      branches.push({ key, message: inner });
    }
    if (!branches.some((b) => b.key === 'other')) fail(`"${name}" has no "other" branch`);
    return { type: 'block', name, kind, ...(offset !== undefined && { offset }), branches };
  };

  return message(0, false, false);
}

/** Characters that open a quote after an apostrophe (with `#` in a plural branch). */
const SYNTAX = "{}<>|'";

/**
 * A text node as ICU text: runs of braces (and `#` in a plural branch) quoted, apostrophes doubled unless one stands
 * alone before an ordinary character (`don't` stays so; `''` is read as one apostrophe in and out of quotes).
 */
function printText(value: string, plural: boolean): string {
  let out = '';
  let quoted = false;
  const special = (c: string | undefined) => c === '{' || c === '}' || (plural && c === '#');
  for (let k = 0; k < value.length; k++) {
    const c = value[k]!;
    const next = value[k + 1];
    if (special(c)) {
      out += quoted ? c : `'${c}`;
      quoted = true;
    } else if (c === "'") {
      const lone = !quoted && next !== undefined && !SYNTAX.includes(next) && !special(next);
      out += lone ? "'" : "''";
    } else {
      out += quoted ? `'${c}` : c;
      quoted = false;
    }
  }
  return quoted ? `${out}'` : out;
}

/** Prints nodes as an ICU message (the inverse of `parseIcu`, up to spacing inside blocks). */
export function printIcu(nodes: readonly IcuNode[], plural = false): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
          return printText(node.value, plural);
        case 'pound':
          return '#';
        case 'arg':
          return node.raw;
        case 'block': {
          const offset = node.offset !== undefined ? ` offset:${node.offset}` : '';
          const branches = node.branches.map((b) => `${b.key} {${printIcu(b.message, node.kind !== 'select')}}`);
          return `{${node.name}, ${node.kind},${offset} ${branches.join(' ')}}`;
        }
      }
    })
    .join('');
}

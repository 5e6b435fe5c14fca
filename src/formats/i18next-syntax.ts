/**
 * i18next placeables in a text: finding them, holding them as private-use characters while the text goes to the TM,
 * putting them back, and comparing a source's with its translation's.
 *
 * Always recognized: interpolations `{{name}}`, `{{value, number}}`, `{{- html}}`; single-brace ones (`{name}`,
 * `{n, number}`: a `{`/`}` prefix and suffix, or i18next-icu's simple arguments); template ones (`${name}`, whole: a
 * string shared with JavaScript or shell code, or a `${`/`}` prefix and suffix; read as `{name}`, the `$` was text
 * the draft could lose, and the score a point for it); nesting `$t(key)`,
 * `$t(key, {"count": 2})`; react-i18next Trans tags `<0>`, `</0>`, `<1/>`, `<br/>`, `<strong>`. A project's own
 * `interpolation.prefix`/`suffix` (`__name__`, `%{name}`) and `nesting.prefix`/`suffix` are added to these
 * (`placeableSyntax`), matched as i18next matches them: the prefix, the shortest run of characters on one line,
 * the suffix. The defaults stay recognized beside them: a literal `{{word}}` in a `__…__` project is then kept as
 * written, which costs nothing. An ICU plural or select (`{n, plural, one {…} other {…}}`) is not a placeable: its
 * branches hold text (icu.ts, i18next-icu.ts).
 */
import { PRINTF_PLACEHOLDER } from './printf-pattern';
import { placeableChar, placeableIndex } from './xliff-inline';

/** A prefix and a suffix, as i18next's `interpolation` and `nesting` options name them. */
export interface Delimiters {
  prefix: string;
  suffix: string;
}

/** A project's own delimiters (i18next's `interpolation.prefix`/`suffix`, `nesting.prefix`/`suffix`). */
export interface I18nextSyntax {
  interpolation?: Delimiters;
  nesting?: Delimiters;
}

/** How placeables are found in a text, and what kind each is. */
export interface PlaceableSyntax {
  /** Global: use with `replace`/`match`. */
  pattern: RegExp;
  /** An interpolation, a nesting or a Trans tag. */
  kind(placeable: string): 'interpolation' | 'nesting' | 'tag';
  /** An interpolation of `count` (`{{count}}`, `{{count, number}}`, `__count__`): a plural's number. */
  isCount(placeable: string): boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The default recognizers, one per kind (sources without flags; XLIFF's placeholders, xliff-printf.ts, use the first
 * three, so that both interfaces protect the same texts): a template placeholder, `${name}` whole; an interpolation,
 * double- or single-brace; a nesting; a Trans tag.
 */
export const TEMPLATE = /\$\{\s*[A-Za-z_$][\w$.-]*\s*\}/;
export const INTERPOLATION = /\{\{[^{}]*\}\}|\{\s*(?:[A-Za-z_$][\w$.-]*|\d+)\s*(?:,[^{},]*(?:,[^{}]*)?)?\}/;
export const NESTING = /\$t\((?:[^()]|\([^()]*\))*\)/;
export const TRANS_TAG = /<\/?[A-Za-z0-9]+\s*\/?>/;

const DEFAULTS = [TEMPLATE.source, INTERPOLATION.source, NESTING.source, TRANS_TAG.source];

/** The placeables recognized without a project's own delimiters (see the file comment). */
export const PLACEABLE = new RegExp(DEFAULTS.join('|'), 'g');

/** Finds placeables with a project's own delimiters besides the defaults (see the file comment). */
export function placeableSyntax(options: I18nextSyntax = {}): PlaceableSyntax {
  const own = (d: Delimiters | undefined) => (d ? [`${escape(d.prefix)}.+?${escape(d.suffix)}`] : []);
  // The project's own first: `%{name}` is one placeable, not `%` and `{name}`.
  const pattern = new RegExp([...own(options.nesting), ...own(options.interpolation), ...DEFAULTS].join('|'), 'g');
  const nesting = ['$t(', ...(options.nesting ? [options.nesting.prefix] : [])];
  const interpolations: Delimiters[] = [
    ...(options.interpolation ? [options.interpolation] : []),
    { prefix: '{{', suffix: '}}' },
    { prefix: '{', suffix: '}' },
  ];
  const ownInterpolation = options.interpolation?.prefix;
  return {
    pattern,
    kind(placeable) {
      if (ownInterpolation !== undefined && placeable.startsWith(ownInterpolation)) return 'interpolation';
      if (nesting.some((prefix) => placeable.startsWith(prefix))) return 'nesting';
      return placeable.startsWith('<') ? 'tag' : 'interpolation';
    },
    isCount(placeable) {
      const d = interpolations.find((d) => placeable.startsWith(d.prefix) && placeable.endsWith(d.suffix));
      if (!d || placeable.length < d.prefix.length + d.suffix.length) return false;
      const inner = placeable.slice(d.prefix.length, placeable.length - d.suffix.length);
      return /^\s*-?\s*count\s*(?:,[^{}]*)?$/.test(inner);
    },
  };
}

/** The default syntax: `${…}`, `{{…}}`, `{…}`, `$t(…)`, Trans tags. */
export const DEFAULT_SYNTAX = placeableSyntax();

const PRINTF_TEST = new RegExp(PRINTF_PLACEHOLDER.source);
const withPrintfOf = new WeakMap<PlaceableSyntax, PlaceableSyntax>();
const printfSyntaxes = new WeakSet<PlaceableSyntax>();

/**
 * The syntax a source value is drafted with: `syntax` itself, or, when the value holds printf placeholders (`%s`,
 * `%1$s`, `%(name)s`: the sprintf post-processor's; `%%` is text), `syntax` with those as interpolations too, after
 * its own recognizers — protected when matching, mapped, required by the check, as `{{x}}` is. A value without one
 * keeps `syntax`, so that a TM unit's `%s` held as text stays text to it (settled by i18next-candidate.ts).
 */
export function withPrintf(text: string, syntax: PlaceableSyntax = DEFAULT_SYNTAX): PlaceableSyntax {
  if (printfSyntaxes.has(syntax) || !PRINTF_TEST.test(text.replace(syntax.pattern, ' '))) return syntax;
  let extended = withPrintfOf.get(syntax);
  if (!extended) {
    extended = { ...syntax, pattern: new RegExp(`${syntax.pattern.source}|${PRINTF_PLACEHOLDER.source}`, 'g') };
    withPrintfOf.set(syntax, extended);
    printfSyntaxes.add(extended);
  }
  return extended;
}

/** The placeables of a text, in order. */
export function findPlaceables(text: string, syntax: PlaceableSyntax = DEFAULT_SYNTAX): string[] {
  return text.match(syntax.pattern) ?? [];
}

/** Replaces each placeable by U+E000 + k (k-th placeable of the text). */
export function protect(
  text: string,
  syntax: PlaceableSyntax = DEFAULT_SYNTAX,
): { text: string; placeables: string[] } {
  const placeables: string[] = [];
  const protectedText = text.replace(syntax.pattern, (p) => {
    placeables.push(p);
    return placeableChar(placeables.length - 1);
  });
  return { text: protectedText, placeables };
}

/** Puts placeables back; `unmappable` lists indexes the source does not have (the text is then unusable). */
export function restore(text: string, placeables: readonly string[]): { text: string; unmappable: number[] } {
  const unmappable: number[] = [];
  let out = '';
  for (const char of text) {
    const k = placeableIndex(char);
    if (k < 0) out += char;
    else if (k < placeables.length) out += placeables[k];
    else unmappable.push(k);
  }
  return { text: out, unmappable };
}

export interface PlaceablesCheck {
  status: 'ok' | 'missing' | 'extra' | 'missing+extra';
  missing: string[];
  extra: string[];
}

/** Compares the placeables of a source and its translation as multisets (order may change between languages). */
export function checkI18nextPlaceables(
  source: string,
  target: string,
  syntax: PlaceableSyntax = DEFAULT_SYNTAX,
): PlaceablesCheck {
  const left = findPlaceables(source, syntax);
  const extra: string[] = [];
  for (const p of findPlaceables(target, syntax)) {
    const i = left.indexOf(p);
    if (i >= 0) left.splice(i, 1);
    else extra.push(p);
  }
  const status = left.length > 0 ? (extra.length > 0 ? 'missing+extra' : 'missing') : extra.length > 0 ? 'extra' : 'ok';
  return { status, missing: left, extra };
}

/**
 * Running text for `eval:align --raw`: a document's gold lines laid out as a user would paste them, and rows mapped
 * back to the gold lines by character spans.
 *
 * Layout: the lines of a language joined by a space (Chinese: by nothing), with a paragraph break (blank line) only
 * after a line whose English (the corpora's source language) does not end in sentence-final punctuation, as a web
 * page shows a headline. Every other sentence boundary is left to the segmenter.
 *
 * Synthetic changes, seeded: --merge joins a line with the next one on one side, as a translator joining two
 * sentences writes it (English: "." becomes ";"; Arabic: "." becomes "،" or nothing, the next sentence then starting
 * with «و»; Chinese: "。" becomes "，"); --omit drops a line from one language.
 *
 * Spans are counted in the text with every white-space character removed, so that a row's text (its sentences joined
 * with spaces, whatever stood between them) finds its place in the document by a forward search.
 */
import type { Lang } from '../../src/types';

export const LANGS3: readonly Lang[] = ['ar', 'en', 'zh'];
export const strip = (s: string): string => s.replace(/\s+/gu, '');

/** A gold unit: one or more lines of one language (more when merged), and its span in the stripped text. */
export interface Unit {
  lines: number[];
  start: number;
  end: number;
}

export interface RawSide {
  text: string;
  units: Unit[];
  stripped: string;
}

export type RawDoc = Record<Lang, RawSide>;

export interface LayoutOptions {
  merge: number;
  omit: number;
  random: () => number;
}

const FINAL_EN = /[.!?…]["”’')\]]*$/u;
const ENDS_PLAIN: Record<Lang, RegExp> = { ar: /[^.]\.$/u, en: /[^.]\.$/u, zh: /。$/u };

function joinSentences(lang: Lang, first: string, next: string, random: () => number): string {
  if (lang === 'zh') return `${first.slice(0, -1)}，${next}`;
  if (lang === 'en') return `${first.slice(0, -1)}; ${next}`;
  return random() < 0.5 ? `${first.slice(0, -1)}، ${next}` : `${first.slice(0, -1)} و${next}`;
}

/** Lays a document's lines out as running text in each language (see the module comment). */
export function layout(lines: Record<Lang, string[]>, options: LayoutOptions): RawDoc {
  const n = lines.en.length;
  const headline = lines.en.map((l) => !FINAL_EN.test(l.trim()));
  // Omissions first: a line dropped from one language, chosen at random.
  const dropped = new Map<number, Lang>();
  for (let k = 0; k < n; k++)
    if (n > 1 && options.random() < options.omit) dropped.set(k, LANGS3[Math.floor(options.random() * 3)]!);
  const out = {} as RawDoc;
  for (const lang of LANGS3) {
    const texts: string[] = [];
    const units: Unit[] = [];
    const breakAfter: boolean[] = [];
    for (let k = 0; k < n; k++) {
      if (dropped.get(k) === lang) continue;
      const line = lines[lang][k]!.trim();
      const last = units.length - 1;
      const prev = texts[last];
      const mergeable =
        last >= 0 &&
        units[last]!.lines.length === 1 &&
        units[last]!.lines[0] === k - 1 &&
        !breakAfter[last] &&
        ENDS_PLAIN[lang].test(prev!);
      if (mergeable && options.merge > 0 && options.random() < options.merge) {
        texts[last] = joinSentences(lang, prev!, line, options.random);
        units[last]!.lines.push(k);
        breakAfter[last] = headline[k]!;
      } else {
        texts.push(line);
        units.push({ lines: [k], start: 0, end: 0 });
        breakAfter.push(headline[k]!);
      }
    }
    let text = '';
    let stripped = '';
    texts.forEach((t, u) => {
      if (u > 0) text += breakAfter[u - 1] ? '\n\n' : lang === 'zh' ? '' : ' ';
      text += t;
      units[u]!.start = stripped.length;
      stripped += strip(t);
      units[u]!.end = stripped.length;
    });
    out[lang] = { text, units, stripped };
  }
  return out;
}

/** Spans in the stripped text of pieces of it taken in order (sentences, or rows' texts); null for an empty piece. */
export function locate(pieces: readonly string[], stripped: string): ([number, number] | null)[] {
  let cursor = 0;
  return pieces.map((p) => {
    const s = strip(p);
    if (!s) return null;
    const at = stripped.indexOf(s, cursor);
    if (at < 0) throw new Error(`row text not found in the document: ${p.slice(0, 80)}`);
    cursor = at + s.length;
    return [at, cursor];
  });
}

/** A row (or a baseline bead) as spans per language. */
export interface SpanRow {
  spans: Partial<Record<Lang, [number, number] | null>>;
  flagged: boolean;
}

/**
 * For each language, the row each gold unit belongs to (the one holding most of its characters; -1 for none), and
 * for each row the units it holds a piece of (its own and fragments of others).
 */
export function assign(rows: readonly SpanRow[], doc: RawDoc, lang: Lang): { owner: number[]; touched: number[][] } {
  const units = doc[lang].units;
  const best = units.map(() => 0);
  const owner = units.map(() => -1);
  const held: [number, number, number][] = []; // row, unit, characters
  let u0 = 0;
  rows.forEach((row, r) => {
    const span = row.spans[lang];
    if (!span) return;
    while (u0 < units.length && units[u0]!.end <= span[0]) u0++;
    for (let u = u0; u < units.length && units[u]!.start < span[1]; u++) {
      const overlap = Math.min(span[1], units[u]!.end) - Math.max(span[0], units[u]!.start);
      if (overlap <= 0) continue;
      held.push([r, u, overlap]);
      if (overlap > best[u]!) {
        best[u] = overlap;
        owner[u] = r;
      }
    }
  });
  const touched = rows.map((): number[] => []);
  for (const [r, u, chars] of held) if (owner[u] === r || chars >= TOUCH) touched[r]!.push(u);
  return { owner, touched };
}

/** Characters of a unit a row must hold to count as holding a piece of it. */
const TOUCH = 3;

/** Gold links "arLine:targetLine" between the units of two languages (units joined through shared lines). */
export function goldLinks(doc: RawDoc, lang: Lang): Set<string> {
  const arOf = new Map<number, number>();
  doc.ar.units.forEach((u, i) => u.lines.forEach((l) => arOf.set(l, i)));
  const tOf = new Map<number, number>();
  doc[lang].units.forEach((u, i) => u.lines.forEach((l) => tOf.set(l, i)));
  // Components over units (Arabic i, target as -1 - j), by union-find.
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    while (parent.has(x) && parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const [line, a] of arOf) {
    const t = tOf.get(line);
    if (t === undefined) continue;
    const ra = find(a);
    const rt = find(-1 - t);
    if (!parent.has(ra)) parent.set(ra, ra);
    if (ra !== rt) parent.set(rt, ra);
  }
  const groups = new Map<number, { a: number[]; t: number[] }>();
  const groupOf = (x: number) => groups.get(find(x)) ?? groups.set(find(x), { a: [], t: [] }).get(find(x))!;
  doc.ar.units.forEach((u, i) => groupOf(i).a.push(...u.lines));
  doc[lang].units.forEach((u, j) => groupOf(-1 - j).t.push(...u.lines));
  const out = new Set<string>();
  for (const g of groups.values()) for (const a of g.a) for (const t of g.t) out.add(`${a}:${t}`);
  return out;
}

export interface RowScore {
  links: Set<string>;
  /** Links not in the gold, and how many of them sit in flagged rows. */
  wrong: number;
  wrongFlagged: number;
  rows: number;
  flagged: number;
  wrongRows: number;
  wrongRowsFlagged: number;
}

/** Predicted links of rows for Arabic and one target language, and which rows are wrong. */
export function scoreRows(rows: readonly SpanRow[], doc: RawDoc, lang: Lang, gold: Set<string>): RowScore {
  const ar = assign(rows, doc, 'ar');
  const tg = assign(rows, doc, lang);
  const unitsOf = (owner: number[]) => {
    const out = rows.map((): number[] => []);
    owner.forEach((r, u) => r >= 0 && out[r]!.push(u));
    return out;
  };
  const arUnits = unitsOf(ar.owner);
  const tUnits = unitsOf(tg.owner);
  const links = new Set<string>();
  const score: RowScore = { links, wrong: 0, wrongFlagged: 0, rows: 0, flagged: 0, wrongRows: 0, wrongRowsFlagged: 0 };
  const partners = new Map<string, number>(); // line → gold links it has
  for (const g of gold)
    for (const end of [`a${g.split(':')[0]}`, `t${g.split(':')[1]}`]) partners.set(end, (partners.get(end) ?? 0) + 1);
  rows.forEach((row, r) => {
    const al = arUnits[r]!.flatMap((u) => doc.ar.units[u]!.lines);
    const tl = tUnits[r]!.flatMap((u) => doc[lang].units[u]!.lines);
    if (!al.length && !tl.length && !row.spans.ar && !row.spans[lang]) return;
    let wrong = 0;
    let found = 0;
    for (const a of al)
      for (const t of tl) {
        const link = `${a}:${t}`;
        links.add(link);
        if (gold.has(link)) found++;
        else wrong++;
      }
    // A row is wrong if it holds a wrong link, misses a gold link of its own sentences, pairs pieces of sentences
    // that are not each other's translations, or holds a piece of a sentence whose translation it lacks. A row that
    // pairs a part of a gold pair with the matching part (a gold line of two sentences split on both sides) is right.
    const expected =
      al.reduce((n, a) => n + (partners.get(`a${a}`) ?? 0), 0) +
      tl.reduce((n, t) => n + (partners.get(`t${t}`) ?? 0), 0);
    const ta = ar.touched[r]!.flatMap((u) => doc.ar.units[u]!.lines);
    const tt = tg.touched[r]!.flatMap((u) => doc[lang].units[u]!.lines);
    const alone = (ls: number[], side: 'a' | 't') => ls.some((l) => partners.has(`${side}${l}`));
    const mismatched =
      ta.some((a) => tt.length > 0 && !tt.some((t) => gold.has(`${a}:${t}`))) ||
      tt.some((t) => ta.length > 0 && !ta.some((a) => gold.has(`${a}:${t}`))) ||
      (tt.length === 0 && alone(ta, 'a')) ||
      (ta.length === 0 && alone(tt, 't'));
    const isWrong = wrong > 0 || 2 * found < expected || mismatched;
    score.rows++;
    score.wrong += wrong;
    if (row.flagged) {
      score.flagged++;
      score.wrongFlagged += wrong;
    }
    if (isWrong) {
      score.wrongRows++;
      if (row.flagged) score.wrongRowsFlagged++;
    }
  });
  return score;
}

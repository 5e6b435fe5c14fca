/**
 * Running text for `eval:align --raw`: a document's gold lines laid out as a user would paste them, and rows mapped
 * back to the gold lines by character spans.
 *
 * Layout: the lines of a language joined by a space (Chinese: by nothing), with a paragraph break (blank line) only
 * after a line whose English (the corpora's source language) does not end in sentence-final punctuation, as a web
 * page shows a headline. Every other sentence boundary is left to the segmenter.
 *
 * Synthetic changes, seeded: --merge joins a line with the next one in a translation (English or Chinese), as a
 * translator joining two sentences writes it (English: "." becomes ";"; Chinese: "。" becomes "，"); Arabic text
 * that runs two sentences together is left to the corpora, which have it. --omit drops a seeded fraction of the lines,
 * each from one language; --omit-one drops one line of one language per document (of two lines or more), as issue 11
 * words its omission test ("drop one sentence of one language at random").
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
  /** Drop one line of one language per document (documents of two lines or more). */
  omitOne?: boolean;
  random: () => number;
}

const FINAL_EN = /[.!?…]["”’')\]]*$/u;
const ENDS_PLAIN: Record<Lang, RegExp> = { ar: /[^.]\.$/u, en: /[^.]\.$/u, zh: /。$/u };

function joinSentences(lang: Lang, first: string, next: string): string {
  return lang === 'zh' ? `${first.slice(0, -1)}，${next}` : `${first.slice(0, -1)}; ${next}`;
}

/** Lays a document's lines out as running text in each language (see the module comment). */
export function layout(lines: Record<Lang, string[]>, options: LayoutOptions): RawDoc {
  const n = lines.en.length;
  const headline = lines.en.map((l) => !FINAL_EN.test(l.trim()));
  // Omissions first: a line dropped from one language, chosen at random.
  const dropped = new Map<number, Lang>();
  for (let k = 0; k < n; k++)
    if (n > 1 && options.random() < options.omit) dropped.set(k, LANGS3[Math.floor(options.random() * 3)]!);
  if (options.omitOne && n > 1) {
    const k = Math.floor(options.random() * n);
    dropped.set(k, LANGS3[Math.floor(options.random() * 3)]!);
  }
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
      if (mergeable && lang !== 'ar' && options.merge > 0 && options.random() < options.merge) {
        texts[last] = joinSentences(lang, prev!, line);
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
  /** A language of the document has nothing in the row (a 1:0 or 0:1 row: flagged by design). */
  gap?: boolean;
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

/**
 * Gold links "arLine:targetLine" for Arabic and one target language: units joined through the lines they share, every
 * Arabic line of a group linked with every target line of it. `through` adds languages whose units join groups too:
 * with all three, the links a perfect aligner of the triple makes in its rows (a Chinese unit merging lines 4 and 5
 * puts Arabic 4 and 5 and English 4 and 5 in one row, so Arabic 4 – English 5 is acceptable there, though not
 * required). A line dropped from one language leaves the other two linked.
 */
export function goldLinks(doc: RawDoc, lang: Lang, through: readonly Lang[] = ['ar', lang]): Set<string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  const byLine = new Map<number, string[]>();
  for (const l of through)
    doc[l].units.forEach((u, i) => {
      parent.set(`${l}${i}`, `${l}${i}`);
      for (const line of u.lines) (byLine.get(line) ?? byLine.set(line, []).get(line)!).push(`${l}${i}`);
    });
  for (const ids of byLine.values()) for (const id of ids.slice(1)) parent.set(find(id), find(ids[0]!));
  const groups = new Map<string, { a: number[]; t: number[] }>();
  const groupOf = (id: string) => groups.get(find(id)) ?? groups.set(find(id), { a: [], t: [] }).get(find(id))!;
  doc.ar.units.forEach((u, i) => groupOf(`ar${i}`).a.push(...u.lines));
  doc[lang].units.forEach((u, i) => groupOf(`${lang}${i}`).t.push(...u.lines));
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
  /** Rows with a gap (SpanRow.gap), and how many of them are flagged. */
  gaps: number;
  gapsFlagged: number;
  wrongRows: number;
  wrongRowsFlagged: number;
  /** Indexes of the wrong rows. */
  wrongAt: number[];
  /** Wrong links per row. */
  wrongLinks: number[];
}

/**
 * Predicted links of rows for Arabic and one target language, and which rows are wrong. A row links every gold line
 * it holds a piece of on one side with every one it holds a piece of on the other (a gold line of two sentences
 * split on both sides into two rows still gives its link). A row is wrong if it holds a wrong link, or a sentence (or
 * a piece of one) whose translation exists but has no piece in it; a row cut where a gold sentence's translation is
 * cut (a joined translation split back into its two sentences) is right.
 */
export function scoreRows(rows: readonly SpanRow[], doc: RawDoc, lang: Lang, gold: Set<string>): RowScore {
  const ar = assign(rows, doc, 'ar');
  const tg = assign(rows, doc, lang);
  const links = new Set<string>();
  const score: RowScore = {
    links,
    wrong: 0,
    wrongFlagged: 0,
    rows: 0,
    flagged: 0,
    gaps: 0,
    gapsFlagged: 0,
    wrongRows: 0,
    wrongRowsFlagged: 0,
    wrongAt: [],
    wrongLinks: rows.map(() => 0),
  };
  const partners = new Map<string, string[]>(); // "a3" → its gold partners' ends ("t3", …)
  for (const g of gold) {
    const [a, t] = g.split(':');
    (partners.get(`a${a}`) ?? partners.set(`a${a}`, []).get(`a${a}`)!).push(`t${t}`);
    (partners.get(`t${t}`) ?? partners.set(`t${t}`, []).get(`t${t}`)!).push(`a${a}`);
  }
  const linesOf = (side: Lang, units: number[]) => units.flatMap((u) => doc[side].units[u]!.lines);
  rows.forEach((row, r) => {
    const ta = linesOf('ar', ar.touched[r]!);
    const tt = linesOf(lang, tg.touched[r]!);
    if (!ta.length && !tt.length) return;
    let wrong = 0;
    for (const a of ta)
      for (const t of tt) {
        const link = `${a}:${t}`;
        links.add(link);
        if (!gold.has(link)) wrong++;
      }
    const here = new Set([...ta.map((a) => `a${a}`), ...tt.map((t) => `t${t}`)]);
    const unpaired = [...here].some((end) => partners.has(end) && !partners.get(end)!.some((p) => here.has(p)));
    const isWrong = wrong > 0 || unpaired;
    score.rows++;
    score.wrong += wrong;
    score.wrongLinks[r] = wrong;
    if (row.gap) {
      score.gaps++;
      if (row.flagged) score.gapsFlagged++;
    }
    if (row.flagged) {
      score.flagged++;
      score.wrongFlagged += wrong;
    }
    if (isWrong) {
      score.wrongAt.push(r);
      score.wrongRows++;
      if (row.flagged) score.wrongRowsFlagged++;
    }
  });
  return score;
}

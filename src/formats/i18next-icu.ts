/**
 * ICU messages in i18next resources (i18next-icu): a value holding a plural, select or selectordinal block is
 * drafted branch by branch, and the block rebuilt around the drafts, so the skeleton — argument names, block kinds,
 * offsets, select keys, `=N` branches, simple arguments, `#` — is never the TM's to change.
 *
 * 1. The text around a block moves into each of its branches (`Hi {name}, {n, plural, one {one file} other {#
 *    files}}` is drafted as `{n, plural, one {Hi {name}, one file} other {Hi {name}, # files}}`): the same message for
 *    every value, and each branch a whole sentence, which is what the TM holds. A `#` that would move into a nested
 *    block (where it names another number, or none) is refused (`number-moved`), and so is a message of more than
 *    MAX_ICU_LEAVES sentences once so spread (`too-many-branches`).
 * 2. Each sentence is looked up as any key's text, its simple arguments and `#` as placeables that every draft must
 *    keep — but a cardinal zero/one/two or `=N` branch may leave the plural's number out ("one file").
 * 3. Plural branches take the target language's categories: `=N` branches as they are, then each CLDR category of the
 *    target language (ar all six, en one/other, zh other) from the source branch of the same category; `other` from
 *    `other`, else `many`, else `few`. A category the source message has no branch for is left out: at runtime it
 *    falls back to `other`, which is what a branch drafted from `other` would say (the `_zero…_other` keys derive
 *    such forms because i18next falls back per key to another language, not to `other`). Not so for ordinals: an
 *    English `one`/`two`/`few` ordinal from an Arabic `other` would print "1th", so the branch is `no-source-form`.
 *    Select branches keep their keys.
 * 4. When any branch has no candidate that can be written, nothing of the message is written (a partial block
 *    would be a wrong message, not a fallback) and the key is reported `icu-incomplete` with each branch's outcome.
 *    The draft is printed and parsed back; one that does not read back as built is not written (`draft-invalid`).
 */
import type { Lang } from '../types';
import { type PluralCategory, pluralCategories } from './i18next';
import { draftText } from './i18next-candidate';
import type { CandidateReport, IcuBranchReport, IcuReason } from './i18next-report';
import type { PlaceableSyntax } from './i18next-syntax';
import { type IcuBlockKind, type IcuNode, IcuSyntaxError, parseIcu, printIcu } from './icu';
import type { Candidate } from './xliff-lookup';

/** Sentences a message may spread into (a 6-form plural in a 3-way select is 18). */
export const MAX_ICU_LEAVES = 64;

/** How `#` is held in a sentence sent to the TM: an interpolation to the placeable finder, never in real text. */
const POUND = '{{#}}';

export interface IcuContext {
  from: Lang;
  lang: Lang;
  syntax: PlaceableSyntax;
  /** Lowest score after repairs a branch's draft is written with (i18next-candidate.ts). */
  min: number;
  lookup: (text: string) => Promise<Candidate[]>;
}

type Shape =
  | { leaf: IcuNode[] }
  | { name: string; kind: IcuBlockKind; offset?: number; branches: Array<{ key: string; shape: Shape }> };

class Refusal extends Error {
  constructor(readonly reason: IcuReason) {
    super(reason);
  }
}

/** Step 1: every block's surrounding text moved into its branches. */
function spread(nodes: IcuNode[], count: { leaves: number }): Shape {
  const at = nodes.findIndex((n) => n.type === 'block');
  if (at < 0) {
    if (++count.leaves > MAX_ICU_LEAVES) throw new Refusal('too-many-branches');
    return { leaf: nodes };
  }
  const block = nodes[at] as Extract<IcuNode, { type: 'block' }>;
  const around = [...nodes.slice(0, at), ...nodes.slice(at + 1)];
  if (around.some((n) => n.type === 'pound')) throw new Refusal('number-moved');
  return {
    name: block.name,
    kind: block.kind,
    ...(block.offset !== undefined && { offset: block.offset }),
    branches: block.branches.map((b) => ({
      key: b.key,
      shape: spread([...nodes.slice(0, at), ...b.message, ...nodes.slice(at + 1)], count),
    })),
  };
}

interface Step {
  name: string;
  kind: IcuBlockKind;
  key: string;
  sourceKey: string;
}

const CARDINAL_WITHOUT_NUMBER = new Set(['zero', 'one', 'two']);

/** Step 2: one sentence, its arguments and `#` as placeables, drafted and turned back into nodes. */
async function draftLeaf(nodes: IcuNode[], steps: Step[], ctx: IcuContext, reports: IcuBranchReport[]) {
  // Each placeable of the sentence and the nodes it stands for: an argument, `#`, or the text `$` and the argument
  // after it (`${name}` is one placeable to the finder: the `$` goes where the draft puts the argument).
  const tokens = new Map<string, IcuNode[]>();
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text') text += node.value;
    else if (node.type === 'pound') {
      tokens.set(POUND, [node]);
      text += POUND;
    } else if (node.type === 'arg') {
      const whole = (token: string) => token.match(ctx.syntax.pattern)?.[0] === token;
      const token = whole(node.raw) ? node.raw : `{${node.name}}`;
      const dollar = text.endsWith('$') && whole(`$${token}`);
      const key = dollar ? `$${token}` : token;
      if (dollar) text = text.slice(0, -1);
      if (!tokens.has(key)) tokens.set(key, dollar ? [{ type: 'text', value: '$' }, node] : [node]);
      text += key;
    }
  }
  const plural = steps.findLast((s) => s.kind !== 'select');
  const branch = {
    branch: steps.map((s) => `${s.name}=${s.key}`).join('/'),
    sourceBranch: steps.map((s) => `${s.name}=${s.sourceKey}`).join('/'),
  };
  if (text.trim() === '') {
    reports.push({ ...branch, status: 'empty-source' });
    return nodes;
  }
  const numberOf = (p: string, step: Step | undefined) =>
    step !== undefined &&
    (p === POUND ? step === plural : (tokens.get(p)?.at(-1) as { name?: string })?.name === step.name);
  const withoutNumber = (s: Step) =>
    s.kind === 'plural' && (s.key.startsWith('=') || CARDINAL_WITHOUT_NUMBER.has(s.key));
  const drafted = await draftText(text, ctx.lookup, {
    syntax: ctx.syntax,
    min: ctx.min,
    optional: (p) => steps.some((s) => withoutNumber(s) && numberOf(p, s)),
    isNumber: (p) => numberOf(p, plural),
    ...(plural && { suits: suits(plural, ctx.lang) }),
  });
  if (!drafted) {
    reports.push({ ...branch, status: 'no-match' });
    return undefined;
  }
  const { status, score, tmScore, unitId, codeText, appended, placeables } = drafted.report;
  const report = { ...branch, status, score, tmScore, unitId, codeText, appended, placeables } as IcuBranchReport;
  reports.push(Object.fromEntries(Object.entries(report).filter(([, v]) => v !== undefined)) as IcuBranchReport);
  if (drafted.value === undefined) return undefined;
  const out: IcuNode[] = [];
  let last = 0;
  for (const m of drafted.value.matchAll(ctx.syntax.pattern)) {
    const held = tokens.get(m[0]);
    if (!held) continue;
    if (m.index > last) out.push({ type: 'text', value: drafted.value.slice(last, m.index) });
    out.push(...held);
    last = m.index + m[0].length;
  }
  if (last < drafted.value.length) out.push({ type: 'text', value: drafted.value.slice(last) });
  return out;
}

/** Whether a number the TM's unit held suits the branch drafted (`=N`: N; a category: the number's category). */
function suits(step: Step, lang: Lang): (n: number) => boolean {
  if (step.key.startsWith('=')) return (n) => n === Number(step.key.slice(1));
  const rules = new Intl.PluralRules(lang, { type: step.kind === 'selectordinal' ? 'ordinal' : 'cardinal' });
  return (n) => rules.select(n) === step.key;
}

/** Step 3: the target's branches of a block, each with the source branches to draft it from, in order. */
function targetBranches(shape: Extract<Shape, { kind: IcuBlockKind }>, ctx: IcuContext) {
  const has = (key: string) => shape.branches.some((b) => b.key === key);
  if (shape.kind === 'select') return shape.branches.map((b) => ({ key: b.key, from: [b.key] }));
  const ordinal = shape.kind === 'selectordinal';
  const exact = shape.branches.filter((b) => b.key.startsWith('=')).map((b) => ({ key: b.key, from: [b.key] }));
  const own = pluralCategories(ctx.from, ordinal);
  const categories = pluralCategories(ctx.lang, ordinal).flatMap((c: PluralCategory) => {
    const tries: string[] = c === 'other' ? (ordinal ? ['other'] : ['other', 'many', 'few']) : [c];
    const from = tries.filter(has);
    // Left out, the category falls back to `other` at runtime; for an ordinal the source lacks, that is wrong.
    if (from.length === 0) return ordinal && !own.includes(c) ? [{ key: c, from: [] }] : [];
    return [{ key: c, from }];
  });
  return [...exact, ...categories];
}

async function draftShape(shape: Shape, steps: Step[], ctx: IcuContext, reports: IcuBranchReport[]) {
  if ('leaf' in shape) return draftLeaf(shape.leaf, steps, ctx, reports);
  const branches: Array<{ key: string; message: IcuNode[] }> = [];
  let complete = true;
  for (const target of targetBranches(shape, ctx)) {
    const step = (sourceKey: string): Step => ({ name: shape.name, kind: shape.kind, key: target.key, sourceKey });
    if (target.from.length === 0) {
      reports.push({
        branch: [...steps, step('')].map((s) => `${s.name}=${s.key}`).join('/'),
        status: 'no-source-form',
      });
      complete = false;
      continue;
    }
    let first: IcuBranchReport[] | undefined;
    let message: IcuNode[] | undefined;
    for (const sourceKey of target.from) {
      const tried: IcuBranchReport[] = [];
      const source = shape.branches.find((b) => b.key === sourceKey)!.shape;
      message = await draftShape(source, [...steps, step(sourceKey)], ctx, tried);
      first ??= tried;
      if (message) {
        reports.push(...tried);
        break;
      }
    }
    if (message) branches.push({ key: target.key, message });
    else {
      reports.push(...first!);
      complete = false;
    }
  }
  if (!complete) return undefined;
  const offset = 'offset' in shape && shape.offset !== undefined ? { offset: shape.offset } : {};
  return [{ type: 'block', name: shape.name, kind: shape.kind, ...offset, branches } as IcuNode];
}

/** Adjacent text nodes joined, empty ones dropped: how `parseIcu` reads a printed message back. */
function canonical(nodes: readonly IcuNode[]): IcuNode[] {
  const out: IcuNode[] = [];
  for (const node of nodes) {
    const prev = out[out.length - 1];
    if (node.type === 'text' && node.value === '') continue;
    if (node.type === 'text' && prev?.type === 'text')
      out[out.length - 1] = { type: 'text', value: prev.value + node.value };
    else if (node.type === 'block')
      out.push({ ...node, branches: node.branches.map((b) => ({ key: b.key, message: canonical(b.message) })) });
    else out.push(node);
  }
  return out;
}

/** Drafts an ICU message (see the file comment). */
export async function draftIcu(value: string, ctx: IcuContext): Promise<{ report: CandidateReport; value?: string }> {
  let shape: Shape;
  try {
    shape = spread(parseIcu(value), { leaves: 0 });
  } catch (err) {
    if (err instanceof IcuSyntaxError)
      return { report: { status: 'icu-unsupported', icu: { reason: 'invalid-syntax' } } };
    if (err instanceof Refusal) return { report: { status: 'icu-unsupported', icu: { reason: err.reason } } };
    throw err;
  }
  const branches: IcuBranchReport[] = [];
  const nodes = await draftShape(shape, [], ctx, branches);
  if (!nodes) return { report: { status: 'icu-incomplete', icu: { branches } } };
  const printed = printIcu(nodes);
  let readBack: IcuNode[] | undefined;
  try {
    readBack = parseIcu(printed);
  } catch {
    readBack = undefined;
  }
  if (JSON.stringify(readBack) !== JSON.stringify(canonical(nodes)))
    return { report: { status: 'icu-unsupported', icu: { reason: 'draft-invalid', branches } } };
  const scores = branches.flatMap((b) => (b.score === undefined ? [] : [b.score]));
  const score = scores.length > 0 ? { score: Math.min(...scores) } : {};
  // A branch with placeables appended makes the message one to check, as a key is (i18next-complete.ts).
  const appended = branches.flatMap((b) => b.appended ?? []);
  const status = appended.length > 0 ? 'placeables-appended' : 'filled';
  return { report: { status, ...score, ...(appended.length > 0 && { appended }), icu: { branches } }, value: printed };
}

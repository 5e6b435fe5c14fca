/**
 * The runs of final marks (. ! ? ؟ 。 …) and the closers after them (quotes, brackets, closing markup tags) in a
 * paragraph, found in one pass: the sentence segmenter (segment.ts) takes each run's end as a candidate boundary and
 * never cuts inside a run. Also the text as its rules see it, with mistyped opening quotes read as closers.
 */

/**
 * Opening quotes and their closers: an opening one right after a final mark, while one is open, is a mistyped
 * closer.
 */
const QUOTES: Record<string, string> = { '“': '”', '«': '»' };

/** Character kinds for the scan of runs (all in the BMP): a final mark, a closer, an opening or closing quote. */
const FINAL_K = 1;
const CLOSER_K = 2;
const OPEN_DOUBLE = 4; // “
const OPEN_GUILLEMET = 8; // «
const SHUT_DOUBLE = 16; // ”
const SHUT_GUILLEMET = 32; // »
const KIND = new Uint8Array(0x10000);
for (const c of '.!?؟。！？；…') KIND[c.charCodeAt(0)]! |= FINAL_K;
for (const c of '»"”’\')]」』）》〉') KIND[c.charCodeAt(0)]! |= CLOSER_K;
KIND['“'.charCodeAt(0)]! |= OPEN_DOUBLE;
KIND['«'.charCodeAt(0)]! |= OPEN_GUILLEMET;
KIND['”'.charCodeAt(0)]! |= SHUT_DOUBLE;
KIND['»'.charCodeAt(0)]! |= SHUT_GUILLEMET;

/** A closing markup tag (`</p>`, `</div>`), matched where a run of final marks ends. */
const CLOSING_TAG = /<\/[A-Za-z][A-Za-z0-9]*>/y;

/** The runs of final marks and closers of a paragraph (see Segmenter.sentences). */
export interface Runs {
  starts: number[];
  ends: number[];
  /** Opening quotes read as the closers they stand for. */
  closerAt: number[];
}

/**
 * The runs of final marks and closers. A run ends a sentence at its end, never inside it (no sentence starts with
 * "？" or "!"), nor inside the closing markup tags right after it: ICU's breaks inside a run are dropped and the
 * run's end is a candidate. One pass, each run scanned
 * once (a run of 24k dots must not be walked again from each of its dots). An opening quote right after a run, while
 * the same kind of quote is open (他说：“我们准备好了。“双方…), is a mistyped closer: it joins the run, and the rules
 * see it as the closer it stands for.
 */
export function scanRuns(text: string): Runs {
  const starts: number[] = [];
  const ends: number[] = [];
  const closerAt: number[] = [];
  let openDouble = false;
  let openGuillemet = false;
  for (let i = 0; i < text.length; i++) {
    const kind = KIND[text.charCodeAt(i)]!;
    if (!kind) continue;
    if (kind & OPEN_DOUBLE) openDouble = true;
    else if (kind & OPEN_GUILLEMET) openGuillemet = true;
    else if (kind & SHUT_DOUBLE) openDouble = false;
    else if (kind & SHUT_GUILLEMET) openGuillemet = false;
    if (!(kind & FINAL_K)) continue;
    let end = i + 1;
    for (; end < text.length; end++) {
      const next = KIND[text.charCodeAt(end)]!;
      if (next & FINAL_K) continue;
      if (next & CLOSER_K) {
        if (next & SHUT_DOUBLE) openDouble = false;
        else if (next & SHUT_GUILLEMET) openGuillemet = false;
        continue;
      }
      if ((next & OPEN_DOUBLE && openDouble) || (next & OPEN_GUILLEMET && openGuillemet)) {
        if (next & OPEN_DOUBLE) openDouble = false;
        else openGuillemet = false;
        closerAt.push(end);
        continue;
      }
      break;
    }
    // Closing markup tags right after the marks close the sentence too (…</div>, 。</p>): the run takes them.
    for (CLOSING_TAG.lastIndex = end; CLOSING_TAG.test(text); CLOSING_TAG.lastIndex = end) end = CLOSING_TAG.lastIndex;
    starts.push(i);
    ends.push(end);
    i = end - 1;
  }
  return { starts, ends, closerAt };
}

/** The text with the opening quotes at `at` (mistyped closers) written as the closers they stand for. */
export function withClosers(text: string, at: readonly number[]): string {
  let out = '';
  let from = 0;
  for (const k of at) {
    out += text.slice(from, k) + QUOTES[text[k]!]!;
    from = k + 1;
  }
  return out + text.slice(from);
}

/**
 * Tokens as the tokenizer emits them: folded UTF-16 code units, without making strings, each with its span in the
 * text. Reused between calls (the tokenizer clears it), so indexing a million units allocates almost nothing.
 */
export class TokenBuffer {
  /** Folded code units of every token: token t is codes[starts[t] .. starts[t] + lens[t]). */
  codes = new Uint16Array(1024);
  starts = new Int32Array(128);
  lens = new Int32Array(128);
  /** Token t's span in the original text: [from[t], to[t]). */
  from = new Int32Array(128);
  to = new Int32Array(128);
  /** Tokens held. */
  count = 0;
  /** Code units held. */
  used = 0;

  clear(): void {
    this.count = 0;
    this.used = 0;
  }

  /** Room for `units` code units and as many tokens, so that a loop may write without checking. */
  reserve(units: number): void {
    if (this.codes.length < units) this.codes = new Uint16Array(units * 2);
    if (this.starts.length < units) this.growTokens(units * 2);
  }

  /** Starts a token at `from` in the text; its code units follow with `push`. */
  open(from: number): void {
    const t = this.count;
    if (t === this.starts.length) this.growTokens(t * 2);
    this.starts[t] = this.used;
    this.lens[t] = 0;
    this.from[t] = from;
    this.to[t] = from;
    this.count = t + 1;
  }

  /** Appends a code unit to the last token, whose span now ends at `to`. */
  push(code: number, to: number): void {
    if (this.used === this.codes.length) {
      const codes = new Uint16Array(this.used * 2);
      codes.set(this.codes);
      this.codes = codes;
    }
    this.codes[this.used++] = code;
    this.lens[this.count - 1]!++;
    this.to[this.count - 1] = to;
  }

  /** Appends a whole token (for callers that hold token strings; its span is empty). */
  pushString(token: string): void {
    this.open(0);
    for (let i = 0; i < token.length; i++) this.push(token.charCodeAt(i), 0);
  }

  /** Token t as a string. */
  token(t: number): string {
    return codesToString(this.codes, this.starts[t]!, this.lens[t]!);
  }

  /** Every token as a string. */
  strings(): string[] {
    const out = new Array<string>(this.count);
    for (let t = 0; t < this.count; t++) out[t] = this.token(t);
    return out;
  }

  private growTokens(size: number): void {
    const grow = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a.subarray(0, this.count));
      return b;
    };
    this.starts = grow(this.starts);
    this.lens = grow(this.lens);
    this.from = grow(this.from);
    this.to = grow(this.to);
  }
}

/** A string from code units, in chunks (spreading a very long token at once would overflow the stack). */
export function codesToString(codes: Uint16Array, from: number, len: number): string {
  let out = '';
  for (let at = from; at < from + len; at += 8192) {
    out += String.fromCharCode(...codes.subarray(at, Math.min(from + len, at + 8192)));
  }
  return out;
}

/**
 * Interns tokens as small integers so that the edit distance compares numbers, not strings.
 *
 * Each token also has a stem id: for Arabic words the word without its proclitics (و ف ب ك ل ال …), for every other
 * token the token itself. Two different tokens with the same stem differ "by a clitic" and cost a fraction of an edit.
 * The vocabulary is derived data: any process can rebuild it from the units in Redis.
 */
import { arabicStem, isArabicWord } from '../normalize';

export interface TokenIds {
  ids: Int32Array;
  stems: Int32Array;
}

export class Vocabulary {
  private readonly ids = new Map<string, number>();

  get size(): number {
    return this.ids.size;
  }

  /** Interns every token (index side). */
  intern(tokens: readonly string[]): TokenIds {
    const ids = new Int32Array(tokens.length);
    const stems = new Int32Array(tokens.length);
    tokens.forEach((token, i) => {
      ids[i] = this.idOf(token);
      stems[i] = isArabicWord(token) ? this.idOf(arabicStem(token)) : ids[i]!;
    });
    return { ids, stems };
  }

  /**
   * Looks tokens up without growing the vocabulary (query side, so hostile queries cannot bloat memory).
   * Unknown tokens get negative ids, equal for equal strings within this call.
   */
  lookup(tokens: readonly string[]): TokenIds {
    const unknown = new Map<string, number>();
    const find = (token: string): number => {
      const known = this.ids.get(token);
      if (known !== undefined) return known;
      let temp = unknown.get(token);
      if (temp === undefined) {
        temp = -1 - unknown.size;
        unknown.set(token, temp);
      }
      return temp;
    };
    const ids = new Int32Array(tokens.length);
    const stems = new Int32Array(tokens.length);
    tokens.forEach((token, i) => {
      ids[i] = find(token);
      stems[i] = isArabicWord(token) ? find(arabicStem(token)) : ids[i]!;
    });
    return { ids, stems };
  }

  private idOf(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(token, id);
    }
    return id;
  }
}

/** Stem bigrams: a 32-bit hash per adjacent pair, cut to the top `bits` bits for a table of 2^bits buckets. */

/** 32-bit hash of the stem bigram (a, b); its top `bits` bits are its bucket. */
export function pairHash(a: number, b: number): number {
  return Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x85ebca6b);
}

/** Bucket of the stem bigram (a, b) in a table of 2^bits buckets. */
export function bigramKey(a: number, b: number, bits: number): number {
  return pairHash(a, b) >>> (32 - bits);
}

/** Table size for a number of bigram occurrences: about two occurrences per bucket, 2^16 to 2^22 buckets. */
export function bigramBits(occurrences: number): number {
  return Math.max(16, Math.min(22, Math.ceil(Math.log2(Math.max(1, occurrences / 2)))));
}

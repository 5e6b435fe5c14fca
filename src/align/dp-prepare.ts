/**
 * What the DP's bead costs need (dp.ts), computed once per alignment, not per band: the items' length prefix sums and
 * their anchors coded as sorted integers (anchors.ts), each item's alone and joined with the next one's.
 */
import { encodeAnchors, hasAnchorCodes, joinAnchors, type AnchorCodes, type Anchors } from './anchors';

export interface Item {
  /** Characters (without spaces for zh, as written otherwise). */
  len: number;
  anchors: Anchors;
}

/** What bead costs need, computed once per alignment (not per band): length prefix sums and coded anchors. */
export interface Prepared {
  sumA: Float64Array;
  sumT: Float64Array;
  /** Anchors of item k, and of items k and k+1 together. */
  oneA: AnchorCodes[];
  twoA: AnchorCodes[];
  oneT: AnchorCodes[];
  twoT: AnchorCodes[];
  anchoredA: Uint8Array;
  anchoredT: Uint8Array;
}

/**
 * Each item's anchors with only the name keys the other side has somewhere, their count before kept (names.ts:
 * Arabic gives a key for nearly every word; one the other side never has can match nothing, and the DP compares
 * every pair of spans in its band).
 */
function sharedNames(X: readonly Item[], other: readonly Item[]): Anchors[] {
  const keys = new Set<string>();
  for (const o of other) for (const key of o.anchors.names) keys.add(key);
  return X.map(({ anchors }) =>
    anchors.names.length === 0
      ? anchors
      : { ...anchors, names: anchors.names.filter((key) => keys.has(key)), nameTotal: anchors.names.length },
  );
}

export function prepare(A: readonly Item[], T: readonly Item[]): Prepared {
  const ids = new Map<string, number>();
  const side = (X: readonly Item[], other: readonly Item[]) => {
    const sum = new Float64Array(X.length + 1);
    X.forEach((x, k) => (sum[k + 1] = sum[k]! + x.len));
    const one = sharedNames(X, other).map((anchors) => encodeAnchors(anchors, ids));
    const two = one.map((x, k) => (k + 1 < X.length ? joinAnchors(x, one[k + 1]!) : x));
    return { sum, one, two, anchored: Uint8Array.from(one, (a) => (hasAnchorCodes(a) ? 1 : 0)) };
  };
  const a = side(A, T);
  const t = side(T, A);
  return {
    sumA: a.sum,
    sumT: t.sum,
    oneA: a.one,
    twoA: a.two,
    oneT: t.one,
    twoT: t.two,
    anchoredA: a.anchored,
    anchoredT: t.anchored,
  };
}

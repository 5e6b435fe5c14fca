/**
 * Entity tags of units and documents (HTTP ETag / If-Match). A unit's tag is computed from its stored fields the way
 * lua/unit-tag.lua does inside the write scripts, where If-Match is checked atomically with the write; a document's
 * tag is its rev, which every write of it increments (the scripts check the rev the same way).
 */
import { createHash } from 'node:crypto';

/** The unit fields a tag covers, in order. */
export const TAG_FIELDS = ['ar', 'en', 'zh', 'doc', 'pos', 'para', 'updated'] as const;

/** The tag of a unit from its TAG_FIELDS values as stored (null: missing). Same formula as lua/unit-tag.lua. */
export function unitTag(values: readonly (string | null | undefined)[]): string {
  return createHash('sha1')
    .update(values.map((v) => v ?? '').join('\u0000'))
    .digest('hex')
    .slice(0, 20);
}

/** The scripts' form of an If-Match: '' (none), '*', or ' tag1 tag2 '. */
export function ifMatchArg(tags: readonly string[] | undefined): string {
  if (!tags) return '';
  return tags.includes('*') ? '*' : ` ${tags.join(' ')} `;
}

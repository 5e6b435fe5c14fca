/**
 * A code's XML as a tree of elements and text, for the repair of the codes nested in its `sub`s and of the elements
 * it holds where the DTD does not allow them (inline-repair.ts).
 * The XML is as the TMX reader writes it (tmx-sax.ts): inline elements and `sub` only, attribute values and text
 * escaped, so a `<` always opens a tag. Untouched nodes serialize to the bytes they were read from.
 */
export interface XmlElement {
  name: string;
  /** The start tag as written (the whole element when it is empty, `<ph/>`). */
  start: string;
  children: XmlNode[];
  /** The end tag as written ('' for an empty element). */
  end: string;
}

/** Text (escaped, as written), an element, or XML already serialized. */
export type XmlNode = string | XmlElement;

const TAG = /<(\/?)([^\s/>]+)(?:\s[^\s=>]+="[^"]*")*\s*(\/?)>/g;

/** The nodes of `xml`, or undefined when its tags do not nest (XML the reader did not write: left alone). */
export function parseXml(xml: string): XmlNode[] | undefined {
  const root: XmlElement = { name: '', start: '', children: [], end: '' };
  const open = [root];
  let at = 0;
  for (const m of xml.matchAll(TAG)) {
    const parent = open[open.length - 1]!;
    if (m.index > at) parent.children.push(xml.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[1]) {
      if (open.length === 1 || parent.name !== m[2]) return undefined;
      parent.end = m[0];
      open.pop();
    } else {
      const element: XmlElement = { name: m[2]!, start: m[0], children: [], end: '' };
      parent.children.push(element);
      if (!m[3]) open.push(element);
    }
  }
  if (open.length !== 1) return undefined;
  if (at < xml.length) root.children.push(xml.slice(at));
  return root.children;
}

export function serializeXml(nodes: readonly XmlNode[]): string {
  let out = '';
  for (const node of nodes)
    out += typeof node === 'string' ? node : node.start + serializeXml(node.children) + node.end;
  return out;
}

import fs from 'node:fs';
import path from 'node:path';
import { SCRIPT_NAMES, ScriptCode } from '../../src/store/scripts';

const LUA = path.resolve(__dirname, '../../src/store/lua');

/** The header's Output lines that name a code: `   -1 CONFLICT: …` → [-1, 'CONFLICT']. */
function namedOutputs(source: string): [number, string][] {
  const header = source.slice(0, source.indexOf(']]'));
  const output = header.slice(header.indexOf('Output'));
  return [...output.matchAll(/^\s*(-?\d+)\s+([A-Z_]+)\b/gm)].map((m) => [Number(m[1]), m[2]!]);
}

describe('the Lua scripts and ScriptCode', () => {
  it.each(SCRIPT_NAMES)('%s returns only codes its header names, each as ScriptCode names it', (name) => {
    const source = fs.readFileSync(path.join(LUA, `${name}.lua`), 'utf8');
    const named = namedOutputs(source);
    // A script that returns a count says so ("number of units … (>= 0"): its non-negative literals are counts.
    const counts = /number of units[^\n]*\(>= 0/.test(source);
    // A read-only script answers data and says so ("Output (data, no codes)").
    const data = /Output \(data, no codes\)/.test(source);
    expect(named.length > 0 || counts || data).toBe(true);
    for (const [value, code] of named)
      expect([code, ScriptCode[code as keyof typeof ScriptCode]]).toEqual([code, value]);
    const literals = [...source.matchAll(/\breturn (-?\d+)\b/g)].map((m) => Number(m[1]));
    for (const value of literals.filter((v) => !(counts && v >= 0))) expect(named.map(([v]) => v)).toContain(value);
  });
});

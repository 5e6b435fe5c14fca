/**
 * Every error message, rendered with the params its throw sites pass, has no `{{…}}` left: the throw sites are read
 * from the source (each `new MizanError(ErrorCode.X, { … })` or subclass, and the codes the parameter reader fails
 * with), so a message that gains a placeholder, or a new throw site that forgets one, fails here, not in a client.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ErrorCode } from '../../src/errors';
import { createTranslator, UI_LANGS } from '../../src/i18n';

const SRC = path.join(__dirname, '../../src');

/** What the error middleware adds to every error's params (errorAnswer). */
const ALWAYS = ['retryAfter'];

interface Site {
  where: string;
  code: string;
  /** The param names passed; undefined when they cannot be read from the source (a spread of a variable). */
  keys: string[] | undefined;
  /** The `context` param written out (`not-utf8`): it picks the message's variant (error-message.ts). */
  context?: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const codeOf = (node: ts.Node | undefined): string | undefined =>
  node && ts.isPropertyAccessExpression(node) && node.expression.getText() === 'ErrorCode' ? node.name.text : undefined;

/**
 * The property names of an object literal (a spread only ever adds optional ones, such as `variant`: the names
 * written out must be enough); undefined when the params are not written out (an error passed on as it came).
 */
function keysOf(node: ts.Node | undefined): string[] | undefined {
  if (!node) return [];
  if (!ts.isObjectLiteralExpression(node)) return undefined;
  const keys: string[] = [];
  for (const property of node.properties) {
    if (
      !ts.isSpreadAssignment(property) &&
      property.name &&
      (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))
    )
      keys.push(property.name.text);
  }
  return keys;
}

/** The string literal given to `context` in an object literal, if any. */
function contextOf(node: ts.Node | undefined): string | undefined {
  if (!node || !ts.isObjectLiteralExpression(node)) return undefined;
  for (const property of node.properties)
    if (ts.isPropertyAssignment(property) && property.name.getText() === 'context')
      return ts.isStringLiteral(property.initializer) ? property.initializer.text : undefined;
  return undefined;
}

function throwSites(): Site[] {
  const sites: Site[] = [];
  for (const file of sourceFiles(SRC)) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      const where = `${path.relative(SRC, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      // new MizanError(ErrorCode.X, {…}), and its subclasses' (amaGama's NotServed) made the same way.
      if (ts.isNewExpression(node)) {
        const code = codeOf(node.arguments?.[0]);
        if (code)
          sites.push({ where, code, keys: keysOf(node.arguments?.[1]), context: contextOf(node.arguments?.[1]) });
      }
      if (ts.isCallExpression(node)) {
        const callee = node.expression.getText();
        const add = (arg: ts.Node | undefined, keys: string[] | undefined) => {
          const code = codeOf(arg);
          if (code) sites.push({ where, code, keys });
        };
        // Params#fail(code, key, extra) throws { param, value, ...extra }; the readers given codes fail through it.
        if (/\.fail$/.test(callee)) add(node.arguments[0], keysOf(node.arguments[2])?.concat('param', 'value'));
        if (/\.int$/.test(callee)) add(node.arguments[4], ['param', 'value', 'min', 'max']);
        if (/\.text$/.test(callee)) {
          add(node.arguments[2], ['param', 'value']);
          add(node.arguments[3], ['param', 'length', 'max']);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return sites;
}

describe('error messages as thrown', () => {
  const sites = throwSites();

  it('are found in the source for most codes (the reader of throw sites still reads them)', () => {
    expect(new Set(sites.map((s) => s.code)).size).toBeGreaterThan(Object.keys(ErrorCode).length / 2);
  });

  it('leave no placeholder uninterpolated, in any language', async () => {
    const t = await createTranslator();
    const left: string[] = [];
    for (const site of sites) {
      if (!site.keys) continue;
      const params = Object.fromEntries([...site.keys, ...ALWAYS].map((k) => [k, `<${k}>`]));
      // A plural message is found by `count` (error-message.ts passes the counted param's number), a variant by
      // `context`: every form and variant must be rendered, and one not found would come back as its key.
      for (const lang of UI_LANGS)
        for (const count of [0, 1, 2, 5, 11, 100]) {
          const message = t.t(`errors.${site.code}`, lang, { ...params, count, context: site.context });
          if (message.includes('{{') || message.startsWith('errors.'))
            left.push(`${site.where} ${site.code} (${lang}): ${message}`);
        }
    }
    expect(left).toEqual([]);
  });
});

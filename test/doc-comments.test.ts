// The API docs (`npm run docs`, typedoc) are generated from the doc comments, so the comments are
// the documentation: every function and class that src/index.ts exports as a value, and every public
// method of those classes, must carry a doc comment with an `@example`. Read with the TypeScript 5.9
// compiler API (TypeScript 7 has none).
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript5';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Export {
  name: string;
  kind: 'function' | 'class' | 'method';
  where: string;
  documented: boolean;
  example: boolean;
}

/** The value exports of src/index.ts that are functions or classes, with what their doc comments hold. */
function exportsOfIndex(): Export[] {
  const program = ts.createProgram([`${root}src/index.ts`], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(`${root}src/index.ts`)!;
  const found: Export[] = [];
  for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(index)!)) {
    // `export type { X }` / `export type * from …`: no value for a user to call, so no example needed.
    if (exported.declarations?.some((d) => ts.isTypeOnlyImportOrExportDeclaration(d))) continue;
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = (symbol.declarations ?? []).filter(
      (d) => ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d) || (ts.isVariableDeclaration(d) && isFunctionValued(d)),
    );
    const first = declarations[0];
    if (first === undefined) continue;
    found.push(describe(exported.name, ts.isClassDeclaration(first) ? 'class' : 'function', declarations));
    if (!ts.isClassDeclaration(first)) continue;
    // Public methods, each overload set once (constructors, accessors and properties are described by their doc alone).
    const methods = new Map<string, ts.MethodDeclaration[]>();
    for (const m of first.members) {
      if (!ts.isMethodDeclaration(m) || ts.isPrivateIdentifier(m.name)) continue;
      if (ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
      if (ts.getJSDocTags(m).some((t) => t.tagName.text === 'internal')) continue;
      const name = `${exported.name}.${m.name.getText()}`;
      methods.set(name, [...(methods.get(name) ?? []), m]);
    }
    for (const [name, overloads] of methods) found.push(describe(name, 'method', overloads));
  }
  return found;
}

function describe(name: string, kind: Export['kind'], declarations: ts.Declaration[]): Export {
  const first = declarations[0]!;
  const sf = first.getSourceFile();
  return {
    name,
    kind,
    where: `${relative(root, sf.fileName)}:${sf.getLineAndCharacterOfPosition(first.getStart()).line + 1}`,
    documented: declarations.some((d) => ts.getJSDocCommentsAndTags(d).some(ts.isJSDoc)),
    example: declarations.some((d) => ts.getJSDocTags(d).some((t) => t.tagName.text === 'example')),
  };
}

function isFunctionValued(d: ts.VariableDeclaration): boolean {
  return d.initializer !== undefined && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer));
}

const found = exportsOfIndex();

it('finds the exported functions and classes of src/index.ts and their public methods', () => {
  const names = found.map((e) => e.name);
  for (const name of ['Matrix', 'matrix', 'zeros', 'matmul', 'fromWeights', 'network', 'Network', 'NetworkBuilder', 'ShapeError', 'Network.train', 'Matrix.get']) {
    expect(names).toContain(name);
  }
});

it('every exported function, class and public method has a doc comment with an @example', () => {
  const missing = found.filter((e) => !e.documented || !e.example).map((e) => `${e.name} (${e.kind}, ${e.where}): ${e.documented ? 'no @example' : 'no doc comment'}`);
  expect(missing).toEqual([]);
});

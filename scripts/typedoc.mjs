// `npm run docs`: API docs from the doc comments into docs/api/ (settings in typedoc.json).
// typedoc 0.28 is written against the TypeScript 5 compiler API, and `typescript` in this repo is
// TypeScript 7, the native compiler, which has no JavaScript API. So typedoc runs here with its
// `import ts from 'typescript'` resolved to the `typescript5` alias (TypeScript 5.9); package.json
// overrides typedoc's peer dependency so that npm accepts the pairing.
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

const hook = `export async function resolve(specifier, context, next) {
  return next(specifier === 'typescript' ? 'typescript5' : specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

// typedoc's command line reads process.argv, so `npm run docs -- --watch` etc. pass through.
await import(fileURLToPath(new URL('../node_modules/typedoc/dist/cli.js', import.meta.url)));

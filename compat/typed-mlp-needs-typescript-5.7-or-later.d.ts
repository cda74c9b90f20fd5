// typed-mlp needs TypeScript 5.7 or later: upgrade with `npm install --save-dev typescript@latest`.
//
// This compiler is older, so the package's types point it here instead of at dist/src/index.d.ts
// ("types@<5.7" in package.json "exports" for moduleResolution node16, nodenext and bundler;
// "typesVersions" for node10). The real types would not be safe on it: 4.9 cannot parse their
// `const` type parameters; 5.0-5.2 do not apply `const` to a parameter typed `T & Check<T>`, so
// `matrix()` gives Matrix<number, number>, `fromWeights` gives Network<number[]> and every chain
// check silently turns off; 5.3-5.6 do not know the generic typed arrays (Float64Array<...>) the
// .d.ts files use. The JavaScript itself runs whatever compiler you use.
//
// The file declares nothing and is not a module, on purpose: every import of 'typed-mlp' then fails
// at the import itself with TS2306 "File '.../typed-mlp-needs-typescript-5.7-or-later.d.ts' is not
// a module", whatever `skipLibCheck` says (an error inside a .d.ts would be hidden by it).

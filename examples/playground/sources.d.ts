// The virtual module scripts/playground.mjs builds from sources.json: for each entry, the line of
// docs/derivation.md and the lines of src/ its needles were found on when the page was built.
declare module 'playground:sources' {
  export interface Located {
    /** A path from the repository's root: docs/derivation.md or src/… */
    readonly file: string;
    /** 1-based. */
    readonly line: number;
    /** The whole line, trimmed, runs of 3 or more spaces shortened to 2. */
    readonly text: string;
  }
  export interface Provenance {
    readonly doc?: Located;
    readonly src: readonly Located[];
  }
  const sources: Readonly<Record<string, Provenance>>;
  export default sources;
}

/** True in `npm run playground` (live reload), false in the static build. */
declare const PLAYGROUND_DEV: boolean;

/** The page's stylesheet, which esbuild bundles into main.css. */
declare module '*.css';

/**
 * An environment variable, or undefined where there is none to read: outside Node, and where
 * reading it is not allowed (Deno without `--allow-env` throws `NotCapable` on access). Reading the
 * environment never crashes the library.
 */
export function readEnv(name: string): string | undefined {
  try {
    return typeof process !== 'undefined' ? process.env?.[name] : undefined;
  } catch {
    return undefined;
  }
}

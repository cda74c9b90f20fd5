/**
 * JSON.parse, plus what it does not check: a key repeated in one object. JSON.parse silently keeps
 * the last value, so `{"lr": 0.1, "lr": 100}` would train at 100 with nothing said. Throws
 * `fail(message)` for invalid JSON or a duplicate key (with its line and column).
 *
 * @example
 * ```ts
 * parseStrictJson('{"a": 1, "a": 2}', (m) => new FormatError(m)); // throws: duplicate key "a" (line 1, column 10) …
 * ```
 */
export function parseStrictJson(text: string, fail: (message: string) => Error): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // The engine's message may quote the text, line breaks and all: they are written as \n and \r,
    // so the message stays one line and keeps its end ("… is not valid JSON").
    throw fail(`not valid JSON: ${escapeLineBreaks((e as Error).message)}`);
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate) {
    throw fail(`duplicate key ${JSON.stringify(duplicate.key)} (line ${duplicate.line}, column ${duplicate.column}): JSON would silently keep only the last value`);
  }
  return value;
}

/** `text` with every line break written as an escape (\n, \r, \u2028, \u2029): one line, nothing cut. */
function escapeLineBreaks(text: string): string {
  return text.replace(/[\n\r\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16)}`));
}

/** The first key that appears twice in one object of (valid) JSON text, or undefined. Linear time. */
export function findDuplicateKey(text: string): { key: string; line: number; column: number } | undefined {
  // One entry per open object (its keys so far) or array (null); `expectKey` is true right after
  // `{` or a `,` inside an object, where the next string is a key rather than a value.
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push(null);
      expectKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] instanceof Set;
    } else if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c /* \ */) {
          escaped = true;
          i++;
        }
      }
      const keys = stack[stack.length - 1];
      if (expectKey && keys instanceof Set) {
        // Escapes are decoded ("a" and "\u0061" are one key); a key without any is its own text.
        const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
        if (keys.has(key)) return { key, ...position(text, start) };
        keys.add(key);
        expectKey = false;
      }
    }
  }
  return undefined;
}

function position(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}

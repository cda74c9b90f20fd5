import { ValueError } from '../errors.js';
import { describe } from '../validate.js';

/** An optimizer option in [0, 1), or its default when omitted; a ValueError naming `optimizer.<name>` otherwise. */
export function unitInterval(name: string, value: unknown, fallback: number): number {
  const v = value ?? fallback;
  if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1)) throw new ValueError(`optimizer.${name} is ${describe(v)}, but it must be in [0, 1)`);
  return v;
}

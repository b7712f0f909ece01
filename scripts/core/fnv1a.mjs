// FNV-1a (32-bit): the one non-cryptographic hash of kb, for cache keys and
// hash maps of hot loops. Plain JavaScript so scripts/bin/load-main.mjs can
// use it before any TypeScript is compiled; node:crypto costs ~10 ms to load.

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** One step: the hash `h` extended by one byte or character code. */
export function fnv1aStep(h, code) {
  return Math.imul(h ^ code, FNV_PRIME);
}

/** The hash of a string's UTF-16 code units (or of bytes), from `seed`; an unsigned 32-bit number. */
export function fnv1a(input, seed = FNV_OFFSET) {
  let h = seed;
  if (typeof input === 'string') for (let i = 0; i < input.length; i++) h = fnv1aStep(h, input.charCodeAt(i));
  else for (let i = 0; i < input.length; i++) h = fnv1aStep(h, input[i]);
  return h >>> 0;
}

/** `fnv1a` as 8 hex digits. */
export function fnv1aHex(input, seed = FNV_OFFSET) {
  return fnv1a(input, seed).toString(16).padStart(8, '0');
}

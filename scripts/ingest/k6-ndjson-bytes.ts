/**
 * Byte-level helpers for the k6 NDJSON fast path: comparisons, a JSON number
 * parser and a timestamp parser that caches the whole-second part, all on the
 * raw Buffer so no string is made per line.
 */

export function bytesEqual(buf: Buffer, at: number, bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false;
  return true;
}

export function startsWithAt(buf: Buffer, at: number, mark: Buffer): boolean {
  if (at + mark.length > buf.length) return false;
  for (let i = 0; i < mark.length; i++) if (buf[at + i] !== mark[i]) return false;
  return true;
}

/** A JSON number from bytes ending at "," or "}"; NaN when it is not a plain number (the caller then takes the slow path). */
export function parseNumber(buf: Buffer, i: number, e: number): number {
  let neg = false;
  if (buf[i] === 45) {
    neg = true;
    i++;
  }
  let int = 0;
  let digits = 0;
  let c = buf[i]!;
  while (c >= 48 && c <= 57) {
    int = int * 10 + (c - 48);
    digits++;
    c = buf[++i]!;
  }
  if (digits === 0 || i >= e) return Number.NaN;
  let value = int;
  if (c === 46) {
    let frac = 0;
    let scale = 1;
    c = buf[++i]!;
    while (c >= 48 && c <= 57) {
      frac = frac * 10 + (c - 48);
      scale *= 10;
      c = buf[++i]!;
    }
    value = int + frac / scale;
  }
  if (c === 101 || c === 69 || digits > 15) {
    let j = i;
    while (j < e && buf[j] !== 44 && buf[j] !== 125) j++;
    const start = neg ? i - digits - 1 : i - digits;
    value = Math.abs(Number(buf.toString('latin1', start, j)));
    if (!Number.isFinite(value)) return Number.NaN;
  } else if (c !== 44 && c !== 125) {
    return Number.NaN;
  }
  return neg ? -value : value;
}

/** Parses k6 timestamps ("2026-02-13T02:05:17.584482+03:00") to epoch ms, caching on everything but the fraction. */
export class TimeParser {
  private readonly key = Buffer.alloc(32);
  private keyLen = 0;
  private keySecond = 0;

  /** Epoch ms, or NaN when the bytes are not a timestamp. */
  parse(buf: Buffer, s: number, e: number): number {
    if (e - s < 19) return Number.NaN;
    const fracStart = s + 19;
    let fracEnd = fracStart;
    if (buf[fracStart] === 46) {
      fracEnd = fracStart + 1;
      while (fracEnd < e && buf[fracEnd]! >= 48 && buf[fracEnd]! <= 57) fracEnd++;
    }
    const keyLen = 19 + (e - fracEnd);
    let same = keyLen === this.keyLen && keyLen <= 32;
    if (same) {
      for (let i = 0; i < 19; i++) {
        if (buf[s + i] !== this.key[i]) {
          same = false;
          break;
        }
      }
      if (same) {
        for (let i = 19; i < keyLen; i++) {
          if (buf[fracEnd + i - 19] !== this.key[i]) {
            same = false;
            break;
          }
        }
      }
    }
    if (!same) {
      const t = Date.parse(buf.toString('latin1', s, s + 19) + buf.toString('latin1', fracEnd, e));
      if (Number.isNaN(t)) return Number.NaN;
      if (keyLen <= 32) {
        buf.copy(this.key, 0, s, s + 19);
        buf.copy(this.key, 19, fracEnd, e);
        this.keyLen = keyLen;
        this.keySecond = t;
      }
      return t + fraction(buf, fracStart, fracEnd);
    }
    return this.keySecond + fraction(buf, fracStart, fracEnd);
  }
}

/** Milliseconds from ".584482" (the first three digits). */
function fraction(buf: Buffer, s: number, e: number): number {
  if (e - s < 2) return 0;
  let ms = 0;
  let place = 100;
  for (let i = s + 1; i < e && place >= 1; i++, place /= 10) ms += (buf[i]! - 48) * place;
  return ms;
}

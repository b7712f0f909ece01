/**
 * The one error type of the kb tool. Branch on `code`, never on the message.
 * `exitCode` follows the CLI contract: 1 failure, 2 usage, 3 regression.
 */
export const errorCodes = {
  USAGE: 2,
  UNKNOWN_KIND: 2,
  BAD_TITLE: 2,
  BAD_ARGUMENT: 2,
  EXISTS: 1,
  NOT_FOUND: 1,
  INVALID_FRONT_MATTER: 1,
  INVALID_CONFIG: 1,
  ILLEGAL_TRANSITION: 1,
  UNKNOWN_FORMAT: 1,
  INVALID_INPUT: 1,
  WRITE_FAILED: 1,
  CHECK_FAILED: 1,
  REGRESSION: 3,
  INTERNAL: 1,
} as const;

export type KbErrorCode = keyof typeof errorCodes;

export interface KbErrorDetails {
  /** How to fix it, said to the user after an em dash. */
  hint?: string;
  /** The file the problem is in, relative to the project root when possible. */
  file?: string;
  /** The field path inside that file (e.g. `metrics.http_req_duration.p(95)`). */
  field?: string;
  cause?: unknown;
}

export class KbError extends Error {
  readonly code: KbErrorCode;
  readonly hint?: string;
  readonly file?: string;
  readonly field?: string;

  constructor(code: KbErrorCode, message: string, details: KbErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'KbError';
    this.code = code;
    this.hint = details.hint;
    this.file = details.file;
    this.field = details.field;
  }

  get exitCode(): number {
    return errorCodes[this.code];
  }

  /** One line: `file: field: message — hint`. */
  format(): string {
    const where = [this.file, this.field].filter(Boolean).join(': ');
    const head = where ? `${where}: ${this.message}` : this.message;
    return this.hint ? `${head} — ${this.hint}` : head;
  }
}

export function isKbError(value: unknown): value is KbError {
  return value instanceof KbError;
}

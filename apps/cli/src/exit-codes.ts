/** What `studio` exits with, so scripts can tell a typo from a broken database. */
export const ExitCode = {
  OK: 0,
  /** A bug or an error nobody classified. */
  UNEXPECTED: 1,
  /** Unknown command or option, or a value that does not parse. */
  USAGE: 2,
  /** The database is unreachable, or its migration history disagrees with this build. */
  DATABASE: 3,
  /** The server could not listen (address in use, permission). */
  LISTEN: 4,
  /** A bundle or CSV that cannot be used (not a zip, checksum mismatch, missing columns), or rows that failed validation. */
  INPUT: 5,
  /** Training ran and failed (or the graph cannot be trained). */
  TRAINING_FAILED: 6,
  /** `studio audit verify` found an event that does not verify. */
  AUDIT_BROKEN: 7,
} as const;

// Recognising PostgreSQL errors the same way on PGlite, node-postgres and through drizzle's wrappers.

/**
 * True for a unique-index violation (SQLSTATE 23505), also when wrapped by drizzle's
 * DrizzleQueryError. With `constraint`, only for that index (when the driver reports it).
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  let current: unknown = err;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const { code, constraint: reported, cause } = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (code === "23505") return !constraint || typeof reported !== "string" || reported === constraint;
    current = cause;
  }
  return false;
}

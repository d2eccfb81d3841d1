import { defineConfig } from "drizzle-kit";

// Migrations are generated against an in-memory PGlite; the same SQL runs on PostgreSQL 15.
export default defineConfig({
  dialect: "postgresql",
  driver: "pglite",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  dbCredentials: { url: "memory://" },
});

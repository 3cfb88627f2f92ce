import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./migrations",
  casing: "snake_case",
  // Only `generate` is used (migrations are committed and applied by the app); no credentials needed.
});

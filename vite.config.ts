import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [!process.env.VITEST && remix(remixConfig)],
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  server: { hmr: { port: Number(process.env.HMR_PORT ?? 24678) } },
  optimizeDeps: { exclude: ["@electric-sql/pglite", "drizzle-orm", "better-auth", "pg", "postgres", "resend"] },
  ssr: { noExternal: [/^@utrecht\//] },
});

// @ts-check
// Remix does not read this file itself under Vite: it holds the Remix Vite-plugin options, and
// vite.config.ts imports it. All React Router v7 future flags are on.
/** @type {import("@remix-run/dev").VitePluginConfig} */
const config = {
  appDirectory: "app",
  buildDirectory: "build",
  serverModuleFormat: "esm",
  ignoredRouteFiles: ["**/*.test.*", "**/*.server.*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    v3_routeConfig: true,
  },
};

export default config;

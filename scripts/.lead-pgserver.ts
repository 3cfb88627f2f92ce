import { chmod, mkdtemp } from "node:fs/promises";
import os from "node:os"; import path from "node:path";
import { startEmbeddedPostgres } from "#db/embedded.ts";
const dir = await mkdtemp(path.join(os.tmpdir(), "lead-pg-")); await chmod(dir, 0o755);
const s = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: 55432 });
console.log("ready", s.adminUrl);
process.on("SIGTERM", async () => { await s.stop(); process.exit(0); });
setInterval(() => {}, 1 << 30);

/**
 * The floor: a bare `node:http` server that answers every request with the
 * first page of one thread as JSON, from the same single SQL query the app's
 * thread page runs (`getThreadPage`, through the same `postgres` pool with
 * the same size), and nothing else: no framework, no session, no rendering.
 * What any framework can do on this machine is at most this.
 *
 * Started by bench/run.ts as its own process: DATABASE_URL, PORT, THREAD_ID.
 */
import http from "node:http";
import { getThreadPage } from "#app/comments.server.ts";
import { connect, onQuery } from "#db/client.ts";

const url = process.env.DATABASE_URL;
const threadId = Number(process.env.THREAD_ID);
const port = Number(process.env.PORT);
if (!url || !Number.isInteger(threadId) || !Number.isInteger(port)) throw new Error("DATABASE_URL, THREAD_ID and PORT are required");

const { db, end } = connect(url);
// Statements sent since start; a request's share is exact when it runs alone (the benchmark's probe).
let sent = 0;
onQuery(() => sent++);
const server = http.createServer((_request, response) => {
  const before = sent;
  getThreadPage({ threadId, db }).then(
    (page) => {
      const body = JSON.stringify(page);
      response.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body), "X-Query-Count": String(sent - before) });
      response.end(body);
    },
    (error: unknown) => {
      console.error(error);
      response.writeHead(500).end();
    },
  );
});
server.listen(port, "127.0.0.1", () => console.log(`floor listening on ${port}`));
process.on("SIGTERM", () => {
  server.close();
  void end().then(() => process.exit(0));
});

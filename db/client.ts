import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema.ts";

export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction handed to domain functions that take part in a larger write. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** What a domain function accepts: the shared client or an open transaction. */
export type Executor = Database | Transaction;

type Client = { sql: postgres.Sql; db: Database; url: string; createdAt: number };

// The server and the Vite-built app bundle each load this module; one pool on
// globalThis keeps them on the same connections.
const key = Symbol.for("inspraak.db");
const store = globalThis as typeof globalThis & { [key]?: Client };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app through server/index.ts or set it yourself.");
  return url;
}

type QueryListener = (query: string) => void;
const listenerKey = Symbol.for("inspraak.db.queryListeners");
const listeners = globalThis as typeof globalThis & { [listenerKey]?: Set<QueryListener> };

/**
 * Calls `listener` for every SQL statement sent, from the `postgres` driver's
 * debug hook (tests count queries per page; the server counts them per
 * request for the `X-Query-Count` header); returns a function that stops it.
 * Several listeners may listen at once.
 */
export function onQuery(listener: QueryListener): () => void {
  const set = (listeners[listenerKey] ??= new Set());
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

function emitQuery(query: string) {
  const set = listeners[listenerKey];
  if (set) for (const listener of set) listener(query);
}

export function connect(url: string, options: postgres.Options<Record<string, never>> = {}) {
  const sql = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // Under 2 s, so a request that needs a new connection while PostgreSQL is away still gets its 503 within 2 s.
    connect_timeout: 1.5,
    idle_timeout: 60,
    onnotice: () => {},
    debug: (_connection, query) => emitQuery(query),
    ...options,
  });
  return { sql, db: drizzle(preparedStatements(sql), { schema, casing: "snake_case" }) };
}

/**
 * Drizzle sends every query through postgres.js's `unsafe` with `prepare:
 * false` (unless the query was `.prepare()`d by name), so PostgreSQL parsed and
 * planned every statement anew: for the session lookup that was most of its
 * cost (0.3 of 0.35 ms of database CPU per request, docs/performance.md). This
 * hands Drizzle a client whose `unsafe` (inside transactions and savepoints too)
 * asks for named prepared statements, which postgres.js keeps per connection
 * by their text (the values are parameters, so one statement serves every
 * request). Connections are replaced after 30–60 minutes (postgres.js's
 * max_lifetime), which bounds what each keeps. Statements without parameters
 * (BEGIN, COMMIT) still go as simple queries.
 */
function preparedStatements<T extends postgres.Sql | postgres.TransactionSql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (query: string, args?: unknown[], options?: Record<string, unknown>) =>
          (target.unsafe as (query: string, args?: unknown[], options?: Record<string, unknown>) => unknown)(query, args ?? [], { ...options, prepare: true });
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          const callback = args.at(-1) as (scoped: postgres.TransactionSql) => unknown;
          return (Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown).apply(target, [
            ...args.slice(0, -1),
            (scoped: postgres.TransactionSql) => callback(preparedStatements(scoped)),
          ]);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

function client(): Client {
  const url = databaseUrl();
  let current = store[key];
  if (!current || current.url !== url) {
    if (current) void current.sql.end({ timeout: 1 });
    current = { ...connect(url), url, createdAt: Date.now() };
    store[key] = current;
  }
  return current;
}

/** The shared Drizzle client, created on first use from DATABASE_URL. */
export function getDb(): Database {
  return client().db;
}

/** The raw `postgres` client, for the few statements Drizzle does not express. */
export function getSql(): postgres.Sql {
  return client().sql;
}

export async function closeDb(): Promise<void> {
  const current = store[key];
  delete store[key];
  if (current) await current.sql.end({ timeout: 5 });
}

/** Errors that mean the database cannot be reached right now, rather than a fault in a query. */
export function isConnectionLost(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === "object" && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_LOST.includes(code)) return true;
  }
  return false;
}
const CONNECTION_LOST = ["ECONNREFUSED", "ECONNRESET", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "57P01", "57P02", "57P03", "ETIMEDOUT"];

/**
 * Retires the pool after the connection to PostgreSQL was lost: the next query
 * opens a fresh one, and the old pool ends in the background. postgres.js
 * 3.4.9 can leave a connection that lost its socket with a send still pending
 * unable to send ever again (each reconnect then waits out connect_timeout,
 * porsager/postgres#1154 and #1208); a new pool has no such connection.
 */
export function retireConnections(): void {
  const current = store[key];
  // Many requests fail at once when the server goes away; one new pool for all of them.
  if (!current || Date.now() - current.createdAt < 200) return;
  delete store[key];
  current.sql.end({ timeout: 5 }).catch(() => {});
}

/**
 * The same defect can throw from a timer inside postgres.js, where no caller
 * can catch it. True for exactly that error, so a process may survive it (by
 * retiring the pool) instead of going down with every request in flight.
 */
export function isLostSocketWrite(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    error.message.includes("reading 'write'") &&
    /nextWrite \([^)]*postgres[\\/](?:src|cjs[\\/]src)[\\/]connection\.js/.test(error.stack ?? "")
  );
}

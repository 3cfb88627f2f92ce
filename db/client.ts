import { sql, type SQL } from "drizzle-orm";
import { drizzle, NodePgSession, NodePgTransaction, type NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgTransactionConfig } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema.ts";

export type Database = NodePgDatabase<typeof schema>;
/** A transaction handed to domain functions that take part in a larger write. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** What a domain function accepts: the shared client or an open transaction. */
export type Executor = Database | Transaction;

type Client = { pool: pg.Pool; db: Database; url: string };

// The server and the Vite-built app bundle each load this module; one pool on
// globalThis keeps them on the same connections.
const key = Symbol.for("inspraak.db");
const store = globalThis as typeof globalThis & { [key]?: Client };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app through server/index.ts or set it yourself.");
  return url;
}

/**
 * The owner of the tables (DATABASE_OWNER_URL), for migrations, grants and
 * the job queue; DATABASE_URL when one role does both (db/roles.ts).
 */
export function ownerDatabaseUrl(): string {
  return process.env.DATABASE_OWNER_URL || databaseUrl();
}

/** The limits every connection of the app works under (README, "Configuration"). */
export type PoolSettings = {
  /** Connections per process. */
  size: number;
  /** PostgreSQL's statement_timeout, lock_timeout and idle_in_transaction_session_timeout, in ms. */
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  /** How long a request may wait for a free connection, and how many may wait at once, before it gets a 503. */
  waitMs: number;
  maxWaiting: number;
};

function wholeNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not "${raw}".`);
  return value;
}

export function poolSettings(): PoolSettings {
  return {
    size: Math.max(1, wholeNumber("DATABASE_POOL_SIZE", 10)),
    statementTimeoutMs: wholeNumber("DATABASE_STATEMENT_TIMEOUT_MS", 5_000),
    lockTimeoutMs: wholeNumber("DATABASE_LOCK_TIMEOUT_MS", 2_000),
    idleInTransactionTimeoutMs: wholeNumber("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", 10_000),
    waitMs: Math.max(1, wholeNumber("DATABASE_POOL_WAIT_MS", 3_000)),
    maxWaiting: wholeNumber("DATABASE_POOL_MAX_WAITING", 200),
  };
}

// Under 2 s, so a request that needs a new connection while PostgreSQL is away still gets its 503 within 2 s.
const CONNECT_TIMEOUT_MS = 1_500;

type QueryListener = (query: string) => void;
const listenerKey = Symbol.for("inspraak.db.queryListeners");
const listeners = globalThis as typeof globalThis & { [listenerKey]?: Set<QueryListener> };

/**
 * Calls `listener` for every SQL statement sent (tests count queries per page;
 * the server counts them per request for the `X-Query-Count` header); returns
 * a function that stops it. Several listeners may listen at once.
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

/** The error a request gets when no connection became free in time, or too many requests wait already. */
export class PoolBusyError extends Error {
  readonly code = "POOL_BUSY";
  constructor(reason: string) {
    super(`No database connection free: ${reason}`);
    this.name = "PoolBusyError";
  }
}

/**
 * Names for statements, so PostgreSQL parses and plans each once per
 * connection instead of on every request (ADR 010). The texts come from the
 * code, so there are few; the cap keeps a query built from unbounded input
 * (an `in (…)` list of any length) from growing this map or a connection's
 * set of prepared statements without end: past it, statements go unnamed.
 */
const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 2_000;
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS && !/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(text)) {
    name = `inspraak_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}

type QueryConfig = pg.QueryConfig & { name?: string };

/** Each connection of the app's pool: named statements, the query hook, and a listener that keeps a lost connection from crashing the process. */
function prepareConnection(client: pg.PoolClient, named: boolean): void {
  // pg-pool listens for errors only on idle connections; one that dies while checked out would otherwise throw.
  client.on("error", () => {});
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((config: unknown, ...rest: unknown[]) => {
    if (config && typeof config === "object" && typeof (config as QueryConfig).text === "string") {
      const text = (config as QueryConfig).text;
      emitQuery(text);
      if (named && !(config as QueryConfig).name) {
        const name = statementName(text);
        if (name) config = { ...(config as QueryConfig), name };
      }
    } else if (typeof config === "string") {
      emitQuery(config);
    }
    return query(config, ...rest);
  }) as typeof client.query;
}

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * A pool whose connections run under the timeouts of `settings`, and whose
 * waiting line is bounded: a request that would wait longer than `waitMs` for
 * a connection, or find `maxWaiting` others waiting already, fails with a
 * PoolBusyError (the app answers 503) instead of stalling everything.
 */
export function createPool(url: string, { settings = poolSettings(), named = true, max }: { settings?: PoolSettings; named?: boolean; max?: number } = {}) {
  // A connection attempt gives up after CONNECT_TIMEOUT_MS; the pool's own timeout is the wait for a free connection.
  class TimedClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    Client: TimedClient,
    max: max ?? settings.size,
    connectionTimeoutMillis: settings.waitMs,
    idleTimeoutMillis: 60_000,
    // Bounds what a connection keeps (its prepared statements) and spreads reconnects over time.
    maxLifetimeSeconds: 30 * 60,
    keepAlive: true,
    application_name: "inspraak",
    statement_timeout: settings.statementTimeoutMs || undefined,
    lock_timeout: settings.lockTimeoutMs || undefined,
    idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs || undefined,
  } satisfies pg.PoolConfig);
  // An idle connection that PostgreSQL ends (a restart, pg_terminate_backend) is dropped by the pool; nothing to do.
  pool.on("error", () => {});
  pool.on("connect", (client) => prepareConnection(client, named));

  const connect = pool.connect.bind(pool) as (callback?: ConnectCallback) => Promise<pg.PoolClient> | void;
  const busy = (error: Error | undefined) => (error && /timeout exceeded when trying to connect/.test(error.message) ? new PoolBusyError(`waited ${settings.waitMs} ms`) : error);
  pool.connect = ((callback?: ConnectCallback) => {
    const full = pool.idleCount === 0 && pool.totalCount >= (max ?? settings.size) && pool.waitingCount >= settings.maxWaiting;
    if (callback) {
      if (full) return void setImmediate(() => callback(new PoolBusyError(`${settings.maxWaiting} requests waiting`), undefined, () => {}));
      return connect((error, client, done) => callback(busy(error), client, done));
    }
    if (full) return Promise.reject(new PoolBusyError(`${settings.maxWaiting} requests waiting`));
    return (connect() as Promise<pg.PoolClient>).catch((error: Error) => {
      throw busy(error);
    });
  }) as typeof pool.connect;
  return pool;
}

/** A pool and its Drizzle client; `end` closes the pool. */
export function connect(url: string, options: { max?: number; named?: boolean; settings?: PoolSettings } = {}) {
  const pool = createPool(url, options);
  const db = drizzle({ client: pool, schema, casing: "snake_case" });
  releaseEveryTransaction(db, pool);
  return { pool, db, end: () => pool.end() };
}

// Drizzle's session and transaction classes, as far as releaseEveryTransaction uses them (their constructors are internal).
type SessionInternals = { transaction: unknown; dialect: unknown; schema: unknown; options: unknown };
type ScopedTransaction = { execute(query: SQL): Promise<unknown>; getTransactionConfigSQL(config: PgTransactionConfig): SQL };
const Session = NodePgSession as unknown as new (client: pg.PoolClient, dialect: unknown, schema: unknown, options: unknown) => object;
const TransactionOf = NodePgTransaction as unknown as new (dialect: unknown, session: object, schema: unknown) => ScopedTransaction;

/**
 * Drizzle 0.45's node-postgres transaction sends BEGIN outside its
 * try/finally: when BEGIN fails (the connection was just killed) the
 * connection is never given back, and after a few of those the pool is empty
 * for good. Its rollback error also replaces the error that caused the
 * rollback. This runs the same steps with the connection always released —
 * and discarded when its state is unknown (a failed BEGIN or ROLLBACK).
 */
function releaseEveryTransaction(db: Database, pool: pg.Pool): void {
  const session = (db as unknown as { session: SessionInternals }).session;
  session.transaction = async <T>(transaction: (tx: ScopedTransaction) => Promise<T>, config?: PgTransactionConfig): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const tx = new TransactionOf(session.dialect, new Session(client, session.dialect, session.schema, session.options), session.schema);
      try {
        await tx.execute(sql`begin${config ? sql` ${tx.getTransactionConfigSQL(config)}` : undefined}`);
      } catch (error) {
        broken = error as Error;
        throw error;
      }
      try {
        const result = await transaction(tx);
        await tx.execute(sql`commit`);
        return result;
      } catch (error) {
        await tx.execute(sql`rollback`).catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  };
}

function client(): Client {
  const url = databaseUrl();
  let current = store[key];
  if (!current || current.url !== url) {
    if (current) void current.pool.end().catch(() => {});
    current = { ...connect(url), url };
    store[key] = current;
  }
  return current;
}

/** The shared Drizzle client, created on first use from DATABASE_URL. */
export function getDb(): Database {
  return client().db;
}

/** The shared connection pool, for the few statements Drizzle does not express (streams, COPY). */
export function getPool(): pg.Pool {
  return client().pool;
}

export async function closeDb(): Promise<void> {
  const current = store[key];
  delete store[key];
  if (current) await current.pool.end();
}

/**
 * Runs `work` on one plain connection of its own, closed afterwards: for tools and start-up steps (backups,
 * grants, test set-up) that must not run under the app pool's timeouts, or that need one session throughout.
 */
export async function withConnection<T>(url: string, work: (client: pg.Client) => Promise<T>, { applicationName, connectTimeoutMs }: { applicationName?: string; connectTimeoutMs?: number } = {}): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName, connectionTimeoutMillis: connectTimeoutMs });
  // A lost connection fails the statement that was running; without a listener it would also crash the process.
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The rows of a `db.execute(sql…)` result. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Errors that mean the database cannot be reached right now, rather than a fault in a query. */
export function isConnectionLost(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === "object" && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_LOST.includes(code)) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && CONNECTION_LOST_MESSAGE.test(message)) return true;
    // Connecting to "localhost" tries every address it resolves to and fails with all their errors.
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((inner) => isConnectionLost(inner))) return true;
  }
  return false;
}
// SQLSTATE class 08 (connection exceptions) except 08P01, a protocol violation: a fault, not an outage.
const CONNECTION_LOST = ["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN", "08000", "08001", "08003", "08004", "08006", "57P01", "57P02", "57P03", "53300"];
// node-postgres reports a dropped or timed-out connection with these messages and no code.
const CONNECTION_LOST_MESSAGE = /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout expired|Connection ended)/i;

import { sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { connect, isConnectionLost, poolSettings, rowsOf, type Executor, type PoolSettings } from "#db/client.ts";

// These tests make tables of their own and end connections: they work as the owner of the tables.
const url = () => process.env.DATABASE_OWNER_URL!;
const settings = (overrides: Partial<PoolSettings>): PoolSettings => ({ ...poolSettings(), ...overrides });
const opened: { end: () => Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(opened.map((client) => client.end()));
});
function open(overrides: Partial<PoolSettings> = {}) {
  const client = connect(url(), { settings: settings(overrides) });
  opened.push(client);
  return client;
}

/** The SQLSTATE or driver code of an error, through Drizzle's wrapping. */
function codeOf(error: unknown): string | undefined {
  for (let current = error; current && typeof current === "object"; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
const failsWith = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return codeOf(error);
  }
  throw new Error("expected it to fail");
};

const started = <T,>(query: PromiseLike<T>): Promise<T> => Promise.resolve(query);

/** Starts `count` tasks together: each waits until all have been created. */
async function together<T>(count: number, task: (index: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  let release!: () => void;
  const barrier = new Promise<void>((resolve) => (release = resolve));
  const started = Array.from({ length: count }, (_, index) => barrier.then(() => task(index)));
  release();
  return Promise.allSettled(started);
}

describe("a pool of two connections under hundreds of concurrent callers", () => {
  test("no statement of one caller ever runs inside another caller's transaction", async () => {
    const { db } = open({ size: 2, maxWaiting: 10_000, waitMs: 30_000 });
    const setting = async (executor: Executor) => rowsOf<{ value: string | null }>(await executor.execute(sql`select current_setting('inspraak.owner', true) as value`))[0]!.value;
    for (let round = 0; round < 5; round++) {
      const results = await together(300, async (index) => {
        if (index % 3 === 0) {
          // A statement outside any transaction must never see a transaction's local setting.
          const value = await setting(db);
          if (value) throw new Error(`a plain statement ran inside transaction ${value}`);
          return;
        }
        await db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('inspraak.owner', ${String(index)}, true)`);
          for (let step = 0; step < 3; step++) {
            const value = await setting(tx);
            if (value !== String(index)) throw new Error(`transaction ${index} saw ${value}`);
          }
          // Every third transaction fails midway: its rollback must not leak either.
          if (index % 3 === 2) throw new Error("planned rollback");
        });
      });
      const unexpected = results.filter((result) => result.status === "rejected" && !String(result.reason).includes("planned rollback"));
      expect(unexpected.map((result) => String((result as PromiseRejectedResult).reason))).toEqual([]);
    }
  });

  test("counters stay equal to their rows with two connections and 400 parallel writes", async () => {
    const { db } = open({ size: 2, maxWaiting: 10_000, waitMs: 30_000 });
    await db.execute(sql`create table if not exists pool_counter (id int primary key, n int not null)`);
    await db.execute(sql`create table if not exists pool_rows (id serial primary key)`);
    await db.execute(sql`insert into pool_counter values (1, 0) on conflict do nothing`);
    const results = await together(400, () =>
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into pool_rows default values`);
        await tx.execute(sql`update pool_counter set n = n + 1 where id = 1`);
      }),
    );
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    const [row] = rowsOf<{ n: number; rows: number }>(await db.execute(sql`select n, (select count(*)::int from pool_rows) as rows from pool_counter where id = 1`));
    expect(row).toEqual({ n: 400, rows: 400 });
  });
});

describe("bounded waits", () => {
  test("a request that waits too long for a connection gets PoolBusyError in bounded time, and the pool recovers at once", async () => {
    const { db } = open({ size: 2, waitMs: 300, maxWaiting: 100 });
    // Drizzle's queries start when awaited: `started` sends them now.
    const slow = [started(db.execute(sql`select pg_sleep(1.5)`)), started(db.execute(sql`select pg_sleep(1.5)`))];
    const since = Date.now();
    expect(await failsWith(db.execute(sql`select 1`))).toBe("POOL_BUSY");
    const waited = Date.now() - since;
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(1_000);
    await Promise.all(slow);
    expect(rowsOf(await db.execute(sql`select 1 as one`))).toEqual([{ one: 1 }]);
  });

  test("when as many requests wait as allowed, the next one is refused at once", async () => {
    const { db } = open({ size: 1, waitMs: 5_000, maxWaiting: 3 });
    const slow = started(db.execute(sql`select pg_sleep(0.5)`));
    const waiting = [1, 2, 3].map(() => started(db.execute(sql`select 1`)));
    const since = Date.now();
    expect(await failsWith(db.execute(sql`select 1`))).toBe("POOL_BUSY");
    expect(Date.now() - since).toBeLessThan(100);
    await Promise.all([slow, ...waiting]);
  });

  test("statement_timeout and lock_timeout end a statement instead of letting it hold a connection", async () => {
    const { db } = open({ statementTimeoutMs: 300, lockTimeoutMs: 200 });
    expect(await failsWith(db.execute(sql`select pg_sleep(2)`))).toBe("57014");
    await db.execute(sql`create table if not exists pool_locked (id int)`);
    const holder = open({ statementTimeoutMs: 0 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = holder.db.transaction(async (tx) => {
      await tx.execute(sql`lock table pool_locked in access exclusive mode`);
      locked();
      await held;
    });
    await isLocked;
    const started = Date.now();
    expect(await failsWith(db.execute(sql`insert into pool_locked values (1)`))).toBe("55P03");
    expect(Date.now() - started).toBeLessThan(1_000);
    release();
    await holding;
  });

  test("a transaction left idle is ended by PostgreSQL after idle_in_transaction_session_timeout", async () => {
    const { db } = open({ idleInTransactionTimeoutMs: 200 });
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await new Promise((resolve) => setTimeout(resolve, 600));
        await tx.execute(sql`select 1`);
      }),
    ).rejects.toSatisfy((error: unknown) => isConnectionLost(error) || /idle-in-transaction|terminat/i.test(String((error as { cause?: unknown }).cause ?? error)));
    // The ended connection left the pool: the next statement gets a working one.
    expect(rowsOf(await db.execute(sql`select 1 as one`))).toEqual([{ one: 1 }]);
  });
});

describe("connections killed during writes", () => {
  test("pg_terminate_backend on the pool's connections fails only the statements it hits, never the process, and every committed write is there", async () => {
    const { db } = open({ size: 3, maxWaiting: 10_000, waitMs: 10_000 });
    const admin = open({ size: 1 });
    await db.execute(sql`create table if not exists pool_writes (id int primary key)`);
    const acknowledged: number[] = [];
    const failures: unknown[] = [];
    let stop = false;
    const killer = (async () => {
      while (!stop) {
        await admin.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'inspraak' and datname = current_database() and pid <> pg_backend_pid()`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < 800) {
          const id = ++next;
          try {
            await db.transaction(async (tx) => {
              await tx.execute(sql`insert into pool_writes values (${id})`);
              await tx.execute(sql`select count(*) from pool_writes`);
            });
            acknowledged.push(id);
          } catch (error) {
            failures.push(error);
          }
        }
      }),
    );
    stop = true;
    await killer;
    // Some writes were hit; every one of those failed as a lost connection (which the app answers with 503).
    expect(failures.length).toBeGreaterThan(10);
    expect(failures.filter((error) => !isConnectionLost(error)).map(String)).toEqual([]);
    const stored = new Set(rowsOf<{ id: number }>(await db.execute(sql`select id from pool_writes`)).map((row) => row.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  }, 60_000);
});

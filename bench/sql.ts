import pg from "pg";

/** `` sql`select … ${value}` ``: the values go as parameters ($1, $2, …); resolves to the rows. */
export type Sql = <T = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]) => Promise<T[]>;

/**
 * One plain connection for the benchmark's own statements (filling, counting, dropping its database),
 * with no statement timeout: filling runs statements that take far longer than a request may.
 */
export async function benchConnection(url: string): Promise<{ sql: Sql; end: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url, application_name: "inspraak-bench" });
  client.on("error", () => {});
  await client.connect();
  const sql: Sql = async <T>(strings: TemplateStringsArray, ...values: unknown[]) => {
    const text = strings.reduce((all, part, index) => `${all}$${index}${part}`);
    return (await client.query(text, values)).rows as T[];
  };
  return { sql, end: () => client.end() };
}

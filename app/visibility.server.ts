/**
 * The one rule for what the public may see, shared by every channel that
 * shows content — pages, search, feeds, the API, open data, notifications —
 * so nothing hidden, held or deleted leaks through any of them.
 *
 * Each function gives a SQL condition on a table alias.
 */
import { sql, type SQL } from "drizzle-orm";

/** A comment anyone may read: published, in a thread whose subject is itself public. */
export function publicComment(alias = "comments"): SQL {
  const c = sql.raw(alias);
  return sql`(${c}.status = 'published' and not exists (
    select 1 from threads vt join proposals vp on vt.subject_type = 'proposal' and vp.id = vt.subject_id
    where vt.id = ${c}.thread_id and (vp.status = 'pending' or vp.hidden_at is not null)))`;
}

/** A proposal anyone may read: not waiting for moderation and not hidden (withdrawn ones stay public). */
export function publicProposal(alias = "proposals"): SQL {
  const p = sql.raw(alias);
  return sql`(${p}.status <> 'pending' and ${p}.hidden_at is null)`;
}

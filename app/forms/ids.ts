/**
 * Database ids from outside: URL paths, query strings and forms. Ids are
 * PostgreSQL `integer`s, so a larger number would make the query fail
 * (error 22003, a 500) instead of finding nothing; these keep it out.
 */
import { z } from "zod";

export const MAX_ID = 2_147_483_647;

/** An id in a form field or query parameter: a whole number from 1 to MAX_ID. */
export const idField = z.coerce.number().int().positive().max(MAX_ID);

/**
 * The id in a URL path (`/voorstel/12`): digits only, without sign, exponent,
 * spaces or leading zeros, and within MAX_ID. Anything else is null, which the
 * route answers with a 404: there is no such page.
 */
export function idParam(raw: string | undefined): number | null {
  if (raw === undefined || !/^[1-9][0-9]{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_ID ? id : null;
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$/;

/**
 * A UTC instant as the keyset cursors carry it ("2026-01-31T12:00:00.123456Z")
 * that PostgreSQL also reads: a real calendar date from year 1, so a crafted
 * cursor with 30 February or month 13 is refused instead of failing the query.
 */
export function isCursorInstant(value: string): boolean {
  const match = INSTANT.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    year >= 1 &&
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second
  );
}

/** An id inside a cursor (a JSON number): a whole number from 1 to MAX_ID. */
export function isCursorId(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_ID;
}

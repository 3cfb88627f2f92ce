/**
 * `npm run admin:create -- <email>`: makes someone an admin, e.g. the very
 * first one. A new address gets a verified account without a password, and
 * the command prints a link (valid for one hour) to choose one. The database
 * is prepared as the server does it: without DATABASE_URL that is the
 * embedded PostgreSQL under DATA_DIR, so stop a running `npm start` first.
 */
import { createPasswordLink } from "../app/accounts.server.ts";
import { email as emailSchema } from "../app/forms/auth.ts";
import { ensureAdmin } from "../app/users.server.ts";
import { prepareDatabase } from "../db/bootstrap.ts";
import { closeDb } from "../db/client.ts";

const usage = "usage: npm run admin:create -- <email>";
const args = process.argv.slice(2);
if (args.length !== 1) {
  console.error(usage);
  process.exit(2);
}
// The same rules as the registration form, checked before anything touches the database.
const parsed = emailSchema.safeParse(args[0]);
if (!parsed.success) {
  console.error(`Not a valid e-mail address: ${JSON.stringify(args[0])}\n${usage}`);
  process.exit(2);
}

const origin = (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
const database = await prepareDatabase();
try {
  const admin = await ensureAdmin({ email: parsed.data });
  console.log(admin.granted ? `${parsed.data} is now an admin.` : `${parsed.data} was already an admin.`);
  if (!admin.hasPassword) {
    const link = await createPasswordLink({ userId: admin.userId, origin });
    console.log(`There is no password yet. Choose one within an hour at:\n${link}`);
  }
} finally {
  await closeDb();
  await database.stop();
}

import { expect, test } from "vitest";
import { checkNewPassword, hashPassword, isCommonPassword, verifyPassword } from "#app/auth/password.server.ts";

test("hashes with argon2id and verifies only the right password", async () => {
  const hash = await hashPassword("een lange zin als wachtwoord");
  expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(await verifyPassword(hash, "een lange zin als wachtwoord")).toBe(true);
  expect(await verifyPassword(hash, "een lange zin als wachtwoorD")).toBe(false);
  expect(await verifyPassword("not a hash", "x")).toBe(false);
});

test("needs 12 to 256 characters, counted as characters, not bytes", () => {
  expect(checkNewPassword("elf tekens!")).toBe("password.tooShort");
  expect(checkNewPassword("twaalf teken")).toBeNull();
  expect(checkNewPassword("🙂".repeat(11) + "a")).toBeNull();
  expect(checkNewPassword("a".repeat(100) + "b".repeat(156))).toBeNull();
  expect(checkNewPassword("ab".repeat(129))).toBe("password.tooLong");
});

test("has no composition rules but refuses common, repetitive and personal passwords", () => {
  expect(checkNewPassword("alleen kleine letters zonder cijfers")).toBeNull();
  expect(isCommonPassword("password")).toBe(true);
  expect(checkNewPassword("Scandinavian")).toBe("password.common");
  expect(checkNewPassword("aaaaaaaaaaaaaaa")).toBe("password.common");
  expect(checkNewPassword("jan.jansen@voorbeeld.nl", { email: "jan.jansen@voorbeeld.nl" })).toBe("password.personal");
  expect(checkNewPassword("Marieke van Dijk", { displayName: "marieke van dijk" })).toBe("password.personal");
});

import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * Writes `content` to `file`, readable by its owner only (mode 0600), unless
 * the file exists; true when this call made it. The content is written whole
 * to a temporary file and then linked into place, which fails when the file
 * exists: of two processes starting at once one creates it, and both end up
 * reading that one.
 */
export function writeOnce(file: string, content: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = openSync(temporary, "wx", 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return false;
  } finally {
    unlinkSync(temporary);
  }
}

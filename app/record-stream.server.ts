/**
 * Open-data files streamed from the database: rows come from an async
 * generator reading keyset batches, and the file goes out in chunks of about
 * 64 kB, pulled as fast as the client downloads, so memory stays flat
 * however large the set. CSV follows RFC 4180; JSON is one array.
 *
 * A file is answered only once its first chunk (and so the first query) is
 * ready: a database that fails before then gives the guard's 503, not a 200
 * that breaks off at once. One that fails later cuts the transfer off without
 * its end (server/remix-handler.ts), so no client takes a partial file for whole.
 */
export type Format = "csv" | "json";
export type Row = Record<string, string | number | boolean | null>;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as a CSV or JSON file, streamed like the support ledger: a chunk of
 * about 64 kB per pull, so the database is read only as fast as the client
 * downloads. Every row gets exactly the documented fields, in their order.
 */
export function recordStream({ rows, fields, format }: { rows: AsyncGenerator<Row>; fields: readonly string[]; format: Format }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const CHUNK = 64 * 1024;
  let started = false;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let text = "";
      if (!started) {
        started = true;
        text += format === "csv" ? `${fields.join(",")}\n` : "[";
      }
      while (text.length < CHUNK) {
        const next = await rows.next();
        if (next.done) {
          if (format === "json") text += first ? "]\n" : "\n]\n";
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        const row = next.value;
        if (format === "csv") {
          text += `${fields.map((name) => csvField(row[name])).join(",")}\n`;
        } else {
          text += `${first ? "\n" : ",\n"}${JSON.stringify(Object.fromEntries(fields.map((name) => [name, row[name] ?? null])))}`;
          first = false;
        }
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

/** `stream` as an HTTP response with `headers`, once its first chunk is read; a failure before that is thrown. */
export async function fileResponse(stream: ReadableStream<Uint8Array>, headers: HeadersInit): Promise<Response> {
  const reader = stream.getReader();
  const first = await reader.read();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(first.value);
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(body, { headers });
}

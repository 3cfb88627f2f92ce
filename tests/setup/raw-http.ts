import net from "node:net";

export type RawAnswer = { status: number | null; answer: string; sent: number; msToAnswer: number | null };

/**
 * Sends a request over a plain socket: the head, then `length` bytes of body
 * in pieces (with chunked framing when asked), each piece only once the last
 * left, and stops sending as soon as an answer arrives. Resolves when the
 * server closes the connection (send `Connection: close` for answers that
 * would keep it), or after `timeoutMs`. `msToAnswer` counts from the moment
 * the head was sent. `complete: false` leaves out the chunked body's last
 * chunk, so only a server that answers before the end of the body answers.
 */
export function sendRaw({
  port,
  head,
  length,
  chunked = false,
  piece = 64 * 1024,
  complete = true,
  timeoutMs = 10_000,
}: {
  port: number;
  head: string[];
  length: number;
  chunked?: boolean;
  piece?: number;
  complete?: boolean;
  timeoutMs?: number;
}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const filler = Buffer.alloc(piece, "a");
    let answer = "";
    let sent = 0;
    let headSentAt = 0;
    let msToAnswer: number | null = null;
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on("data", (data) => {
      if (msToAnswer === null) msToAnswer = performance.now() - headSentAt;
      answer += data.toString("latin1");
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, ""));
      resolve({ status: status ? Number(status[1]) : null, answer, sent, msToAnswer });
    });
    headSentAt = performance.now();
    socket.write(`${head.join("\r\n")}\r\n\r\n`);
    const next = () => {
      if (socket.destroyed || !socket.writable || answer) return;
      if (sent >= length) {
        if (chunked && complete) socket.write("0\r\n\r\n");
        return;
      }
      const part = filler.subarray(0, Math.min(piece, length - sent));
      sent += part.length;
      const framed = chunked ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from("\r\n")]) : part;
      socket.write(framed, (error) => (error ? undefined : setImmediate(next)));
    };
    next();
  });
}

/** The body of a raw answer, with chunked framing removed. */
export function rawBody(answer: string): string {
  const split = answer.indexOf("\r\n\r\n", answer.startsWith("HTTP/1.1 100") ? answer.indexOf("\r\n\r\n") + 4 : 0);
  const head = answer.slice(0, split);
  let body = answer.slice(split + 4);
  if (/\r\ntransfer-encoding: chunked/i.test(head)) {
    let plain = "";
    while (body.length > 0) {
      const end = body.indexOf("\r\n");
      const size = parseInt(body.slice(0, end), 16);
      if (!size) break;
      plain += body.slice(end + 2, end + 2 + size);
      body = body.slice(end + 2 + size + 2);
    }
    body = plain;
  }
  return Buffer.from(body, "latin1").toString("utf8");
}

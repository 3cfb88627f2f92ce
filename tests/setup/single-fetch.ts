import { decode } from "turbo-stream";

export type DecodedError = { status: number; statusText: string; data: unknown };

/**
 * Reads a `.data` answer the way Remix's browser code does (turbo-stream,
 * the library Remix itself uses, with the same plugin for thrown responses).
 */
export async function decodeSingleFetch(text: string): Promise<unknown> {
  const decoded = await decode(new Response(text).body!, {
    plugins: [
      (type: string, ...rest: unknown[]) => {
        if (type !== "ErrorResponse") return undefined;
        const [data, status, statusText] = rest;
        return { value: { status, statusText, data } as DecodedError };
      },
    ],
  });
  await decoded.done;
  return decoded.value;
}

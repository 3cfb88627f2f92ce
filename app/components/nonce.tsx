import { createContext, useContext } from "react";

/**
 * The per-request nonce of the Content-Security-Policy, given by the server to
 * the server render; inline scripts (Remix's own) carry it. In the browser it
 * is empty: scripts added there are not inline.
 */
export const NonceContext = createContext("");

export function useNonce(): string {
  return useContext(NonceContext);
}

/** Requests as a browser on this site sends them, for calling loaders and actions directly. */
const ORIGIN = "http://localhost";

export function get(path: string, { cookie }: { cookie?: string } = {}): Request {
  return new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

/** A form post with this site's Origin (else the CSRF check refuses it). */
export function post(path: string, body: Record<string, string>, { cookie, origin = ORIGIN }: { cookie?: string; origin?: string | null } = {}): Request {
  const headers: Record<string, string> = {};
  if (cookie) headers.Cookie = cookie;
  if (origin) headers.Origin = origin;
  return new Request(`${ORIGIN}${path}`, { method: "POST", body: new URLSearchParams(body), headers });
}

/** The arguments Remix passes a loader or action; a fresh context per call, as per request. */
export function args(request: Request, params: Record<string, string> = {}, clientIp = "192.0.2.1") {
  return { request, params, context: { clientIp, requestId: "test" } };
}

/** Runs a loader or action that is expected to throw a Response (redirect, 403, 404), and returns it. */
export async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

/** The body and init of what an action returned with `data(...)`. */
export function unwrap<T>(result: T): { data: unknown; status: number; headers: Headers } {
  if (result instanceof Response) return { data: null, status: result.status, headers: result.headers };
  const value = result as { type?: string; data?: unknown; init?: ResponseInit | null };
  if (value && value.type === "DataWithResponseInit") {
    return { data: value.data, status: value.init?.status ?? 200, headers: new Headers(value.init?.headers) };
  }
  return { data: result, status: 200, headers: new Headers() };
}

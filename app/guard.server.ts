/**
 * Every loader and action is built with `loaderWith` or `actionWith`, which
 * name the permission it needs (checked with `can`), resolve the signed-in
 * person once per request, refuse cross-site form posts, and keep the session
 * cookie fresh. A test fails for any route that exports a bare loader or action.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { translator, type Locale, type Translate } from "#app/i18n/index.ts";
import { getLocale } from "#app/i18n/locale.server.ts";
import { can, type Actor, type Permission } from "#app/permissions.server.ts";
import { clearSessionCookie, readSessionToken, sessionCookie, validateSessionToken } from "#app/auth/session.server.ts";
import { verifyUnsubscribeToken } from "#app/notifications.server.ts";
import { isUnstorable } from "#app/forms/characters.ts";
import { isDatabaseUnavailable, markUnavailable, unavailableText } from "#app/unavailable.server.ts";
import { acceptableSubmissionKeys, SUBMISSION_KEY_FIELD } from "#app/forms/submission.ts";

export const POLICY = Symbol.for("inspraak.policy");

export type RequestContext = { requestId?: string; clientIp?: string };

type SessionState = { actor: Actor; token: string | null; cookie: string | null };

export type GuardedArgs = {
  request: Request;
  params: LoaderFunctionArgs["params"];
  context: RequestContext;
  actor: Actor;
  /** The raw session token, for actions that end or keep the current session. */
  sessionToken: string | null;
  locale: Locale;
  t: Translate;
  clientIp: string;
};

// One session lookup per request, shared by the root loader and the route's loader.
const sessionsByContext = new WeakMap<object, Promise<SessionState>>();

async function resolveSession(request: Request): Promise<SessionState> {
  const token = readSessionToken(request);
  if (!token) return { actor: null, token: null, cookie: null };
  const session = await validateSessionToken({ token });
  if (!session) return { actor: null, token: null, cookie: clearSessionCookie(request) };
  return { actor: session.actor, token, cookie: session.extended ? sessionCookie(request, token, session.expiresAt) : null };
}

function sessionFor(request: Request, context: object): Promise<SessionState> {
  let state = sessionsByContext.get(context);
  if (!state) {
    state = resolveSession(request);
    sessionsByContext.set(context, state);
  }
  return state;
}

/** The signed-in person for this request (null when anonymous). */
export async function getActor(request: Request, context: object = {}): Promise<Actor> {
  return (await sessionFor(request, context)).actor;
}

/** True when a form post comes from this site itself (Origin, else Referer, matches the host). */
export function isSameOrigin(request: Request): boolean {
  const source = request.headers.get("Origin") ?? request.headers.get("Referer");
  if (!source || source === "null") return false;
  try {
    return new URL(source).host === new URL(request.url).host;
  } catch {
    return false;
  }
}

/** Adds a Set-Cookie, unless the handler already set that cookie (e.g. a new session at sign-in). */
function appendCookie<R>(result: R, cookie: string): R {
  const name = cookie.slice(0, cookie.indexOf("=") + 1);
  const setsIt = (headers: Headers) => headers.getSetCookie().some((existing) => existing.startsWith(name));
  if (result instanceof Response) {
    if (!setsIt(result.headers)) result.headers.append("Set-Cookie", cookie);
    return result;
  }
  if (result && typeof result === "object" && (result as { type?: unknown }).type === "DataWithResponseInit") {
    const wrapped = result as unknown as { init: ResponseInit | null };
    const headers = new Headers(wrapped.init?.headers);
    if (setsIt(headers)) return result;
    headers.append("Set-Cookie", cookie);
    wrapped.init = { ...wrapped.init, headers };
    return result;
  }
  return data(result, { headers: { "Set-Cookie": cookie } }) as unknown as R;
}

type CommonOptions = {
  /**
   * The 503 to answer while the database is unavailable (see unavailable.server.ts); by default a plain,
   * translated text, which a page shows in its error boundary. The API answers its JSON problem instead.
   */
  unavailable?: (request: Request) => Response;
};

export type LoaderOptions = CommonOptions & {
  /**
   * Never looks up the session: the handler answers the same for everyone (actor null), and keeps working
   * when the session lookup cannot (/healthz must tell the database's state, not fail on it).
   */
  anonymous?: boolean;
};

export type ActionOptions = CommonOptions & {
  /**
   * "signed-token": a post from another site is let through when its URL
   * carries a valid signed `token` (one-click unsubscribe from a mail client,
   * RFC 8058). The token, not a session, is the authority there, so a forged
   * cross-site post cannot act for anyone; without a valid token the Origin
   * check applies as everywhere.
   */
  crossSite?: "signed-token";
};

/**
 * The names our forms use: plain words. Anything else (an empty name, dots or
 * brackets Conform would read as a path, `__proto__`) comes from no form here,
 * and some of it makes Conform's parser throw.
 */
const FIELD_NAME = /^(?!constructor$)[A-Za-z][A-Za-z0-9_-]{0,63}$|^__(intent|state)__$/;

/**
 * Input no route can use, refused here once for every route: a URL parameter
 * PostgreSQL cannot store is a 404 (no such thing exists), such a query value
 * or form field a 400 with a message, and so is a body that is not a form,
 * carries a file (no form here uploads one), names a field in a way no
 * form here does, or carries a one-time key (app/submissions.server.ts) in a
 * format no page here makes. Reads the body once: the handler's `request.formData()`
 * answers with a copy of the form checked here.
 */
async function refuseUnusableInput(request: Request, params: LoaderFunctionArgs["params"], kind: "loader" | "action", t: Translate): Promise<void> {
  if (Object.values(params ?? {}).some((value) => value !== undefined && isUnstorable(value))) throw new Response("Not Found", { status: 404 });
  const badCharacters = () => new Response(t("error.badCharacters"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  for (const [name, value] of new URL(request.url).searchParams) if (isUnstorable(name) || isUnstorable(value)) throw badCharacters();
  if (kind !== "action" || request.body === null) return;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response(t("error.badForm"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const entries: [string, string][] = [];
  for (const [name, value] of form) {
    if (typeof value !== "string" || !FIELD_NAME.test(name)) throw new Response(t("error.badForm"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    if (isUnstorable(name) || isUnstorable(value)) throw badCharacters();
    entries.push([name, value]);
  }
  if (!acceptableSubmissionKeys(entries.filter(([name]) => name === SUBMISSION_KEY_FIELD).map(([, value]) => value))) {
    throw new Response(t("submission.badKey"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  // The body is read once, here: the handler's request.formData() gets its own copy of what was checked.
  Object.defineProperty(request, "formData", {
    configurable: true,
    value: async () => {
      const copy = new FormData();
      for (const [name, value] of entries) copy.append(name, value);
      return copy;
    },
  });
}

const ANONYMOUS: SessionState = { actor: null, token: null, cookie: null };

function guard<R>(permission: Permission, kind: "loader" | "action", handler: (args: GuardedArgs) => R | Promise<R>, options: ActionOptions & LoaderOptions = {}) {
  const guarded = async ({ request, params, context }: LoaderFunctionArgs | ActionFunctionArgs): Promise<Awaited<R>> => {
    const ctx = (context ?? {}) as RequestContext;
    const locale = getLocale(request);
    // A database that cannot answer now (down, timed out, pool full) is a 503 with Retry-After, wherever it shows.
    const unavailable = (error: unknown): Response => {
      markUnavailable(ctx, error, request);
      return options.unavailable?.(request) ?? unavailableText(translator(locale)("error.unavailable.text"));
    };
    const signed = options.crossSite === "signed-token" && verifyUnsubscribeToken(new URL(request.url).searchParams.get("token")) !== null;
    if (kind === "action" && !signed && !isSameOrigin(request)) {
      throw new Response(translator(locale)("error.crossSite"), { status: 403 });
    }
    let state: SessionState;
    try {
      state = options.anonymous ? ANONYMOUS : await sessionFor(request, ctx);
    } catch (error) {
      throw isDatabaseUnavailable(error) ? unavailable(error) : error;
    }
    // Every guarded function of the request sends the refreshed or cleared cookie: Remix merges identical
    // Set-Cookie headers into one, and a redirect thrown by the route's loader is sent without the root's headers.
    const cookie = state.cookie;
    const withCookie = <T,>(value: T): T => (cookie ? appendCookie(value, cookie) : value);

    if (!can(state.actor, permission)) {
      if (permission === "dev.mail") throw withCookie(new Response("Not Found", { status: 404 }));
      if (!state.actor) {
        const url = new URL(request.url);
        const back = kind === "loader" ? `${url.pathname}${url.search}` : url.pathname;
        throw withCookie(redirect(`/inloggen?redirectTo=${encodeURIComponent(back)}`));
      }
      throw withCookie(new Response("Forbidden", { status: 403 }));
    }
    try {
      await refuseUnusableInput(request, params, kind, translator(locale));
      return withCookie(
        await handler({
          request,
          params,
          context: ctx,
          actor: state.actor,
          sessionToken: state.token,
          locale,
          t: translator(locale),
          clientIp: ctx.clientIp ?? "unknown",
        }),
      );
    } catch (error) {
      if (error instanceof Response) throw withCookie(error);
      throw isDatabaseUnavailable(error) ? unavailable(error) : error;
    }
  };
  return Object.assign(guarded, { [POLICY]: { kind, permission, ...(options.crossSite ? { crossSite: options.crossSite } : {}) } });
}

/** A loader that needs `permission` (`public.read` when anyone may load it). */
export function loaderWith<R>(permission: Permission, handler: (args: GuardedArgs) => R | Promise<R>, options: LoaderOptions = {}) {
  return guard(permission, "loader", handler, options);
}

/** An action that needs `permission`; it also refuses posts from other sites (see ActionOptions for the one exception). */
export function actionWith<R>(permission: Permission, handler: (args: GuardedArgs) => R | Promise<R>, options: ActionOptions = {}) {
  return guard(permission, "action", handler, options);
}

export function policyOf(fn: unknown): { kind: string; permission: string } | undefined {
  return typeof fn === "function" ? (fn as unknown as { [POLICY]?: { kind: string; permission: string } })[POLICY] : undefined;
}

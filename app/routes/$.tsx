import type { MetaFunction } from "@remix-run/node";
import { ErrorPage } from "#app/components/ErrorPage.tsx";

/** Any address no other route knows: a real 404 in the site's layout. */
export function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = () => [{ title: "404 — Inspraak" }];

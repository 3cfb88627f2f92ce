/**
 * The OpenAPI 3.1 description of the read-only JSON API, served at
 * /api/v1/openapi.json. Schemas are JSON Schema 2020-12 (as OpenAPI 3.1 uses
 * it): `null` is a type in a type array, and every object is closed
 * (`additionalProperties: false`), so tests/integration/api.test.ts fails
 * when a response has a field this document does not describe.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: "string" } as const;
const int = { type: "integer" } as const;
const dateTime = { type: "string", format: "date-time" } as const;

function object(properties: Record<string, unknown>, description?: string) {
  return { type: "object", ...(description ? { description } : {}), required: Object.keys(properties), properties, additionalProperties: false };
}

/** English renderings by language code; a field without translation is left out (the Dutch original applies). */
function translations(fields: string[]) {
  return {
    type: "object",
    description: "Translations of the texts above, by language code (now only `en`). A missing field has no translation: use the Dutch original.",
    properties: { en: { type: "object", properties: Object.fromEntries(fields.map((field) => [field, str])), additionalProperties: false } },
    additionalProperties: false,
  };
}

const PROPOSAL_STATUSES = ["published", "under_consideration", "adopted", "not_adopted", "merged", "withdrawn"];

function pageOf(item: string) {
  return object({
    data: { type: "array", items: ref(item) },
    volgende: { type: ["string", "null"], description: "Cursor for the next page (pass it as `na`); null on the last page." },
  });
}

const pageParams = [
  { name: "na", in: "query", required: false, description: "Cursor: the `volgende` value of the previous page.", schema: { type: "string", maxLength: 200 } },
  { name: "aantal", in: "query", required: false, description: "Items per page, 1–100.", schema: { type: "integer", minimum: 1, maximum: 100, default: 25 } },
];
const themeFilter = { name: "thema", in: "query", required: false, description: "Slug of a theme; an unknown slug is a 400.", schema: str };

const headers = {
  ETag: { description: "Weak validator of the body; send it back as If-None-Match.", schema: str },
  "Cache-Control": { schema: str },
  "Access-Control-Allow-Origin": { schema: { type: "string", const: "*" } },
  "RateLimit-Limit": { description: "Requests allowed per window and IP address.", schema: int },
  "RateLimit-Remaining": { description: "Requests left in the current window.", schema: int },
  "RateLimit-Reset": { description: "Seconds until the window starts again.", schema: int },
};

const errorResponses = {
  "304": { description: "Not modified: the If-None-Match tag matches.", headers },
  "400": { description: "Bad request: an unknown or repeated parameter, an invalid cursor, filter value or page size.", content: { "application/json": { schema: ref("Error") } } },
  "429": { description: "Too many requests from this IP address; see Retry-After.", headers, content: { "application/json": { schema: ref("Error") } } },
  "503": {
    description: "The service is briefly unavailable (its database cannot answer now); try again after Retry-After seconds.",
    headers: {
      "Retry-After": { description: "Seconds to wait before trying again.", schema: int },
      "Cache-Control": { schema: { type: "string", const: "no-store" } },
      "Access-Control-Allow-Origin": headers["Access-Control-Allow-Origin"],
    },
    content: { "application/json": { schema: ref("Error") } },
  },
};
const notFoundResponse = { "404": { description: "Not found, or not public.", content: { "application/json": { schema: ref("Error") } } } };

function ok(schema: string, description: string) {
  return { "200": { description, headers, content: { "application/json": { schema: ref(schema) } } }, ...errorResponses };
}

function get(summary: string, operationId: string, parameters: unknown[], responses: Record<string, unknown>) {
  return {
    get: { summary, operationId, parameters, responses },
    options: { summary: "CORS preflight (reading only)", operationId: `${operationId}Preflight`, responses: { "204": { description: "Allowed: GET and HEAD from any origin." } } },
  };
}

const slugParam = { name: "slug", in: "path", required: true, schema: str };

export const openApiDocument = {
  openapi: "3.1.0",
  jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
  info: {
    title: "Inspraak open API",
    version: "1.0.0",
    description:
      "Read-only access to everything public on Inspraak: themes, action points with progress updates, proposals and comments. " +
      "Hidden, held and deleted content is never included, and people appear by display name only (never an e-mail address). " +
      "Texts are in Dutch, with English translations where they exist. Lists are paginated with opaque cursors. " +
      "Error messages follow the `lang` cookie or Accept-Language (Dutch or English). Data under CC0.",
    license: { name: "CC0 1.0", identifier: "CC0-1.0" },
  },
  servers: [{ url: "/api/v1" }],
  paths: {
    "/themas": get("Themes of all plans", "listThemes", pageParams, ok("ThemePage", "A page of themes.")),
    "/themas/{slug}": get("One theme with its action points", "getTheme", [slugParam], { ...ok("ThemeDetail", "The theme."), ...notFoundResponse }),
    "/actiepunten": get("Action points", "listActionPoints", [...pageParams, themeFilter], ok("ActionPointPage", "A page of action points.")),
    "/actiepunten/{slug}": get("One action point with its progress updates", "getActionPoint", [slugParam], { ...ok("ActionPointDetail", "The action point."), ...notFoundResponse }),
    "/voorstellen": get(
      "Public proposals, newest first",
      "listProposals",
      [...pageParams, themeFilter, { name: "status", in: "query", required: false, schema: { type: "string", enum: PROPOSAL_STATUSES } }],
      ok("ProposalPage", "A page of proposals."),
    ),
    "/voorstellen/{id}": get("One public proposal", "getProposal", [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } }], {
      ...ok("ProposalDetail", "The proposal."),
      ...notFoundResponse,
    }),
    "/reacties": get(
      "Public comments, oldest first",
      "listComments",
      [
        ...pageParams,
        { name: "onderwerp", in: "query", required: false, description: "`actiepunt:<slug>` or `voorstel:<id>`.", schema: { type: "string", pattern: "^(actiepunt:.+|voorstel:[1-9][0-9]*)$" } },
        { name: "draad", in: "query", required: false, description: "The public discussion or the stakeholder forum.", schema: { type: "string", enum: ["public", "forum"] } },
      ],
      ok("CommentPage", "A page of comments."),
    ),
    "/openapi.json": get("This document", "getOpenApi", [], { "200": { description: "The OpenAPI 3.1 document.", headers, content: { "application/json": { schema: { type: "object" } } } }, ...errorResponses }),
  },
  components: {
    schemas: {
      Error: object({ error: object({ code: { type: "string", enum: ["invalid_cursor", "invalid_limit", "unknown_parameter", "repeated_parameter", "invalid_filter", "not_found", "rate_limited", "unavailable"] }, message: str }) }),
      PlanRef: object({ slug: str, status: { type: "string", enum: ["current", "drafting", "archived"] } }),
      Theme: object({ slug: str, number: int, title: str, description: str, translations: translations(["title", "description"]), plan: ref("PlanRef") }),
      ThemeDetail: object({
        slug: str,
        number: int,
        title: str,
        description: str,
        translations: translations(["title", "description"]),
        plan: ref("PlanRef"),
        actionPoints: { type: "array", items: object({ slug: str, number: int, title: str, translations: translations(["title"]) }) },
      }),
      ThemePage: pageOf("Theme"),
      ActionPoint: object({
        slug: str,
        number: int,
        title: str,
        holder: str,
        partners: str,
        summary: str,
        translations: translations(["title", "holder", "partners", "summary"]),
        theme: { type: "string", description: "Slug of the theme." },
        plan: { type: "string", description: "Slug of the plan." },
      }),
      ActionPointDetail: object({
        slug: str,
        number: int,
        title: str,
        holder: str,
        partners: str,
        summary: str,
        translations: translations(["title", "holder", "partners", "summary", "body", "contribution"]),
        theme: str,
        plan: str,
        body: { type: "string", description: "Text in the block format: paragraphs split by a blank line, `## ` headings, `1. ` and `- ` lists." },
        contribution: str,
        progressUpdates: { type: "array", items: ref("ProgressUpdate") },
      }),
      ActionPointPage: pageOf("ActionPoint"),
      ProgressUpdate: object({
        id: int,
        title: str,
        body: str,
        publishedOn: { type: ["string", "null"], format: "date", description: "Null while the update is announced but not yet published." },
        translations: translations(["title", "body"]),
      }),
      Author: object({ name: { type: "string", description: "Display name; “Verwijderde deelnemer” once the account is deleted." } }),
      Proposal: object({
        id: int,
        title: str,
        summary: str,
        status: { type: "string", enum: PROPOSAL_STATUSES },
        supportCount: int,
        commentCount: int,
        createdAt: dateTime,
        author: ref("Author"),
        theme: str,
        plan: str,
        actionPoint: { type: ["string", "null"], description: "Slug of the action point it builds on." },
      }),
      ProposalDetail: object({
        id: int,
        title: str,
        summary: str,
        status: { type: "string", enum: PROPOSAL_STATUSES },
        supportCount: int,
        commentCount: int,
        createdAt: dateTime,
        author: ref("Author"),
        theme: str,
        plan: str,
        actionPoint: { type: ["string", "null"] },
        html: { type: "string", description: "The text as sanitised HTML." },
        response: { type: ["string", "null"], description: "The latest official response." },
        updatedAt: dateTime,
        mergedInto: { type: ["integer", "null"], description: "Id of the proposal this one was merged into, when that one is public." },
        history: {
          type: "array",
          items: object({
            from: { type: ["string", "null"], enum: [...PROPOSAL_STATUSES, null] },
            to: { type: "string", enum: PROPOSAL_STATUSES },
            explanation: str,
            at: dateTime,
          }),
        },
      }),
      ProposalPage: pageOf("Proposal"),
      Comment: object({
        id: int,
        subject: {
          oneOf: [
            object({ type: { type: "string", const: "actiepunt" }, slug: str }),
            object({ type: { type: "string", const: "voorstel" }, id: int }),
          ],
        },
        thread: { type: "string", enum: ["public", "forum"] },
        parentId: { type: ["integer", "null"], description: "The comment this replies to (it may itself not be public)." },
        rootId: { type: ["integer", "null"] },
        replyToId: { type: ["integer", "null"] },
        depth: { type: "integer", minimum: 1, maximum: 3 },
        author: object({ name: str, organisation: { type: ["string", "null"], description: "For stakeholder-forum members." } }),
        html: str,
        official: { type: "boolean" },
        paragraph: { type: ["object", "null"], required: ["anchor", "quote"], properties: { anchor: str, quote: { type: ["string", "null"] } }, additionalProperties: false },
        likeCount: int,
        createdAt: dateTime,
        editedAt: { type: ["string", "null"], format: "date-time" },
      }),
      CommentPage: pageOf("Comment"),
    },
  },
} as const;

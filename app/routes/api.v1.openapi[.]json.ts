import { apiLoader, readQuery } from "#app/api.server.ts";
import { openApiDocument } from "#app/api-schema.ts";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 description of this API. */
export const loader = apiLoader(({ url }) => {
  readQuery(url, []);
  return openApiDocument;
});

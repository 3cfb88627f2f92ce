/** What the search page and the search module share (this file is safe for the browser). */
export const SEARCH_PAGE = 20;
export const QUERY_MAX = 200;
export const SEARCH_KINDS = ["actiepunt", "update", "voorstel", "reactie"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

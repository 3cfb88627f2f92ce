/** Shared by the server module and the pages (which may not import *.server.ts). */
export const FOLLOW_SUBJECTS = ["action_point", "theme", "proposal"] as const;
export type FollowSubject = (typeof FOLLOW_SUBJECTS)[number];
export const DELIVERIES = ["immediate", "daily", "weekly", "none"] as const;
export type Delivery = (typeof DELIVERIES)[number];

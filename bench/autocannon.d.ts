// The few parts of autocannon (no types of its own) that bench/run.ts uses.
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  export type RequestSpec = Request & { setupRequest?: (request: Request, context: Record<string, unknown>) => Request };
  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    requests?: RequestSpec[];
  };
  export type Result = {
    duration: number;
    errors: number;
    timeouts: number;
    requests: { total: number; average: number };
    "1xx": number;
    "2xx": number;
    "3xx": number;
    "4xx": number;
    "5xx": number;
    non2xx: number;
  };
  export type Instance = EventEmitter & PromiseLike<Result>;
  function autocannon(options: Options): Instance;
  export default autocannon;
}

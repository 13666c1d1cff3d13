/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/api/v3/providers/microsoft_entra/{id}/sync/held_deletions/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              results: {
                action: string;
                held_at: string;
                id: string;
                object: string;
                /** @enum {string} */
                object_type: 'user' | 'group';
                remote_id: string;
              }[];
              threshold: number;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v3/providers/microsoft_entra/{id}/sync/held_deletions/confirm/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              confirmed: number;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v3/providers/microsoft_entra/{id}/sync/held_deletions/discard/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              discarded: number;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v3/providers/microsoft_entra/{id}/sync/results/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          object_id?: number;
          object_type?: 'user' | 'group';
          page?: number;
          page_size?: number;
          status?:
            | 'ok'
            | 'error'
            | 'skipped'
            | 'dry_run'
            | 'unchanged'
            | 'held'
            | 'confirmed'
            | 'discarded'
            | 'sending';
        };
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              autocomplete: {
                [key: string]: unknown;
              };
              pagination: {
                count: number;
                current: number;
                end_index: number;
                next: number;
                previous: number;
                start_index: number;
                total_pages: number;
              };
              results: {
                created: string;
                detail: unknown;
                graph_request_id: string | null;
                id: string;
                message: string | null;
                object_id: number | null;
                /** @enum {string} */
                object_type: 'user' | 'group';
                operation: string;
                remote_id: string | null;
                run: string | null;
                /** @enum {string} */
                status:
                  | 'ok'
                  | 'error'
                  | 'skipped'
                  | 'dry_run'
                  | 'unchanged'
                  | 'held'
                  | 'confirmed'
                  | 'discarded'
                  | 'sending';
              }[];
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v3/providers/microsoft_entra/{id}/sync/runs/{run}/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          page?: number;
          page_size?: number;
          status?:
            | 'ok'
            | 'error'
            | 'skipped'
            | 'dry_run'
            | 'unchanged'
            | 'held'
            | 'confirmed'
            | 'discarded'
            | 'sending';
        };
        header?: never;
        path: {
          id: number;
          run: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              results: {
                autocomplete: {
                  [key: string]: unknown;
                };
                pagination: {
                  count: number;
                  current: number;
                  end_index: number;
                  next: number;
                  previous: number;
                  start_index: number;
                  total_pages: number;
                };
                results: {
                  created: string;
                  detail: unknown;
                  graph_request_id: string | null;
                  id: string;
                  message: string | null;
                  object_id: number | null;
                  /** @enum {string} */
                  object_type: 'user' | 'group';
                  operation: string;
                  remote_id: string | null;
                  run: string | null;
                  /** @enum {string} */
                  status:
                    | 'ok'
                    | 'error'
                    | 'skipped'
                    | 'dry_run'
                    | 'unchanged'
                    | 'held'
                    | 'confirmed'
                    | 'discarded'
                    | 'sending';
                }[];
              };
              run: {
                counts: {
                  [key: string]: number;
                };
                done: number;
                dry_run: boolean;
                error: string | null;
                finished_at: string | null;
                id: string;
                /** @enum {string} */
                kind: 'full' | 'direct' | 'object';
                phase: string | null;
                started_at: string;
                /** @enum {string} */
                status: 'running' | 'done' | 'warning' | 'error' | 'cancelled';
                total: number;
              };
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: never;
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;

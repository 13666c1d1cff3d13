/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/api/v3/sources/ldap/{slug}/check/': {
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
          slug: string;
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
              connectivity: {
                [key: string]: {
                  [key: string]: string;
                };
              };
              servers: {
                groups: number | null;
                server: string;
                /** @enum {string} */
                status: 'ok' | 'error';
                steps: {
                  message: string;
                  /** @enum {string} */
                  status: 'ok' | 'error' | 'skipped';
                  /** @enum {string} */
                  step: 'connect' | 'bind' | 'base_dn' | 'users' | 'groups';
                }[];
                users: number | null;
              }[];
              /** @enum {string} */
              status: 'ok' | 'error';
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
  '/api/v3/sources/ldap/{slug}/debug/': {
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
          slug: string;
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
              group: {
                [key: string]: unknown;
              }[];
              membership: {
                [key: string]: unknown;
              }[];
              user: {
                [key: string]: unknown;
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
  '/api/v3/sources/ldap/{slug}/runs/': {
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
          slug: string;
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
              counts: {
                groups: {
                  created: number;
                  deleted: number;
                  errors: number;
                  unchanged: number;
                  updated: number;
                };
                memberships: {
                  created: number;
                  deleted: number;
                  errors: number;
                  unchanged: number;
                  updated: number;
                };
                users: {
                  created: number;
                  deleted: number;
                  errors: number;
                  unchanged: number;
                  updated: number;
                };
              };
              done: number;
              error: string | null;
              finished: string | null;
              held_deletions: {
                groups: number;
                limit_percent: number;
                users: number;
              } | null;
              id: string;
              /** @enum {string|null} */
              mode: 'full' | 'incremental' | null;
              phase: string | null;
              started: string;
              /** @enum {string} */
              status: 'running' | 'done' | 'warning' | 'error';
              total: number;
              /** @enum {string} */
              trigger: 'schedule' | 'manual';
            }[];
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
  '/api/v3/sources/ldap/{slug}/runs/{run}/results/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          ordering?: string;
          page?: number;
          page_size?: number;
          search?: string;
          status?: 'ok' | 'error' | 'skipped' | 'held';
        };
        header?: never;
        path: {
          run: string;
          slug: string;
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
                dn: string | null;
                id: number;
                local_id: number | null;
                message: string | null;
                /** @enum {string} */
                object_type: 'user' | 'group' | 'membership';
                operation: string;
                /** @enum {string} */
                status: 'ok' | 'error' | 'skipped' | 'held';
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
  '/api/v3/sources/ldap/{slug}/sync/': {
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
          slug: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            confirm_deletions?: boolean;
          } | null;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
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

/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/api/v3/providers/microsoft_entra/{id}/sync/full/': {
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
      requestBody: {
        content: {
          'application/json': {
            /** @default false */
            confirm_deletions?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              detail: string;
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
  '/api/v3/providers/microsoft_entra/{id}/sync/object/': {
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
      requestBody: {
        content: {
          'application/json': {
            /** @default false */
            override_dry_run?: boolean;
            sync_object_id: string;
            /** @enum {string} */
            sync_object_model: 'authentik.core.models.User' | 'authentik.core.models.Group';
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              messages: {
                attributes: {
                  [key: string]: unknown;
                };
                event: string;
                /** @enum {string} */
                log_level:
                  | 'critical'
                  | 'exception'
                  | 'error'
                  | 'warn'
                  | 'warning'
                  | 'info'
                  | 'debug'
                  | 'notset';
                logger: string;
                timestamp: string;
              }[];
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
  '/api/v3/providers/microsoft_entra/{id}/sync/plan/': {
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
              count: number;
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v3/providers/microsoft_entra/{id}/sync/runs/': {
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
  '/api/v3/providers/microsoft_entra/{id}/sync/status/': {
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
              assigned: boolean;
              configuration_error: {
                at: string;
                message: string;
              } | null;
              current_run: {
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
              } | null;
              is_running: boolean;
              last_run: {
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
              } | null;
              last_successful_sync?: string;
              last_sync_status?: string;
              progress: {
                done: number;
                estimated_finish_at: string | null;
                objects_per_second: number | null;
                phase: string | null;
                remaining: number;
                total: number;
              } | null;
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
  '/api/v3/providers/microsoft_entra/{id}/test_connection/': {
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
              error?: string;
              grantedPermissions: string[];
              missingPermissions: string[];
              ok: boolean;
              verifiedDomains: string[];
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
  '/api/v3/providers/microsoft_entra/{id}/used_by/': {
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
              /** @enum {string} */
              action: 'cascade' | 'cascade_many' | 'set_null' | 'set_default' | 'left_dangling';
              app: string;
              model_name: string;
              name: string;
              pk: string;
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

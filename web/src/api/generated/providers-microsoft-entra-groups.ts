/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/api/v3/providers/microsoft_entra_groups/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          group__group_uuid?: string;
          group__name?: string;
          ordering?: string;
          page?: number;
          page_size?: number;
          provider__id?: number;
          search?: string;
          state?: 'synced' | 'pending' | 'error' | 'skipped';
        };
        header?: never;
        path?: never;
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
                attributes: {
                  [key: string]: unknown;
                };
                group: string;
                group_obj: {
                  attributes: {
                    [key: string]: unknown;
                  };
                  is_superuser: boolean;
                  name: string;
                  num_pk: number;
                  pk: string;
                } | null;
                id: string;
                last_error: string | null;
                last_request_id: string | null;
                last_synced_at: string | null;
                microsoft_id: string;
                provider: number;
                /** @enum {string} */
                state: 'synced' | 'pending' | 'error' | 'skipped';
              }[];
            };
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: uuid */
            group: string;
            microsoft_id: string;
            provider: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              attributes: {
                [key: string]: unknown;
              };
              group: string;
              group_obj: {
                attributes: {
                  [key: string]: unknown;
                };
                is_superuser: boolean;
                name: string;
                num_pk: number;
                pk: string;
              } | null;
              id: string;
              last_error: string | null;
              last_request_id: string | null;
              last_synced_at: string | null;
              microsoft_id: string;
              provider: number;
              /** @enum {string} */
              state: 'synced' | 'pending' | 'error' | 'skipped';
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
  '/api/v3/providers/microsoft_entra_groups/{id}/': {
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
          id: string;
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
              attributes: {
                [key: string]: unknown;
              };
              group: string;
              group_obj: {
                attributes: {
                  [key: string]: unknown;
                };
                is_superuser: boolean;
                name: string;
                num_pk: number;
                pk: string;
              } | null;
              id: string;
              last_error: string | null;
              last_request_id: string | null;
              last_synced_at: string | null;
              microsoft_id: string;
              provider: number;
              /** @enum {string} */
              state: 'synced' | 'pending' | 'error' | 'skipped';
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description No content */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': null;
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v3/providers/microsoft_entra_groups/{id}/used_by/': {
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
          id: string;
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

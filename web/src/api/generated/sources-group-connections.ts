/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/api/v3/sources/group_connections/ldap/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          group?: string;
          ordering?: string;
          page?: number;
          page_size?: number;
          search?: string;
          source__slug?: string;
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
                created: string;
                dn: string;
                group: string;
                group_obj: {
                  attributes: {
                    [key: string]: unknown;
                  };
                  is_superuser: boolean;
                  name: string;
                  num_pk: number;
                  pk: string;
                };
                identifier: string;
                last_updated: string;
                pk: number;
                source: string;
                source_obj: {
                  component: string;
                  enabled: boolean;
                  /** @enum {string|null} */
                  icon_themed_urls: null;
                  icon_url: string | null;
                  managed: string | null;
                  meta_model_name: string;
                  name: string;
                  pk: string;
                  slug: string;
                  user_path_template: string;
                  verbose_name: string;
                  verbose_name_plural: string;
                };
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
  '/api/v3/sources/group_connections/ldap/{id}/': {
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
              created: string;
              dn: string;
              group: string;
              group_obj: {
                attributes: {
                  [key: string]: unknown;
                };
                is_superuser: boolean;
                name: string;
                num_pk: number;
                pk: string;
              };
              identifier: string;
              last_updated: string;
              pk: number;
              source: string;
              source_obj: {
                component: string;
                enabled: boolean;
                /** @enum {string|null} */
                icon_themed_urls: null;
                icon_url: string | null;
                managed: string | null;
                meta_model_name: string;
                name: string;
                pk: string;
                slug: string;
                user_path_template: string;
                verbose_name: string;
                verbose_name_plural: string;
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

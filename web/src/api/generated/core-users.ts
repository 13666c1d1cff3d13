/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/api/v3/core/users/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          email?: string;
          groups_by_name?: string | string[];
          groups_by_pk?: string[];
          include_groups?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          include_roles?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          is_active?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          is_superuser?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          name?: string;
          ordering?: string;
          page?: number;
          page_size?: number;
          path?: string;
          path_startswith?: string;
          search?: string;
          type?:
            | ('internal' | 'external' | 'service_account' | 'internal_service_account')
            | ('internal' | 'external' | 'service_account' | 'internal_service_account')[];
          username?: string;
          uuid?: string;
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
                avatar: string;
                date_joined: string;
                email: string;
                groups: string[];
                groups_obj:
                  | {
                      attributes: {
                        [key: string]: unknown;
                      };
                      is_superuser: boolean;
                      name: string;
                      num_pk: number;
                      pk: string;
                    }[]
                  | null;
                is_active: boolean;
                is_superuser: boolean;
                last_login: string | null;
                last_updated: string;
                name: string;
                password_change_date: string;
                path: string;
                pk: number;
                roles: string[];
                roles_obj:
                  | {
                      name: string;
                      pk: string;
                    }[]
                  | null;
                /** @enum {string} */
                type: 'internal' | 'external' | 'service_account' | 'internal_service_account';
                uid: string;
                username: string;
                uuid: string;
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
            attributes?: {
              [key: string]: unknown;
            };
            email?: string;
            groups?: string[];
            is_active?: boolean;
            /** Format: date-time */
            last_login?: string | null;
            name: string;
            path?: string;
            roles?: string[];
            /** @enum {string} */
            type?: 'internal' | 'external' | 'service_account' | 'internal_service_account';
            username: string;
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
              avatar: string;
              date_joined: string;
              email: string;
              groups: string[];
              groups_obj:
                | {
                    attributes: {
                      [key: string]: unknown;
                    };
                    is_superuser: boolean;
                    name: string;
                    num_pk: number;
                    pk: string;
                  }[]
                | null;
              is_active: boolean;
              is_superuser: boolean;
              last_login: string | null;
              last_updated: string;
              name: string;
              password_change_date: string;
              path: string;
              pk: number;
              roles: string[];
              roles_obj:
                | {
                    name: string;
                    pk: string;
                  }[]
                | null;
              /** @enum {string} */
              type: 'internal' | 'external' | 'service_account' | 'internal_service_account';
              uid: string;
              username: string;
              uuid: string;
              warnings?: string[];
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
  '/api/v3/core/users/me/': {
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
              user: {
                avatar: string;
                email: string;
                groups: {
                  name: string;
                  pk: string;
                }[];
                is_active: boolean;
                is_current: boolean;
                is_superuser: boolean;
                name: string;
                pk: number;
                roles: {
                  name: string;
                  pk: string;
                }[];
                settings: {
                  [key: string]: unknown;
                };
                system_permissions: string[];
                /** @enum {string} */
                type: 'internal' | 'external' | 'service_account' | 'internal_service_account';
                uid: string;
                username: string;
              };
              users: {
                avatar: string;
                email: string;
                groups: {
                  name: string;
                  pk: string;
                }[];
                is_active: boolean;
                is_current: boolean;
                is_superuser: boolean;
                name: string;
                pk: number;
                roles: {
                  name: string;
                  pk: string;
                }[];
                settings: {
                  [key: string]: unknown;
                };
                system_permissions: string[];
                /** @enum {string} */
                type: 'internal' | 'external' | 'service_account' | 'internal_service_account';
                uid: string;
                username: string;
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
  '/api/v3/core/users/paths/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          search?: string;
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
              paths: string[];
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
  '/api/v3/core/users/service_account/': {
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
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @default false */
            create_group?: boolean;
            /** Format: date-time */
            expires?: string;
            /** @default true */
            expiring?: boolean;
            name: string;
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
              group_pk?: string;
              token: string;
              user_pk: number;
              user_uid: string;
              username: string;
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

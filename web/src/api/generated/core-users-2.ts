/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/api/v3/core/users/{id}/': {
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
            };
          };
        };
      };
    };
    put: {
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
        200: {
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
    post?: never;
    delete: {
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
    patch: {
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
            attributes?: {
              [key: string]: unknown;
            };
            email?: string;
            groups?: string[];
            is_active?: boolean;
            /** Format: date-time */
            last_login?: string | null;
            name?: string;
            path?: string;
            roles?: string[];
            /** @enum {string} */
            type?: 'internal' | 'external' | 'service_account' | 'internal_service_account';
            username?: string;
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
    trace?: never;
  };
  '/api/v3/core/users/{id}/set_password/': {
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
            password: string;
          };
        };
      };
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v3/core/users/{id}/used_by/': {
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

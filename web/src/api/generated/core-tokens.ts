/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/api/v3/core/tokens/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          description?: string;
          expiring?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          identifier?: string;
          intent?: 'api' | 'app_password' | 'recovery' | 'verification';
          managed?: string;
          ordering?: string;
          page?: number;
          page_size?: number;
          search?: string;
          user__username?: string;
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
                description: string;
                expires: string | null;
                expiring: boolean;
                identifier: string;
                /** @enum {string} */
                intent: 'api' | 'app_password' | 'recovery' | 'verification';
                managed: string | null;
                pk: string;
                user: number;
                user_obj: {
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
            description?: string;
            /** Format: date-time */
            expires?: string | null;
            expiring?: boolean;
            identifier: string;
            /** @enum {string} */
            intent?: 'api' | 'app_password' | 'recovery' | 'verification';
            managed?: string | null;
            user?: number;
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
              description: string;
              expires: string | null;
              expiring: boolean;
              identifier: string;
              /** @enum {string} */
              intent: 'api' | 'app_password' | 'recovery' | 'verification';
              key: string;
              managed: string | null;
              pk: string;
              user: number;
              user_obj: {
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
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v3/core/tokens/{identifier}/': {
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
          identifier: string;
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
              description: string;
              expires: string | null;
              expiring: boolean;
              identifier: string;
              /** @enum {string} */
              intent: 'api' | 'app_password' | 'recovery' | 'verification';
              managed: string | null;
              pk: string;
              user: number;
              user_obj: {
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
    };
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          identifier: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            description?: string;
            /** Format: date-time */
            expires?: string | null;
            expiring?: boolean;
            identifier: string;
            /** @enum {string} */
            intent?: 'api' | 'app_password' | 'recovery' | 'verification';
            managed?: string | null;
            user?: number;
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
              description: string;
              expires: string | null;
              expiring: boolean;
              identifier: string;
              /** @enum {string} */
              intent: 'api' | 'app_password' | 'recovery' | 'verification';
              managed: string | null;
              pk: string;
              user: number;
              user_obj: {
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
    };
    post?: never;
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          identifier: string;
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
          identifier: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            description?: string;
            /** Format: date-time */
            expires?: string | null;
            expiring?: boolean;
            identifier?: string;
            /** @enum {string} */
            intent?: 'api' | 'app_password' | 'recovery' | 'verification';
            managed?: string | null;
            user?: number;
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
              description: string;
              expires: string | null;
              expiring: boolean;
              identifier: string;
              /** @enum {string} */
              intent: 'api' | 'app_password' | 'recovery' | 'verification';
              managed: string | null;
              pk: string;
              user: number;
              user_obj: {
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
    };
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

/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/api/v3/core/groups/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          include_children?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          include_inherited_roles?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          include_parents?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          include_users?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          is_superuser?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          members_by_pk?: number | number[];
          members_by_username?: string | string[];
          name?: string;
          ordering?: string;
          page?: number;
          page_size?: number;
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
                children: string[];
                children_obj:
                  | {
                      attributes: {
                        [key: string]: unknown;
                      };
                      group_uuid: string;
                      is_superuser: boolean;
                      name: string;
                      pk: string;
                    }[]
                  | null;
                inherited_roles_obj:
                  | {
                      name: string;
                      pk: string;
                    }[]
                  | null;
                is_superuser: boolean;
                name: string;
                num_pk: number;
                parents: string[];
                parents_obj:
                  | {
                      attributes: {
                        [key: string]: unknown;
                      };
                      group_uuid: string;
                      is_superuser: boolean;
                      name: string;
                      pk: string;
                    }[]
                  | null;
                pk: string;
                roles: string[];
                roles_obj: {
                  name: string;
                  pk: string;
                }[];
                users: number[];
                users_obj:
                  | {
                      attributes: {
                        [key: string]: unknown;
                      };
                      email: string;
                      is_active: boolean;
                      last_login: string | null;
                      name: string;
                      pk: number;
                      uid: string;
                      username: string;
                    }[]
                  | null;
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
            is_superuser?: boolean;
            name: string;
            parents?: string[];
            roles?: string[];
            users?: number[];
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
              children: string[];
              children_obj:
                | {
                    attributes: {
                      [key: string]: unknown;
                    };
                    group_uuid: string;
                    is_superuser: boolean;
                    name: string;
                    pk: string;
                  }[]
                | null;
              inherited_roles_obj:
                | {
                    name: string;
                    pk: string;
                  }[]
                | null;
              is_superuser: boolean;
              name: string;
              num_pk: number;
              parents: string[];
              parents_obj:
                | {
                    attributes: {
                      [key: string]: unknown;
                    };
                    group_uuid: string;
                    is_superuser: boolean;
                    name: string;
                    pk: string;
                  }[]
                | null;
              pk: string;
              roles: string[];
              roles_obj: {
                name: string;
                pk: string;
              }[];
              users: number[];
              users_obj:
                | {
                    attributes: {
                      [key: string]: unknown;
                    };
                    email: string;
                    is_active: boolean;
                    last_login: string | null;
                    name: string;
                    pk: number;
                    uid: string;
                    username: string;
                  }[]
                | null;
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
  '/api/v3/core/groups/{group_uuid}/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          include_children?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          include_inherited_roles?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          include_parents?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          include_users?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
        };
        header?: never;
        path: {
          group_uuid: string;
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
              children: string[];
              children_obj:
                | {
                    attributes: {
                      [key: string]: unknown;
                    };
                    group_uuid: string;
                    is_superuser: boolean;
                    name: string;
                    pk: string;
                  }[]
                | null;
              inherited_roles_obj:
                | {
                    name: string;
                    pk: string;
                  }[]
                | null;
              is_superuser: boolean;
              name: string;
              num_pk: number;
              parents: string[];
              parents_obj:
                | {
                    attributes: {
                      [key: string]: unknown;
                    };
                    group_uuid: string;
                    is_superuser: boolean;
                    name: string;
                    pk: string;
                  }[]
                | null;
              pk: string;
              roles: string[];
              roles_obj: {
                name: string;
                pk: string;
              }[];
              users: number[];
              users_obj:
                | {
                    attributes: {
                      [key: string]: unknown;
                    };
                    email: string;
                    is_active: boolean;
                    last_login: string | null;
                    name: string;
                    pk: number;
                    uid: string;
                    username: string;
                  }[]
                | null;
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
          group_uuid: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            attributes?: {
              [key: string]: unknown;
            };
            is_superuser?: boolean;
            name: string;
            parents?: string[];
            roles?: string[];
            users?: number[];
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
              children: string[];
              children_obj:
                | {
                    attributes: {
                      [key: string]: unknown;
                    };
                    group_uuid: string;
                    is_superuser: boolean;
                    name: string;
                    pk: string;
                  }[]
                | null;
              inherited_roles_obj:
                | {
                    name: string;
                    pk: string;
                  }[]
                | null;
              is_superuser: boolean;
              name: string;
              num_pk: number;
              parents: string[];
              parents_obj:
                | {
                    attributes: {
                      [key: string]: unknown;
                    };
                    group_uuid: string;
                    is_superuser: boolean;
                    name: string;
                    pk: string;
                  }[]
                | null;
              pk: string;
              roles: string[];
              roles_obj: {
                name: string;
                pk: string;
              }[];
              users: number[];
              users_obj:
                | {
                    attributes: {
                      [key: string]: unknown;
                    };
                    email: string;
                    is_active: boolean;
                    last_login: string | null;
                    name: string;
                    pk: number;
                    uid: string;
                    username: string;
                  }[]
                | null;
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
          group_uuid: string;
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
          group_uuid: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            attributes?: {
              [key: string]: unknown;
            };
            is_superuser?: boolean;
            name?: string;
            parents?: string[];
            roles?: string[];
            users?: number[];
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
              children: string[];
              children_obj:
                | {
                    attributes: {
                      [key: string]: unknown;
                    };
                    group_uuid: string;
                    is_superuser: boolean;
                    name: string;
                    pk: string;
                  }[]
                | null;
              inherited_roles_obj:
                | {
                    name: string;
                    pk: string;
                  }[]
                | null;
              is_superuser: boolean;
              name: string;
              num_pk: number;
              parents: string[];
              parents_obj:
                | {
                    attributes: {
                      [key: string]: unknown;
                    };
                    group_uuid: string;
                    is_superuser: boolean;
                    name: string;
                    pk: string;
                  }[]
                | null;
              pk: string;
              roles: string[];
              roles_obj: {
                name: string;
                pk: string;
              }[];
              users: number[];
              users_obj:
                | {
                    attributes: {
                      [key: string]: unknown;
                    };
                    email: string;
                    is_active: boolean;
                    last_login: string | null;
                    name: string;
                    pk: number;
                    uid: string;
                    username: string;
                  }[]
                | null;
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

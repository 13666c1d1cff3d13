/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/api/v3/propertymappings/provider/microsoft_entra/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          managed?: string | string[];
          managed__isnull?: 'true' | 'false';
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
                component: string;
                expression: string;
                managed: string | null;
                meta_model_name: string;
                name: string;
                pk: string;
                verbose_name: string;
                verbose_name_plural: string;
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
            expression: string;
            managed?: string | null;
            name: string;
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
              component: string;
              expression: string;
              managed: string | null;
              meta_model_name: string;
              name: string;
              pk: string;
              verbose_name: string;
              verbose_name_plural: string;
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
  '/api/v3/propertymappings/provider/microsoft_entra/{pm_uuid}/': {
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
          pm_uuid: string;
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
              component: string;
              expression: string;
              managed: string | null;
              meta_model_name: string;
              name: string;
              pk: string;
              verbose_name: string;
              verbose_name_plural: string;
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
          pm_uuid: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            expression: string;
            managed?: string | null;
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
              component: string;
              expression: string;
              managed: string | null;
              meta_model_name: string;
              name: string;
              pk: string;
              verbose_name: string;
              verbose_name_plural: string;
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
          pm_uuid: string;
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
          pm_uuid: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            expression?: string;
            managed?: string | null;
            name?: string;
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
              component: string;
              expression: string;
              managed: string | null;
              meta_model_name: string;
              name: string;
              pk: string;
              verbose_name: string;
              verbose_name_plural: string;
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v3/propertymappings/provider/microsoft_entra/{pm_uuid}/used_by/': {
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
          pm_uuid: string;
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
  '/api/v3/propertymappings/provider/microsoft_entra/preview/': {
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
            expression?: string;
            /** Format: uuid */
            group?: string | null;
            mappings?: string[];
            name?: string;
            provider?: number;
            user?: number | null;
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
              /** @enum {string} */
              kind: 'user' | 'group';
              mappings: string[];
            } & (
              | {
                  body: {
                    [key: string]: unknown;
                  };
                  logs: {
                    /** @enum {string} */
                    level: 'debug' | 'info' | 'warning' | 'error';
                    mapping: string;
                    message: string;
                  }[];
                  /** @enum {string} */
                  status: 'ok';
                }
              | {
                  logs: {
                    /** @enum {string} */
                    level: 'debug' | 'info' | 'warning' | 'error';
                    mapping: string;
                    message: string;
                  }[];
                  skipped_by: string;
                  /** @enum {string} */
                  status: 'skip';
                }
              | {
                  error: {
                    code: string;
                    column?: number;
                    line?: number;
                    mapping?: string;
                    message: string;
                  };
                  logs: {
                    /** @enum {string} */
                    level: 'debug' | 'info' | 'warning' | 'error';
                    mapping: string;
                    message: string;
                  }[];
                  /** @enum {string} */
                  status: 'error';
                }
            );
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

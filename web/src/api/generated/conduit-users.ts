/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/api/v3/conduit/users/import/apply/': {
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
            /** @description The file's text (UTF-8, at most 5 MiB and 10000 rows). */
            csv: string;
            /**
             * @description The field separator: comma (default), semicolon, tab or vertical bar.
             * @default ,
             * @enum {string}
             */
            delimiter?: ',' | ';' | '\t' | '|';
            /** @description The preview’s digest: the import is refused (409) when it would now do something else. */
            digest?: string;
            /**
             * @description What separates group names in the groups column.
             * @default ;
             */
            group_separator?: string;
            /** @description What identifies a user across imports: username, email or attributes.<key>. */
            key: string;
            /** @description Column name (as in the header) → username, name, email, is_active, type, path, groups or attributes.<dotted.key>; "" ignores the column. */
            mapping: {
              [key: string]: string;
            };
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
              counts: {
                created: number;
                error: number;
                rolled_back: number;
                unchanged: number;
                updated: number;
              };
              rows: {
                changes: {
                  after: unknown;
                  before: unknown;
                  field: string;
                }[];
                errors: string[];
                key: string;
                /** @enum {string} */
                outcome: 'created' | 'updated' | 'unchanged' | 'error' | 'rolled_back';
                /** @description The line of the file the row starts on (the header is line 1). */
                row: number;
                user_pk: number | null;
                username: string;
                warnings: string[];
              }[];
            };
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
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
  '/api/v3/conduit/users/import/columns/': {
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
            /** @description The file's text (UTF-8, at most 5 MiB and 10000 rows). */
            csv: string;
            /**
             * @description The field separator: comma (default), semicolon, tab or vertical bar.
             * @default ,
             * @enum {string}
             */
            delimiter?: ',' | ';' | '\t' | '|';
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
              columns: string[];
              rows: number;
              sample: {
                [key: string]: string;
              };
              suggested_key: string;
              suggested_mapping: {
                [key: string]: string;
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
  '/api/v3/conduit/users/import/preview/': {
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
            /** @description The file's text (UTF-8, at most 5 MiB and 10000 rows). */
            csv: string;
            /**
             * @description The field separator: comma (default), semicolon, tab or vertical bar.
             * @default ,
             * @enum {string}
             */
            delimiter?: ',' | ';' | '\t' | '|';
            /**
             * @description What separates group names in the groups column.
             * @default ;
             */
            group_separator?: string;
            /** @description What identifies a user across imports: username, email or attributes.<key>. */
            key: string;
            /** @description Column name (as in the header) → username, name, email, is_active, type, path, groups or attributes.<dotted.key>; "" ignores the column. */
            mapping: {
              [key: string]: string;
            };
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
              columns: string[];
              counts: {
                create: number;
                error: number;
                unchanged: number;
                update: number;
              };
              digest: string;
              rows: {
                /** @enum {string} */
                action: 'create' | 'update' | 'unchanged' | 'error';
                changes: {
                  after: unknown;
                  before: unknown;
                  field: string;
                }[];
                errors: string[];
                key: string;
                /** @description The line of the file the row starts on (the header is line 1). */
                row: number;
                user_pk: number | null;
                username: string;
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

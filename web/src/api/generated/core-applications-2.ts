/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/api/v3/core/applications/{slug}/': {
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
              backchannel_providers: number[];
              backchannel_providers_obj: {
                assigned_application_name: string | null;
                assigned_application_slug: string | null;
                assigned_backchannel_application_name: string | null;
                assigned_backchannel_application_slug: string | null;
                authentication_flow: string | null;
                authorization_flow: string | null;
                component: string;
                invalidation_flow: string | null;
                meta_model_name: string;
                name: string;
                pk: number;
                property_mappings: string[];
                verbose_name: string;
                verbose_name_plural: string;
              }[];
              group: string;
              launch_url: string | null;
              meta_description: string;
              meta_hide: boolean;
              meta_icon: string;
              meta_icon_themed_urls: {
                dark: string | null;
                light: string | null;
              } | null;
              meta_icon_url: string | null;
              meta_launch_url: string;
              meta_publisher: string;
              name: string;
              open_in_new_tab: boolean;
              pbm_uuid: string;
              pk: string;
              /** @enum {string} */
              policy_engine_mode: 'all' | 'any';
              provider: number | null;
              provider_obj: {
                assigned_application_name: string | null;
                assigned_application_slug: string | null;
                assigned_backchannel_application_name: string | null;
                assigned_backchannel_application_slug: string | null;
                authentication_flow: string | null;
                authorization_flow: string | null;
                component: string;
                invalidation_flow: string | null;
                meta_model_name: string;
                name: string;
                pk: number;
                property_mappings: string[];
                verbose_name: string;
                verbose_name_plural: string;
              } | null;
              slug: string;
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
          slug: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            backchannel_providers?: number[];
            group?: string;
            meta_description?: string;
            meta_hide?: boolean;
            meta_icon?: string;
            meta_launch_url?: string;
            meta_publisher?: string;
            name: string;
            open_in_new_tab?: boolean;
            /** @enum {string} */
            policy_engine_mode?: 'all' | 'any';
            provider?: number | null;
            slug: string;
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
              backchannel_providers: number[];
              backchannel_providers_obj: {
                assigned_application_name: string | null;
                assigned_application_slug: string | null;
                assigned_backchannel_application_name: string | null;
                assigned_backchannel_application_slug: string | null;
                authentication_flow: string | null;
                authorization_flow: string | null;
                component: string;
                invalidation_flow: string | null;
                meta_model_name: string;
                name: string;
                pk: number;
                property_mappings: string[];
                verbose_name: string;
                verbose_name_plural: string;
              }[];
              group: string;
              launch_url: string | null;
              meta_description: string;
              meta_hide: boolean;
              meta_icon: string;
              meta_icon_themed_urls: {
                dark: string | null;
                light: string | null;
              } | null;
              meta_icon_url: string | null;
              meta_launch_url: string;
              meta_publisher: string;
              name: string;
              open_in_new_tab: boolean;
              pbm_uuid: string;
              pk: string;
              /** @enum {string} */
              policy_engine_mode: 'all' | 'any';
              provider: number | null;
              provider_obj: {
                assigned_application_name: string | null;
                assigned_application_slug: string | null;
                assigned_backchannel_application_name: string | null;
                assigned_backchannel_application_slug: string | null;
                authentication_flow: string | null;
                authorization_flow: string | null;
                component: string;
                invalidation_flow: string | null;
                meta_model_name: string;
                name: string;
                pk: number;
                property_mappings: string[];
                verbose_name: string;
                verbose_name_plural: string;
              } | null;
              slug: string;
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
          slug: string;
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
          slug: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            backchannel_providers?: number[];
            group?: string;
            meta_description?: string;
            meta_hide?: boolean;
            meta_icon?: string;
            meta_launch_url?: string;
            meta_publisher?: string;
            name?: string;
            open_in_new_tab?: boolean;
            /** @enum {string} */
            policy_engine_mode?: 'all' | 'any';
            provider?: number | null;
            slug?: string;
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
              backchannel_providers: number[];
              backchannel_providers_obj: {
                assigned_application_name: string | null;
                assigned_application_slug: string | null;
                assigned_backchannel_application_name: string | null;
                assigned_backchannel_application_slug: string | null;
                authentication_flow: string | null;
                authorization_flow: string | null;
                component: string;
                invalidation_flow: string | null;
                meta_model_name: string;
                name: string;
                pk: number;
                property_mappings: string[];
                verbose_name: string;
                verbose_name_plural: string;
              }[];
              group: string;
              launch_url: string | null;
              meta_description: string;
              meta_hide: boolean;
              meta_icon: string;
              meta_icon_themed_urls: {
                dark: string | null;
                light: string | null;
              } | null;
              meta_icon_url: string | null;
              meta_launch_url: string;
              meta_publisher: string;
              name: string;
              open_in_new_tab: boolean;
              pbm_uuid: string;
              pk: string;
              /** @enum {string} */
              policy_engine_mode: 'all' | 'any';
              provider: number | null;
              provider_obj: {
                assigned_application_name: string | null;
                assigned_application_slug: string | null;
                assigned_backchannel_application_name: string | null;
                assigned_backchannel_application_slug: string | null;
                authentication_flow: string | null;
                authorization_flow: string | null;
                component: string;
                invalidation_flow: string | null;
                meta_model_name: string;
                name: string;
                pk: number;
                property_mappings: string[];
                verbose_name: string;
                verbose_name_plural: string;
              } | null;
              slug: string;
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v3/core/applications/{slug}/used_by/': {
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

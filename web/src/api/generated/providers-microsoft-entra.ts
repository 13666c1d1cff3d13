/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/api/v3/providers/microsoft_entra/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          exclude_users_service_account?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          filter_group?: string;
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
                assigned_backchannel_application_name: string | null;
                assigned_backchannel_application_slug: string | null;
                client_certificate_expires: string | null;
                client_certificate_subject: string | null;
                client_certificate_thumbprint: string | null;
                client_certificate_thumbprint_sha256: string | null;
                client_id: string;
                /** @enum {string} */
                cloud: 'global' | 'usgov' | 'usgov_dod' | 'china' | 'custom';
                component: string;
                configuration_error: {
                  at: string;
                  message: string;
                } | null;
                /** @enum {string|null} */
                credential_type: 'client_secret' | 'client_certificate' | null;
                deletion_threshold: number;
                discovery_enabled: boolean;
                dry_run: boolean;
                exclude_users_service_account: boolean;
                filter_group: string | null;
                graph_url: string | null;
                /** @enum {string} */
                group_delete_action: 'do_nothing' | 'delete' | 'suspend';
                has_client_certificate: boolean;
                has_client_secret: boolean;
                login_url: string | null;
                meta_model_name: string;
                name: string;
                /** @enum {string} */
                out_of_scope_action: 'none' | 'suspend' | 'delete';
                pk: number;
                property_mappings: string[];
                property_mappings_group: string[];
                sync_interval_minutes: number;
                sync_page_size: number;
                sync_page_timeout: string;
                tenant_id: string;
                /** @enum {string} */
                user_delete_action: 'do_nothing' | 'delete' | 'suspend';
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
            client_certificate?: string;
            client_id: string;
            client_secret?: string;
            /** @enum {string} */
            cloud?: 'global' | 'usgov' | 'usgov_dod' | 'china' | 'custom';
            deletion_threshold?: number;
            discovery_enabled?: boolean;
            dry_run?: boolean;
            exclude_users_service_account?: boolean;
            /** Format: uuid */
            filter_group?: string | null;
            /** Format: uri */
            graph_url?: string | null;
            /** @enum {string} */
            group_delete_action?: 'do_nothing' | 'delete' | 'suspend';
            /** Format: uri */
            login_url?: string | null;
            name: string;
            /** @enum {string} */
            out_of_scope_action?: 'none' | 'suspend' | 'delete';
            property_mappings?: string[];
            property_mappings_group?: string[];
            sync_interval_minutes?: number;
            sync_page_size?: number;
            sync_page_timeout?: string;
            tenant_id: string;
            /** @enum {string} */
            user_delete_action?: 'do_nothing' | 'delete' | 'suspend';
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
              assigned_backchannel_application_name: string | null;
              assigned_backchannel_application_slug: string | null;
              client_certificate_expires: string | null;
              client_certificate_subject: string | null;
              client_certificate_thumbprint: string | null;
              client_certificate_thumbprint_sha256: string | null;
              client_id: string;
              /** @enum {string} */
              cloud: 'global' | 'usgov' | 'usgov_dod' | 'china' | 'custom';
              component: string;
              configuration_error: {
                at: string;
                message: string;
              } | null;
              /** @enum {string|null} */
              credential_type: 'client_secret' | 'client_certificate' | null;
              deletion_threshold: number;
              discovery_enabled: boolean;
              dry_run: boolean;
              exclude_users_service_account: boolean;
              filter_group: string | null;
              graph_url: string | null;
              /** @enum {string} */
              group_delete_action: 'do_nothing' | 'delete' | 'suspend';
              has_client_certificate: boolean;
              has_client_secret: boolean;
              login_url: string | null;
              meta_model_name: string;
              name: string;
              /** @enum {string} */
              out_of_scope_action: 'none' | 'suspend' | 'delete';
              pk: number;
              property_mappings: string[];
              property_mappings_group: string[];
              sync_interval_minutes: number;
              sync_page_size: number;
              sync_page_timeout: string;
              tenant_id: string;
              /** @enum {string} */
              user_delete_action: 'do_nothing' | 'delete' | 'suspend';
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
  '/api/v3/providers/microsoft_entra/{id}/': {
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
              assigned_backchannel_application_name: string | null;
              assigned_backchannel_application_slug: string | null;
              client_certificate_expires: string | null;
              client_certificate_subject: string | null;
              client_certificate_thumbprint: string | null;
              client_certificate_thumbprint_sha256: string | null;
              client_id: string;
              /** @enum {string} */
              cloud: 'global' | 'usgov' | 'usgov_dod' | 'china' | 'custom';
              component: string;
              configuration_error: {
                at: string;
                message: string;
              } | null;
              /** @enum {string|null} */
              credential_type: 'client_secret' | 'client_certificate' | null;
              deletion_threshold: number;
              discovery_enabled: boolean;
              dry_run: boolean;
              exclude_users_service_account: boolean;
              filter_group: string | null;
              graph_url: string | null;
              /** @enum {string} */
              group_delete_action: 'do_nothing' | 'delete' | 'suspend';
              has_client_certificate: boolean;
              has_client_secret: boolean;
              login_url: string | null;
              meta_model_name: string;
              name: string;
              /** @enum {string} */
              out_of_scope_action: 'none' | 'suspend' | 'delete';
              pk: number;
              property_mappings: string[];
              property_mappings_group: string[];
              sync_interval_minutes: number;
              sync_page_size: number;
              sync_page_timeout: string;
              tenant_id: string;
              /** @enum {string} */
              user_delete_action: 'do_nothing' | 'delete' | 'suspend';
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
          id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            client_certificate?: string;
            client_id: string;
            client_secret?: string;
            /** @enum {string} */
            cloud?: 'global' | 'usgov' | 'usgov_dod' | 'china' | 'custom';
            deletion_threshold?: number;
            discovery_enabled?: boolean;
            dry_run?: boolean;
            exclude_users_service_account?: boolean;
            /** Format: uuid */
            filter_group?: string | null;
            /** Format: uri */
            graph_url?: string | null;
            /** @enum {string} */
            group_delete_action?: 'do_nothing' | 'delete' | 'suspend';
            /** Format: uri */
            login_url?: string | null;
            name: string;
            /** @enum {string} */
            out_of_scope_action?: 'none' | 'suspend' | 'delete';
            property_mappings?: string[];
            property_mappings_group?: string[];
            sync_interval_minutes?: number;
            sync_page_size?: number;
            sync_page_timeout?: string;
            tenant_id: string;
            /** @enum {string} */
            user_delete_action?: 'do_nothing' | 'delete' | 'suspend';
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
              assigned_backchannel_application_name: string | null;
              assigned_backchannel_application_slug: string | null;
              client_certificate_expires: string | null;
              client_certificate_subject: string | null;
              client_certificate_thumbprint: string | null;
              client_certificate_thumbprint_sha256: string | null;
              client_id: string;
              /** @enum {string} */
              cloud: 'global' | 'usgov' | 'usgov_dod' | 'china' | 'custom';
              component: string;
              configuration_error: {
                at: string;
                message: string;
              } | null;
              /** @enum {string|null} */
              credential_type: 'client_secret' | 'client_certificate' | null;
              deletion_threshold: number;
              discovery_enabled: boolean;
              dry_run: boolean;
              exclude_users_service_account: boolean;
              filter_group: string | null;
              graph_url: string | null;
              /** @enum {string} */
              group_delete_action: 'do_nothing' | 'delete' | 'suspend';
              has_client_certificate: boolean;
              has_client_secret: boolean;
              login_url: string | null;
              meta_model_name: string;
              name: string;
              /** @enum {string} */
              out_of_scope_action: 'none' | 'suspend' | 'delete';
              pk: number;
              property_mappings: string[];
              property_mappings_group: string[];
              sync_interval_minutes: number;
              sync_page_size: number;
              sync_page_timeout: string;
              tenant_id: string;
              /** @enum {string} */
              user_delete_action: 'do_nothing' | 'delete' | 'suspend';
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
            client_certificate?: string;
            client_id?: string;
            client_secret?: string;
            /** @enum {string} */
            cloud?: 'global' | 'usgov' | 'usgov_dod' | 'china' | 'custom';
            deletion_threshold?: number;
            discovery_enabled?: boolean;
            dry_run?: boolean;
            exclude_users_service_account?: boolean;
            /** Format: uuid */
            filter_group?: string | null;
            /** Format: uri */
            graph_url?: string | null;
            /** @enum {string} */
            group_delete_action?: 'do_nothing' | 'delete' | 'suspend';
            /** Format: uri */
            login_url?: string | null;
            name?: string;
            /** @enum {string} */
            out_of_scope_action?: 'none' | 'suspend' | 'delete';
            property_mappings?: string[];
            property_mappings_group?: string[];
            sync_interval_minutes?: number;
            sync_page_size?: number;
            sync_page_timeout?: string;
            tenant_id?: string;
            /** @enum {string} */
            user_delete_action?: 'do_nothing' | 'delete' | 'suspend';
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
              assigned_backchannel_application_name: string | null;
              assigned_backchannel_application_slug: string | null;
              client_certificate_expires: string | null;
              client_certificate_subject: string | null;
              client_certificate_thumbprint: string | null;
              client_certificate_thumbprint_sha256: string | null;
              client_id: string;
              /** @enum {string} */
              cloud: 'global' | 'usgov' | 'usgov_dod' | 'china' | 'custom';
              component: string;
              configuration_error: {
                at: string;
                message: string;
              } | null;
              /** @enum {string|null} */
              credential_type: 'client_secret' | 'client_certificate' | null;
              deletion_threshold: number;
              discovery_enabled: boolean;
              dry_run: boolean;
              exclude_users_service_account: boolean;
              filter_group: string | null;
              graph_url: string | null;
              /** @enum {string} */
              group_delete_action: 'do_nothing' | 'delete' | 'suspend';
              has_client_certificate: boolean;
              has_client_secret: boolean;
              login_url: string | null;
              meta_model_name: string;
              name: string;
              /** @enum {string} */
              out_of_scope_action: 'none' | 'suspend' | 'delete';
              pk: number;
              property_mappings: string[];
              property_mappings_group: string[];
              sync_interval_minutes: number;
              sync_page_size: number;
              sync_page_timeout: string;
              tenant_id: string;
              /** @enum {string} */
              user_delete_action: 'do_nothing' | 'delete' | 'suspend';
              verbose_name: string;
              verbose_name_plural: string;
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

/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/api/v3/sources/ldap/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          base_dn?: string;
          bind_cn?: string;
          delete_not_found_objects?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          enabled?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          lookup_groups_from_user?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          name?: string;
          object_uniqueness_field?: string;
          ordering?: string;
          page?: number;
          page_size?: number;
          pbm_uuid?: string;
          search?: string;
          server_uri?: string;
          slug?: string;
          sni?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          start_tls?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          sync_group_hierarchy?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          sync_groups?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          sync_users?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
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
                additional_group_dn: string;
                additional_user_dn: string;
                authentication_flow: string | null;
                base_dn: string;
                bind_cn: string;
                client_certificate: string | null;
                component: string;
                connectivity: {
                  [key: string]: {
                    [key: string]: string;
                  };
                } | null;
                delete_not_found_objects: boolean;
                deletion_limit_percent: number;
                enabled: boolean;
                enrollment_flow: string | null;
                group_membership_field: string;
                group_object_filter: string;
                group_property_mappings: string[];
                has_bind_password: boolean;
                icon: string;
                /** @enum {string|null} */
                icon_themed_urls: null;
                icon_url: string;
                lookup_groups_from_user: boolean;
                managed: string | null;
                meta_model_name: string;
                name: string;
                object_uniqueness_field: string;
                password_login_update_internal_password: boolean;
                peer_certificate: string | null;
                peer_certificate_pem: string | null;
                pk: string;
                /** @enum {string} */
                policy_engine_mode: 'all' | 'any';
                promoted: boolean;
                server_uri: string;
                slug: string;
                sni: boolean;
                start_tls: boolean;
                sync_group_hierarchy: boolean;
                sync_groups: boolean;
                sync_interval_minutes: number;
                sync_outgoing_trigger_mode: string;
                sync_page_size: number;
                sync_parent_group: string | null;
                sync_users: boolean;
                sync_users_password: boolean;
                user_matching_mode: string;
                user_membership_attribute: string;
                user_object_filter: string;
                user_path_template: string;
                user_property_mappings: string[];
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
            additional_group_dn?: string;
            additional_user_dn?: string;
            /** @enum {string|null} */
            authentication_flow?: null;
            base_dn: string;
            bind_cn?: string;
            bind_password?: string;
            /** @enum {string|null} */
            client_certificate?: null;
            delete_not_found_objects?: boolean;
            deletion_limit_percent?: number;
            enabled?: boolean;
            /** @enum {string|null} */
            enrollment_flow?: null;
            group_membership_field?: string;
            group_object_filter?: string;
            group_property_mappings?: string[];
            icon?: string;
            lookup_groups_from_user?: boolean;
            name: string;
            object_uniqueness_field?: string;
            password_login_update_internal_password?: boolean;
            /** Format: uuid */
            peer_certificate?: string | null;
            peer_certificate_pem?: string | null;
            /** @enum {string} */
            policy_engine_mode?: 'all' | 'any';
            promoted?: boolean;
            server_uri: string;
            slug: string;
            sni?: boolean;
            start_tls?: boolean;
            sync_group_hierarchy?: boolean;
            sync_groups?: boolean;
            sync_interval_minutes?: number;
            /** @enum {string} */
            sync_outgoing_trigger_mode?: 'none' | 'immediate' | 'deferred_end';
            sync_page_size?: number;
            /** Format: uuid */
            sync_parent_group?: string | null;
            sync_users?: boolean;
            sync_users_password?: boolean;
            /** @enum {string} */
            user_matching_mode?:
              | 'identifier'
              | 'email_link'
              | 'email_deny'
              | 'username_link'
              | 'username_deny';
            user_membership_attribute?: string;
            user_object_filter?: string;
            user_path_template?: string;
            user_property_mappings?: string[];
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
              additional_group_dn: string;
              additional_user_dn: string;
              authentication_flow: string | null;
              base_dn: string;
              bind_cn: string;
              client_certificate: string | null;
              component: string;
              connectivity: {
                [key: string]: {
                  [key: string]: string;
                };
              } | null;
              delete_not_found_objects: boolean;
              deletion_limit_percent: number;
              enabled: boolean;
              enrollment_flow: string | null;
              group_membership_field: string;
              group_object_filter: string;
              group_property_mappings: string[];
              has_bind_password: boolean;
              icon: string;
              /** @enum {string|null} */
              icon_themed_urls: null;
              icon_url: string;
              lookup_groups_from_user: boolean;
              managed: string | null;
              meta_model_name: string;
              name: string;
              object_uniqueness_field: string;
              password_login_update_internal_password: boolean;
              peer_certificate: string | null;
              peer_certificate_pem: string | null;
              pk: string;
              /** @enum {string} */
              policy_engine_mode: 'all' | 'any';
              promoted: boolean;
              server_uri: string;
              slug: string;
              sni: boolean;
              start_tls: boolean;
              sync_group_hierarchy: boolean;
              sync_groups: boolean;
              sync_interval_minutes: number;
              sync_outgoing_trigger_mode: string;
              sync_page_size: number;
              sync_parent_group: string | null;
              sync_users: boolean;
              sync_users_password: boolean;
              user_matching_mode: string;
              user_membership_attribute: string;
              user_object_filter: string;
              user_path_template: string;
              user_property_mappings: string[];
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

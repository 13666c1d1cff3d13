/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */
export interface paths {
  '/-/health/live/': {
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
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/-/health/ready/': {
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
        /** @description No content */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': null;
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              detail: string;
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
  '/api/v3/conduit/jobs/': {
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
              counts: {
                dead: number;
                pending: number;
                running: number;
              };
              /** @enum {string|null} */
              kind: 'sqlite' | 'graphile-worker' | null;
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
  '/api/v3/conduit/jobs/{id}/retry/': {
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
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
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
  '/api/v3/conduit/jobs/dead/': {
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
              attempts: number;
              created: string;
              id: string;
              last_error: string | null;
              object: {
                name: string | null;
                pk: number | null;
                /** @enum {string} */
                type: 'user' | 'group';
                uuid?: string;
              } | null;
              payload: {
                [key: string]: unknown;
              };
              provider: {
                name: string | null;
                pk: number;
              } | null;
              queue_name: string | null;
              summary: string;
              task: string;
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
  '/api/v3/conduit/provider_defaults/': {
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
              /** @enum {string} */
              cloud: 'global' | 'usgov' | 'usgov_dod' | 'china' | 'custom';
              demo_tenant?: {
                client_id: string;
                client_secret: string;
                domain: string;
                tenant_id: string;
              } | null;
              graph_url: string | null;
              login_url: string | null;
              settings: {
                default_usage_location: string | null;
                delete_adopted_objects: boolean;
                deletion_threshold: number;
                discovery_enabled: boolean;
                dry_run: boolean;
                exclude_users_service_account: boolean;
                /** @enum {string} */
                external_users: 'skip' | 'invite';
                filter_group_include_children: boolean;
                /** @enum {string} */
                group_delete_action: 'do_nothing' | 'delete' | 'suspend';
                group_filters: string[];
                group_filters_include_children: boolean;
                /** @enum {string} */
                group_nesting: 'direct' | 'nested' | 'flatten';
                held_changes_threshold: number;
                held_changes_threshold_percent: number;
                held_changes_window_minutes: number;
                invite_redirect_url: string | null;
                /** @enum {string} */
                out_of_scope_action: 'none' | 'suspend' | 'delete';
                paused: boolean;
                protected_group: string | null;
                send_invitation_message: boolean;
                suspend_then_delete_after_days: number | null;
                sync_interval_minutes: number;
                sync_page_size: number;
                sync_page_timeout: string;
                sync_schedule: string | null;
                /** @enum {string} */
                user_delete_action: 'do_nothing' | 'delete' | 'suspend';
                user_scoping_rules: {
                  clauses: {
                    attribute: string;
                    /** @enum {string} */
                    operator:
                      | 'equals'
                      | 'not_equals'
                      | 'starts_with'
                      | 'ends_with'
                      | 'contains'
                      | 'matches'
                      | 'in'
                      | 'is_empty'
                      | 'is_not_empty';
                    value?: string | string[];
                  }[];
                }[];
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
  '/api/v3/conduit/session/': {
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
              csrf_token: string;
              user: {
                name: string;
                pk: number;
                username: string;
              };
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
            password: string;
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
              csrf_token: string;
              user: {
                name: string;
                pk: number;
                username: string;
              };
            };
          };
        };
      };
    };
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
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
    patch?: never;
    trace?: never;
  };
  '/api/v3/conduit/sources/ldap/presets/': {
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
              [key: string]: {
                group_property_mappings: string[];
                label: string;
                settings: {
                  group_membership_field: string;
                  group_object_filter: string;
                  lookup_groups_from_user: boolean;
                  object_uniqueness_field: string;
                  user_membership_attribute: string;
                  user_object_filter: string;
                };
                user_property_mappings: string[];
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
  '/api/v3/core/applications/': {
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
          meta_description?: string;
          meta_launch_url?: string;
          meta_publisher?: string;
          name?: string;
          ordering?: string;
          page?: number;
          page_size?: number;
          search?: string;
          slug?: string;
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
        201: {
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
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
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
  '/api/v3/core/groups/{group_uuid}/add_user/': {
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
          group_uuid: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            pk: number;
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
  '/api/v3/core/groups/{group_uuid}/remove_user/': {
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
          group_uuid: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            pk: number;
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
  '/api/v3/core/groups/{group_uuid}/used_by/': {
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
  '/api/v3/core/tokens/{identifier}/set_key/': {
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
          identifier: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            key: string;
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
  '/api/v3/core/tokens/{identifier}/used_by/': {
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
  '/api/v3/core/tokens/{identifier}/view_key/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Conduit stores token keys hashed, so a key cannot be shown after the token is created: answers 400. */
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
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              code: string;
              non_field_errors: string[];
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
  '/api/v3/events/events/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          action?: string;
          actions?: string | string[];
          client_ip?: string;
          context_model_app?: string;
          context_model_name?: string;
          context_model_pk?: string;
          ordering?: string;
          page?: number;
          page_size?: number;
          search?: string;
          username?: string;
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
                action: string;
                app: string;
                brand: {
                  [key: string]: unknown;
                };
                client_ip: string | null;
                context: {
                  [key: string]: unknown;
                };
                created: string;
                expires: string;
                last_seen: string | null;
                pk: string;
                repeat_count: number;
                user: {
                  [key: string]: unknown;
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
  '/api/v3/events/events/{event_uuid}/': {
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
          event_uuid: string;
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
              action: string;
              app: string;
              brand: {
                [key: string]: unknown;
              };
              client_ip: string | null;
              context: {
                [key: string]: unknown;
              };
              created: string;
              expires: string;
              last_seen: string | null;
              pk: string;
              repeat_count: number;
              user: {
                [key: string]: unknown;
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
  '/api/v3/events/events/actions/': {
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
              component: string;
              deprecated: boolean;
              description: string;
              icon_url?: string;
              model_name: string;
              name: string;
              requires_enterprise: boolean;
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
  '/api/v3/propertymappings/all/{pm_uuid}/test/': {
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
        query?: {
          format_result?: string;
        };
        header?: never;
        path: {
          pm_uuid: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            context?: {
              [key: string]: unknown;
            };
            /** Format: uuid */
            group?: string | null;
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
              result: string;
              successful: boolean;
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
  '/api/v3/propertymappings/source/ldap/': {
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
            /** @enum {string|null} */
            managed?: null;
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
  '/api/v3/propertymappings/source/ldap/{pm_uuid}/': {
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
            /** @enum {string|null} */
            managed?: null;
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
            /** @enum {string|null} */
            managed?: null;
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
  '/api/v3/propertymappings/source/ldap/preview/': {
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
            dn?: string;
            expression?: string;
            /** @enum {string} */
            kind: 'user' | 'group';
            source: string;
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
                [key: string]: string[];
              };
              dn: string;
              error: {
                line: number | null;
                mapping: string | null;
                message: string;
              } | null;
              logs: {
                level: string;
                mapping: string;
                message: string;
              }[];
              result: {
                [key: string]: unknown;
              } | null;
              /** @enum {string} */
              status: 'ok' | 'skip' | 'error';
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
  '/api/v3/providers/all/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          application__isnull?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          backchannel?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
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
  '/api/v3/providers/all/{id}/': {
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
  '/api/v3/providers/all/types/': {
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
              component: string;
              deprecated: boolean;
              description: string;
              icon_url?: string;
              model_name: string;
              name: string;
              requires_enterprise: boolean;
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
  '/api/v3/providers/microsoft_entra_groups/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          group__group_uuid?: string;
          group__name?: string;
          ordering?: string;
          page?: number;
          page_size?: number;
          provider__id?: number;
          search?: string;
          state?: 'synced' | 'pending' | 'error' | 'skipped';
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
                group: string;
                group_obj: {
                  attributes: {
                    [key: string]: unknown;
                  };
                  is_superuser: boolean;
                  name: string;
                  num_pk: number;
                  pk: string;
                } | null;
                id: string;
                last_error: string | null;
                last_request_id: string | null;
                last_synced_at: string | null;
                microsoft_id: string;
                provider: number;
                /** @enum {string} */
                state: 'synced' | 'pending' | 'error' | 'skipped';
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
            /** Format: uuid */
            group: string;
            microsoft_id: string;
            provider: number;
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
              group: string;
              group_obj: {
                attributes: {
                  [key: string]: unknown;
                };
                is_superuser: boolean;
                name: string;
                num_pk: number;
                pk: string;
              } | null;
              id: string;
              last_error: string | null;
              last_request_id: string | null;
              last_synced_at: string | null;
              microsoft_id: string;
              provider: number;
              /** @enum {string} */
              state: 'synced' | 'pending' | 'error' | 'skipped';
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
  '/api/v3/providers/microsoft_entra_groups/{id}/': {
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
          id: string;
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
              group: string;
              group_obj: {
                attributes: {
                  [key: string]: unknown;
                };
                is_superuser: boolean;
                name: string;
                num_pk: number;
                pk: string;
              } | null;
              id: string;
              last_error: string | null;
              last_request_id: string | null;
              last_synced_at: string | null;
              microsoft_id: string;
              provider: number;
              /** @enum {string} */
              state: 'synced' | 'pending' | 'error' | 'skipped';
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
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
    patch?: never;
    trace?: never;
  };
  '/api/v3/providers/microsoft_entra_groups/{id}/used_by/': {
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
          id: string;
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
  '/api/v3/providers/microsoft_entra_users/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          ordering?: string;
          page?: number;
          page_size?: number;
          provider__id?: number;
          search?: string;
          state?: 'synced' | 'pending' | 'error' | 'skipped';
          user__id?: number;
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
                attributes: {
                  [key: string]: unknown;
                };
                id: string;
                last_error: string | null;
                last_request_id: string | null;
                last_synced_at: string | null;
                microsoft_id: string;
                provider: number;
                /** @enum {string} */
                state: 'synced' | 'pending' | 'error' | 'skipped';
                user: number;
                user_obj: {
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
                } | null;
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
            microsoft_id: string;
            provider: number;
            user: number;
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
              id: string;
              last_error: string | null;
              last_request_id: string | null;
              last_synced_at: string | null;
              microsoft_id: string;
              provider: number;
              /** @enum {string} */
              state: 'synced' | 'pending' | 'error' | 'skipped';
              user: number;
              user_obj: {
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
              } | null;
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
  '/api/v3/providers/microsoft_entra_users/{id}/': {
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
          id: string;
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
              id: string;
              last_error: string | null;
              last_request_id: string | null;
              last_synced_at: string | null;
              microsoft_id: string;
              provider: number;
              /** @enum {string} */
              state: 'synced' | 'pending' | 'error' | 'skipped';
              user: number;
              user_obj: {
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
              } | null;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
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
    patch?: never;
    trace?: never;
  };
  '/api/v3/providers/microsoft_entra_users/{id}/used_by/': {
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
          id: string;
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
                default_usage_location: string | null;
                delete_adopted_objects: boolean;
                deletion_threshold: number;
                discovery_enabled: boolean;
                dry_run: boolean;
                exclude_users_service_account: boolean;
                /** @enum {string} */
                external_users: 'skip' | 'invite';
                filter_group: string | null;
                filter_group_include_children: boolean;
                graph_url: string | null;
                /** @enum {string} */
                group_delete_action: 'do_nothing' | 'delete' | 'suspend';
                group_filters: string[];
                group_filters_include_children: boolean;
                /** @enum {string} */
                group_nesting: 'direct' | 'nested' | 'flatten';
                has_client_certificate: boolean;
                has_client_secret: boolean;
                held_changes_threshold: number;
                held_changes_threshold_percent: number;
                held_changes_window_minutes: number;
                invite_redirect_url: string | null;
                login_url: string | null;
                meta_model_name: string;
                name: string;
                /** @enum {string} */
                out_of_scope_action: 'none' | 'suspend' | 'delete';
                paused: boolean;
                pk: number;
                property_mappings: string[];
                property_mappings_group: string[];
                protected_group: string | null;
                send_invitation_message: boolean;
                suspend_then_delete_after_days: number | null;
                sync_interval_minutes: number;
                sync_page_size: number;
                sync_page_timeout: string;
                sync_schedule: string | null;
                tenant_id: string;
                /** @enum {string} */
                user_delete_action: 'do_nothing' | 'delete' | 'suspend';
                user_scoping_rules: {
                  clauses: {
                    attribute: string;
                    /** @enum {string} */
                    operator:
                      | 'equals'
                      | 'not_equals'
                      | 'starts_with'
                      | 'ends_with'
                      | 'contains'
                      | 'matches'
                      | 'in'
                      | 'is_empty'
                      | 'is_not_empty';
                    value?: string | string[];
                  }[];
                }[];
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
            default_usage_location?: string | null;
            delete_adopted_objects?: boolean;
            deletion_threshold?: number;
            discovery_enabled?: boolean;
            dry_run?: boolean;
            exclude_users_service_account?: boolean;
            /** @enum {string} */
            external_users?: 'skip' | 'invite';
            /** Format: uuid */
            filter_group?: string | null;
            filter_group_include_children?: boolean;
            /** Format: uri */
            graph_url?: string | null;
            /** @enum {string} */
            group_delete_action?: 'do_nothing' | 'delete' | 'suspend';
            group_filters?: string[];
            group_filters_include_children?: boolean;
            /** @enum {string} */
            group_nesting?: 'direct' | 'nested' | 'flatten';
            held_changes_threshold?: number;
            held_changes_threshold_percent?: number;
            held_changes_window_minutes?: number;
            /** Format: uri */
            invite_redirect_url?: string | null;
            /** Format: uri */
            login_url?: string | null;
            name: string;
            /** @enum {string} */
            out_of_scope_action?: 'none' | 'suspend' | 'delete';
            paused?: boolean;
            property_mappings?: string[];
            property_mappings_group?: string[];
            /** Format: uuid */
            protected_group?: string | null;
            send_invitation_message?: boolean;
            suspend_then_delete_after_days?: number | null;
            sync_interval_minutes?: number;
            sync_page_size?: number;
            sync_page_timeout?: string;
            sync_schedule?: string | null;
            tenant_id: string;
            /** @enum {string} */
            user_delete_action?: 'do_nothing' | 'delete' | 'suspend';
            user_scoping_rules?: {
              clauses: {
                attribute: string;
                /** @enum {string} */
                operator:
                  | 'equals'
                  | 'not_equals'
                  | 'starts_with'
                  | 'ends_with'
                  | 'contains'
                  | 'matches'
                  | 'in'
                  | 'is_empty'
                  | 'is_not_empty';
                value?: string | string[];
              }[];
            }[];
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
              default_usage_location: string | null;
              delete_adopted_objects: boolean;
              deletion_threshold: number;
              discovery_enabled: boolean;
              dry_run: boolean;
              exclude_users_service_account: boolean;
              /** @enum {string} */
              external_users: 'skip' | 'invite';
              filter_group: string | null;
              filter_group_include_children: boolean;
              graph_url: string | null;
              /** @enum {string} */
              group_delete_action: 'do_nothing' | 'delete' | 'suspend';
              group_filters: string[];
              group_filters_include_children: boolean;
              /** @enum {string} */
              group_nesting: 'direct' | 'nested' | 'flatten';
              has_client_certificate: boolean;
              has_client_secret: boolean;
              held_changes_threshold: number;
              held_changes_threshold_percent: number;
              held_changes_window_minutes: number;
              invite_redirect_url: string | null;
              login_url: string | null;
              meta_model_name: string;
              name: string;
              /** @enum {string} */
              out_of_scope_action: 'none' | 'suspend' | 'delete';
              paused: boolean;
              pk: number;
              property_mappings: string[];
              property_mappings_group: string[];
              protected_group: string | null;
              send_invitation_message: boolean;
              suspend_then_delete_after_days: number | null;
              sync_interval_minutes: number;
              sync_page_size: number;
              sync_page_timeout: string;
              sync_schedule: string | null;
              tenant_id: string;
              /** @enum {string} */
              user_delete_action: 'do_nothing' | 'delete' | 'suspend';
              user_scoping_rules: {
                clauses: {
                  attribute: string;
                  /** @enum {string} */
                  operator:
                    | 'equals'
                    | 'not_equals'
                    | 'starts_with'
                    | 'ends_with'
                    | 'contains'
                    | 'matches'
                    | 'in'
                    | 'is_empty'
                    | 'is_not_empty';
                  value?: string | string[];
                }[];
              }[];
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
              default_usage_location: string | null;
              delete_adopted_objects: boolean;
              deletion_threshold: number;
              discovery_enabled: boolean;
              dry_run: boolean;
              exclude_users_service_account: boolean;
              /** @enum {string} */
              external_users: 'skip' | 'invite';
              filter_group: string | null;
              filter_group_include_children: boolean;
              graph_url: string | null;
              /** @enum {string} */
              group_delete_action: 'do_nothing' | 'delete' | 'suspend';
              group_filters: string[];
              group_filters_include_children: boolean;
              /** @enum {string} */
              group_nesting: 'direct' | 'nested' | 'flatten';
              has_client_certificate: boolean;
              has_client_secret: boolean;
              held_changes_threshold: number;
              held_changes_threshold_percent: number;
              held_changes_window_minutes: number;
              invite_redirect_url: string | null;
              login_url: string | null;
              meta_model_name: string;
              name: string;
              /** @enum {string} */
              out_of_scope_action: 'none' | 'suspend' | 'delete';
              paused: boolean;
              pk: number;
              property_mappings: string[];
              property_mappings_group: string[];
              protected_group: string | null;
              send_invitation_message: boolean;
              suspend_then_delete_after_days: number | null;
              sync_interval_minutes: number;
              sync_page_size: number;
              sync_page_timeout: string;
              sync_schedule: string | null;
              tenant_id: string;
              /** @enum {string} */
              user_delete_action: 'do_nothing' | 'delete' | 'suspend';
              user_scoping_rules: {
                clauses: {
                  attribute: string;
                  /** @enum {string} */
                  operator:
                    | 'equals'
                    | 'not_equals'
                    | 'starts_with'
                    | 'ends_with'
                    | 'contains'
                    | 'matches'
                    | 'in'
                    | 'is_empty'
                    | 'is_not_empty';
                  value?: string | string[];
                }[];
              }[];
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
            default_usage_location?: string | null;
            delete_adopted_objects?: boolean;
            deletion_threshold?: number;
            discovery_enabled?: boolean;
            dry_run?: boolean;
            exclude_users_service_account?: boolean;
            /** @enum {string} */
            external_users?: 'skip' | 'invite';
            /** Format: uuid */
            filter_group?: string | null;
            filter_group_include_children?: boolean;
            /** Format: uri */
            graph_url?: string | null;
            /** @enum {string} */
            group_delete_action?: 'do_nothing' | 'delete' | 'suspend';
            group_filters?: string[];
            group_filters_include_children?: boolean;
            /** @enum {string} */
            group_nesting?: 'direct' | 'nested' | 'flatten';
            held_changes_threshold?: number;
            held_changes_threshold_percent?: number;
            held_changes_window_minutes?: number;
            /** Format: uri */
            invite_redirect_url?: string | null;
            /** Format: uri */
            login_url?: string | null;
            name: string;
            /** @enum {string} */
            out_of_scope_action?: 'none' | 'suspend' | 'delete';
            paused?: boolean;
            property_mappings?: string[];
            property_mappings_group?: string[];
            /** Format: uuid */
            protected_group?: string | null;
            send_invitation_message?: boolean;
            suspend_then_delete_after_days?: number | null;
            sync_interval_minutes?: number;
            sync_page_size?: number;
            sync_page_timeout?: string;
            sync_schedule?: string | null;
            tenant_id: string;
            /** @enum {string} */
            user_delete_action?: 'do_nothing' | 'delete' | 'suspend';
            user_scoping_rules?: {
              clauses: {
                attribute: string;
                /** @enum {string} */
                operator:
                  | 'equals'
                  | 'not_equals'
                  | 'starts_with'
                  | 'ends_with'
                  | 'contains'
                  | 'matches'
                  | 'in'
                  | 'is_empty'
                  | 'is_not_empty';
                value?: string | string[];
              }[];
            }[];
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
              default_usage_location: string | null;
              delete_adopted_objects: boolean;
              deletion_threshold: number;
              discovery_enabled: boolean;
              dry_run: boolean;
              exclude_users_service_account: boolean;
              /** @enum {string} */
              external_users: 'skip' | 'invite';
              filter_group: string | null;
              filter_group_include_children: boolean;
              graph_url: string | null;
              /** @enum {string} */
              group_delete_action: 'do_nothing' | 'delete' | 'suspend';
              group_filters: string[];
              group_filters_include_children: boolean;
              /** @enum {string} */
              group_nesting: 'direct' | 'nested' | 'flatten';
              has_client_certificate: boolean;
              has_client_secret: boolean;
              held_changes_threshold: number;
              held_changes_threshold_percent: number;
              held_changes_window_minutes: number;
              invite_redirect_url: string | null;
              login_url: string | null;
              meta_model_name: string;
              name: string;
              /** @enum {string} */
              out_of_scope_action: 'none' | 'suspend' | 'delete';
              paused: boolean;
              pk: number;
              property_mappings: string[];
              property_mappings_group: string[];
              protected_group: string | null;
              send_invitation_message: boolean;
              suspend_then_delete_after_days: number | null;
              sync_interval_minutes: number;
              sync_page_size: number;
              sync_page_timeout: string;
              sync_schedule: string | null;
              tenant_id: string;
              /** @enum {string} */
              user_delete_action: 'do_nothing' | 'delete' | 'suspend';
              user_scoping_rules: {
                clauses: {
                  attribute: string;
                  /** @enum {string} */
                  operator:
                    | 'equals'
                    | 'not_equals'
                    | 'starts_with'
                    | 'ends_with'
                    | 'contains'
                    | 'matches'
                    | 'in'
                    | 'is_empty'
                    | 'is_not_empty';
                  value?: string | string[];
                }[];
              }[];
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
            default_usage_location?: string | null;
            delete_adopted_objects?: boolean;
            deletion_threshold?: number;
            discovery_enabled?: boolean;
            dry_run?: boolean;
            exclude_users_service_account?: boolean;
            /** @enum {string} */
            external_users?: 'skip' | 'invite';
            /** Format: uuid */
            filter_group?: string | null;
            filter_group_include_children?: boolean;
            /** Format: uri */
            graph_url?: string | null;
            /** @enum {string} */
            group_delete_action?: 'do_nothing' | 'delete' | 'suspend';
            group_filters?: string[];
            group_filters_include_children?: boolean;
            /** @enum {string} */
            group_nesting?: 'direct' | 'nested' | 'flatten';
            held_changes_threshold?: number;
            held_changes_threshold_percent?: number;
            held_changes_window_minutes?: number;
            /** Format: uri */
            invite_redirect_url?: string | null;
            /** Format: uri */
            login_url?: string | null;
            name?: string;
            /** @enum {string} */
            out_of_scope_action?: 'none' | 'suspend' | 'delete';
            paused?: boolean;
            property_mappings?: string[];
            property_mappings_group?: string[];
            /** Format: uuid */
            protected_group?: string | null;
            send_invitation_message?: boolean;
            suspend_then_delete_after_days?: number | null;
            sync_interval_minutes?: number;
            sync_page_size?: number;
            sync_page_timeout?: string;
            sync_schedule?: string | null;
            tenant_id?: string;
            /** @enum {string} */
            user_delete_action?: 'do_nothing' | 'delete' | 'suspend';
            user_scoping_rules?: {
              clauses: {
                attribute: string;
                /** @enum {string} */
                operator:
                  | 'equals'
                  | 'not_equals'
                  | 'starts_with'
                  | 'ends_with'
                  | 'contains'
                  | 'matches'
                  | 'in'
                  | 'is_empty'
                  | 'is_not_empty';
                value?: string | string[];
              }[];
            }[];
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
              default_usage_location: string | null;
              delete_adopted_objects: boolean;
              deletion_threshold: number;
              discovery_enabled: boolean;
              dry_run: boolean;
              exclude_users_service_account: boolean;
              /** @enum {string} */
              external_users: 'skip' | 'invite';
              filter_group: string | null;
              filter_group_include_children: boolean;
              graph_url: string | null;
              /** @enum {string} */
              group_delete_action: 'do_nothing' | 'delete' | 'suspend';
              group_filters: string[];
              group_filters_include_children: boolean;
              /** @enum {string} */
              group_nesting: 'direct' | 'nested' | 'flatten';
              has_client_certificate: boolean;
              has_client_secret: boolean;
              held_changes_threshold: number;
              held_changes_threshold_percent: number;
              held_changes_window_minutes: number;
              invite_redirect_url: string | null;
              login_url: string | null;
              meta_model_name: string;
              name: string;
              /** @enum {string} */
              out_of_scope_action: 'none' | 'suspend' | 'delete';
              paused: boolean;
              pk: number;
              property_mappings: string[];
              property_mappings_group: string[];
              protected_group: string | null;
              send_invitation_message: boolean;
              suspend_then_delete_after_days: number | null;
              sync_interval_minutes: number;
              sync_page_size: number;
              sync_page_timeout: string;
              sync_schedule: string | null;
              tenant_id: string;
              /** @enum {string} */
              user_delete_action: 'do_nothing' | 'delete' | 'suspend';
              user_scoping_rules: {
                clauses: {
                  attribute: string;
                  /** @enum {string} */
                  operator:
                    | 'equals'
                    | 'not_equals'
                    | 'starts_with'
                    | 'ends_with'
                    | 'contains'
                    | 'matches'
                    | 'in'
                    | 'is_empty'
                    | 'is_not_empty';
                  value?: string | string[];
                }[];
              }[];
              verbose_name: string;
              verbose_name_plural: string;
            };
          };
        };
      };
    };
    trace?: never;
  };
  '/api/v3/providers/microsoft_entra/{id}/sync/full/': {
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
            /** @default false */
            confirm_deletions?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
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
  '/api/v3/providers/microsoft_entra/{id}/sync/held_deletions/': {
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
              count: number;
              results: {
                action: string;
                held_at: string;
                id: string;
                object: string;
                /** @enum {string} */
                object_type: 'user' | 'group';
                remote_id: string;
              }[];
              threshold: number;
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
  '/api/v3/providers/microsoft_entra/{id}/sync/held_deletions/confirm/': {
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
      requestBody?: never;
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              confirmed: number;
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
  '/api/v3/providers/microsoft_entra/{id}/sync/held_deletions/discard/': {
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
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              discarded: number;
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
  '/api/v3/providers/microsoft_entra/{id}/sync/object/': {
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
            /** @default false */
            override_dry_run?: boolean;
            sync_object_id: string;
            /** @enum {string} */
            sync_object_model: 'authentik.core.models.User' | 'authentik.core.models.Group';
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
              messages: {
                attributes: {
                  [key: string]: unknown;
                };
                event: string;
                /** @enum {string} */
                log_level:
                  | 'critical'
                  | 'exception'
                  | 'error'
                  | 'warn'
                  | 'warning'
                  | 'info'
                  | 'debug'
                  | 'notset';
                logger: string;
                timestamp: string;
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
  '/api/v3/providers/microsoft_entra/{id}/sync/plan/': {
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
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              results: {
                created: string;
                detail: unknown;
                graph_request_id: string | null;
                id: string;
                message: string | null;
                object_id: number | null;
                /** @enum {string} */
                object_type: 'user' | 'group';
                /** @enum {string} */
                operation:
                  | 'create'
                  | 'update'
                  | 'delete'
                  | 'suspend'
                  | 'link'
                  | 'recreate'
                  | 'skip'
                  | 'plan'
                  | 'unlink'
                  | 'add_members'
                  | 'remove_members'
                  | 'read_members'
                  | 'sync';
                remote_id: string | null;
                run: string | null;
                /** @enum {string} */
                status:
                  | 'ok'
                  | 'error'
                  | 'skipped'
                  | 'dry_run'
                  | 'unchanged'
                  | 'held'
                  | 'confirmed'
                  | 'discarded'
                  | 'sending';
              }[];
              run: {
                counts: {
                  [key: string]: number;
                };
                done: number;
                dry_run: boolean;
                error: string | null;
                finished_at: string | null;
                id: string;
                /** @enum {string} */
                kind: 'full' | 'direct' | 'object';
                phase: string | null;
                started_at: string;
                /** @enum {string} */
                status: 'running' | 'done' | 'warning' | 'error' | 'cancelled';
                total: number;
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
  '/api/v3/providers/microsoft_entra/{id}/sync/results/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          object_id?: number;
          object_type?: 'user' | 'group';
          page?: number;
          page_size?: number;
          status?:
            | 'ok'
            | 'error'
            | 'skipped'
            | 'dry_run'
            | 'unchanged'
            | 'held'
            | 'confirmed'
            | 'discarded'
            | 'sending';
        };
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
                detail: unknown;
                graph_request_id: string | null;
                id: string;
                message: string | null;
                object_id: number | null;
                /** @enum {string} */
                object_type: 'user' | 'group';
                /** @enum {string} */
                operation:
                  | 'create'
                  | 'update'
                  | 'delete'
                  | 'suspend'
                  | 'link'
                  | 'recreate'
                  | 'skip'
                  | 'plan'
                  | 'unlink'
                  | 'add_members'
                  | 'remove_members'
                  | 'read_members'
                  | 'sync';
                remote_id: string | null;
                run: string | null;
                /** @enum {string} */
                status:
                  | 'ok'
                  | 'error'
                  | 'skipped'
                  | 'dry_run'
                  | 'unchanged'
                  | 'held'
                  | 'confirmed'
                  | 'discarded'
                  | 'sending';
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
  '/api/v3/providers/microsoft_entra/{id}/sync/runs/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          page?: number;
          page_size?: number;
        };
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
                counts: {
                  [key: string]: number;
                };
                done: number;
                dry_run: boolean;
                error: string | null;
                finished_at: string | null;
                id: string;
                /** @enum {string} */
                kind: 'full' | 'direct' | 'object';
                phase: string | null;
                started_at: string;
                /** @enum {string} */
                status: 'running' | 'done' | 'warning' | 'error' | 'cancelled';
                total: number;
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
  '/api/v3/providers/microsoft_entra/{id}/sync/runs/{run}/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          page?: number;
          page_size?: number;
          status?:
            | 'ok'
            | 'error'
            | 'skipped'
            | 'dry_run'
            | 'unchanged'
            | 'held'
            | 'confirmed'
            | 'discarded'
            | 'sending';
        };
        header?: never;
        path: {
          id: number;
          run: string;
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
              results: {
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
                  detail: unknown;
                  graph_request_id: string | null;
                  id: string;
                  message: string | null;
                  object_id: number | null;
                  /** @enum {string} */
                  object_type: 'user' | 'group';
                  /** @enum {string} */
                  operation:
                    | 'create'
                    | 'update'
                    | 'delete'
                    | 'suspend'
                    | 'link'
                    | 'recreate'
                    | 'skip'
                    | 'plan'
                    | 'unlink'
                    | 'add_members'
                    | 'remove_members'
                    | 'read_members'
                    | 'sync';
                  remote_id: string | null;
                  run: string | null;
                  /** @enum {string} */
                  status:
                    | 'ok'
                    | 'error'
                    | 'skipped'
                    | 'dry_run'
                    | 'unchanged'
                    | 'held'
                    | 'confirmed'
                    | 'discarded'
                    | 'sending';
                }[];
              };
              run: {
                counts: {
                  [key: string]: number;
                };
                done: number;
                dry_run: boolean;
                error: string | null;
                finished_at: string | null;
                id: string;
                /** @enum {string} */
                kind: 'full' | 'direct' | 'object';
                phase: string | null;
                started_at: string;
                /** @enum {string} */
                status: 'running' | 'done' | 'warning' | 'error' | 'cancelled';
                total: number;
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
  '/api/v3/providers/microsoft_entra/{id}/sync/status/': {
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
              assigned: boolean;
              configuration_error: {
                at: string;
                message: string;
              } | null;
              current_run: {
                counts: {
                  [key: string]: number;
                };
                done: number;
                dry_run: boolean;
                error: string | null;
                finished_at: string | null;
                id: string;
                /** @enum {string} */
                kind: 'full' | 'direct' | 'object';
                phase: string | null;
                started_at: string;
                /** @enum {string} */
                status: 'running' | 'done' | 'warning' | 'error' | 'cancelled';
                total: number;
              } | null;
              is_running: boolean;
              last_run: {
                counts: {
                  [key: string]: number;
                };
                done: number;
                dry_run: boolean;
                error: string | null;
                finished_at: string | null;
                id: string;
                /** @enum {string} */
                kind: 'full' | 'direct' | 'object';
                phase: string | null;
                started_at: string;
                /** @enum {string} */
                status: 'running' | 'done' | 'warning' | 'error' | 'cancelled';
                total: number;
              } | null;
              last_successful_sync?: string;
              last_sync_status?: string;
              progress: {
                done: number;
                estimated_finish_at: string | null;
                objects_per_second: number | null;
                paced_writes_per_second: number | null;
                phase: string | null;
                remaining: number;
                total: number;
                writes_done: number;
                writes_per_second: number | null;
                writes_remaining: number | null;
              } | null;
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
  '/api/v3/providers/microsoft_entra/{id}/test_connection/': {
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
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              error?: string;
              grantedPermissions: string[];
              missingPermissions: string[];
              ok: boolean;
              verifiedDomains: string[];
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
  '/api/v3/providers/microsoft_entra/{id}/used_by/': {
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
  '/api/v3/sources/ldap/{slug}/': {
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
        200: {
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
            additional_group_dn?: string;
            additional_user_dn?: string;
            /** @enum {string|null} */
            authentication_flow?: null;
            base_dn?: string;
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
            name?: string;
            object_uniqueness_field?: string;
            password_login_update_internal_password?: boolean;
            /** Format: uuid */
            peer_certificate?: string | null;
            peer_certificate_pem?: string | null;
            /** @enum {string} */
            policy_engine_mode?: 'all' | 'any';
            promoted?: boolean;
            server_uri?: string;
            slug?: string;
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
        200: {
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
    trace?: never;
  };
  '/api/v3/sources/ldap/{slug}/check/': {
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
              connectivity: {
                [key: string]: {
                  [key: string]: string;
                };
              };
              servers: {
                groups: number | null;
                server: string;
                /** @enum {string} */
                status: 'ok' | 'error';
                steps: {
                  message: string;
                  /** @enum {string} */
                  status: 'ok' | 'error' | 'skipped';
                  /** @enum {string} */
                  step: 'connect' | 'bind' | 'base_dn' | 'users' | 'groups';
                }[];
                users: number | null;
              }[];
              /** @enum {string} */
              status: 'ok' | 'error';
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
  '/api/v3/sources/ldap/{slug}/debug/': {
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
              group: {
                [key: string]: unknown;
              }[];
              membership: {
                [key: string]: unknown;
              }[];
              user: {
                [key: string]: unknown;
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
  '/api/v3/sources/ldap/{slug}/runs/': {
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
              counts: {
                groups: {
                  created: number;
                  deleted: number;
                  errors: number;
                  unchanged: number;
                  updated: number;
                };
                memberships: {
                  created: number;
                  deleted: number;
                  errors: number;
                  unchanged: number;
                  updated: number;
                };
                users: {
                  created: number;
                  deleted: number;
                  errors: number;
                  unchanged: number;
                  updated: number;
                };
              };
              done: number;
              error: string | null;
              finished: string | null;
              held_deletions: {
                groups: number;
                limit_percent: number;
                users: number;
              } | null;
              id: string;
              /** @enum {string|null} */
              mode: 'full' | 'incremental' | null;
              phase: string | null;
              started: string;
              /** @enum {string} */
              status: 'running' | 'done' | 'warning' | 'error';
              total: number;
              /** @enum {string} */
              trigger: 'schedule' | 'manual';
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
  '/api/v3/sources/ldap/{slug}/runs/{run}/results/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          ordering?: string;
          page?: number;
          page_size?: number;
          search?: string;
          status?: 'ok' | 'error' | 'skipped' | 'held';
        };
        header?: never;
        path: {
          run: string;
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
                dn: string | null;
                id: number;
                local_id: number | null;
                message: string | null;
                /** @enum {string} */
                object_type: 'user' | 'group' | 'membership';
                operation: string;
                /** @enum {string} */
                status: 'ok' | 'error' | 'skipped' | 'held';
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
  '/api/v3/sources/ldap/{slug}/sync/': {
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
          slug: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            confirm_deletions?: boolean;
          } | null;
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
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
  '/api/v3/sources/ldap/{slug}/sync/status/': {
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
              is_running: boolean;
              last_successful_sync?: string;
              /** @enum {string} */
              last_sync_status?: 'running' | 'done' | 'warning' | 'error';
              next_sync: string | null;
              run: {
                counts: {
                  groups: {
                    created: number;
                    deleted: number;
                    errors: number;
                    unchanged: number;
                    updated: number;
                  };
                  memberships: {
                    created: number;
                    deleted: number;
                    errors: number;
                    unchanged: number;
                    updated: number;
                  };
                  users: {
                    created: number;
                    deleted: number;
                    errors: number;
                    unchanged: number;
                    updated: number;
                  };
                };
                done: number;
                error: string | null;
                finished: string | null;
                held_deletions: {
                  groups: number;
                  limit_percent: number;
                  users: number;
                } | null;
                id: string;
                /** @enum {string|null} */
                mode: 'full' | 'incremental' | null;
                phase: string | null;
                started: string;
                /** @enum {string} */
                status: 'running' | 'done' | 'warning' | 'error';
                total: number;
                /** @enum {string} */
                trigger: 'schedule' | 'manual';
              } | null;
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
  '/api/v3/sources/user_connections/ldap/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          ordering?: string;
          page?: number;
          page_size?: number;
          search?: string;
          source__slug?: string;
          user?: number;
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
                user: number;
                user_obj: {
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
  '/api/v3/sources/user_connections/ldap/{id}/': {
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
              user: number;
              user_obj: {
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

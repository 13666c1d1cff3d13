/** Directory objects as the rest of Conduit sees them: plain data, no storage or HTTP concerns. */

export const USER_TYPES = ['internal', 'external', 'service_account', 'internal_service_account'] as const;
export type UserType = (typeof USER_TYPES)[number];

export interface User {
  /** Integer primary key (authentik's `pk`). */
  pk: number;
  /** Stable opaque id of the user, independent of the pk and the username. */
  uuid: string;
  username: string;
  name: string;
  email: string;
  is_active: boolean;
  type: UserType;
  path: string;
  attributes: Record<string, unknown>;
  last_login: string | null;
  date_joined: string;
  password_change_date: string | null;
  /** When the user's row last changed (authentik's `last_updated`). */
  last_updated: string;
  /** Whether a password is set (the hash itself never leaves the directory). */
  has_password: boolean;
}

export interface Group {
  /** The group's UUID (authentik's `pk` for groups). */
  group_uuid: string;
  /** Integer key (authentik's `num_pk`). */
  num_pk: number;
  name: string;
  is_superuser: boolean;
  attributes: Record<string, unknown>;
  /** UUIDs of the parent groups. */
  parents: string[];
}

export interface Application {
  uuid: string;
  slug: string;
  name: string;
  provider: number | null;
  backchannel_providers: number[];
  group: string;
  meta_launch_url: string;
  meta_description: string;
  meta_publisher: string;
  meta_icon: string | null;
  open_in_new_tab: boolean;
  policy_engine_mode: 'all' | 'any';
}

/** Who made a change: a user, or the system itself (null). */
export type Actor = { pk: number; username: string } | null;

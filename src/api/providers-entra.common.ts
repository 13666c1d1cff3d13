/** What every Entra provider route module needs: the id parameter, loading the provider, and the services behind it. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DirectoryNotFoundError } from '../directory/errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { type EntraProviderView, getEntraProvider } from '../providers/entra/provider-service.js';
import type { Database } from '../store/schema.js';
import type { ApiContext } from './context.js';
import { pkParam } from './core-fields.js';
import { ApiError } from './http-errors.js';
import type { SyncService } from './sync-service.js';

/** The base path of the provider routes. */
export const ENTRA_PROVIDERS_PATH = '/api/v3/providers/microsoft_entra';

/** `:id` of a provider route. */
export const providerIdParams = z.object({ id: pkParam.pipe(z.number().min(1)) });

/** The provider with this id, or a 404. */
export async function loadEntraProvider(db: Kysely<Database>, id: number): Promise<EntraProviderView> {
  try {
    return await getEntraProvider(db, id);
  } catch (error) {
    if (error instanceof DirectoryNotFoundError) throw ApiError.notFound();
    throw error;
  }
}

/** The sync engine, or a 503 in a process that does not run it. */
export function requireSyncService(ctx: ApiContext): SyncService {
  const sync = ctx.services.sync;
  if (!sync) throw new ApiError(503, { detail: 'The sync engine is not running in this process.' });
  return sync;
}

/** The job queue, or a 503 in a process that runs none. */
export function requireQueue(ctx: ApiContext): JobQueue {
  const queue = requireSyncService(ctx).queue ?? ctx.services.queue;
  if (!queue) throw new ApiError(503, { detail: 'No job queue runs in this process.' });
  return queue;
}

/** A 400 unless the provider is some application's backchannel provider (only then does it sync). */
export function requireAssigned(view: EntraProviderView): void {
  if (!view.provider.backchannelApplicationUuid) {
    throw ApiError.validation({
      non_field_errors: [
        'Provider is not assigned to an application as backchannel provider: it does not sync.',
      ],
    });
  }
}

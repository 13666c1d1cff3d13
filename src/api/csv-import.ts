/** CSV import of users: upload, map columns, preview, apply (docs/admin/csv-import.md). */
import type { RouteModule } from './core-routes.js';

export const csvImportRoutes: RouteModule = async () => {};

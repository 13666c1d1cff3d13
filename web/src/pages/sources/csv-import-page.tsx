/** Directory › Users › Import from CSV: upload, map columns, preview the changes, then apply. */
import { NotFoundPage } from '../not-found.js';

export function CsvImportPage() {
  return <NotFoundPage />;
}

/**
 * The administrator documentation (`docs/admin/*.md`, served at `/docs/admin/`), inside the app.
 *
 * Invariant: only the pages listed in `HELP_PAGES` are ever fetched. The page name comes from the
 * URL, so without the list a crafted link (`/help/..%2F..%2Fapi%2Fv3%2F…`) would render any
 * same-origin response, such as failed-login events with planted Markdown, as help text.
 */
import {
  Bullseye,
  Card,
  CardBody,
  EmptyState,
  EmptyStateBody,
  Nav,
  NavItem,
  NavList,
  PageSection,
  Spinner,
} from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { queryKeys } from '../api/queries/keys.js';
import { ErrorAlert } from '../components/common.js';
import { Markdown } from '../components/markdown.js';
import { useTitle } from '../components/use-title.js';

/** Every page of `docs/admin/`, in reading order (a unit test keeps it equal to the folder). */
export const HELP_PAGES: ReadonlyArray<{ page: string; title: string }> = [
  { page: 'index', title: 'Entra ID provider overview' },
  { page: 'configure-entra', title: 'Configure Entra ID' },
  { page: 'create-entra-provider', title: 'Create an Entra ID provider' },
  { page: 'property-mappings', title: 'Property mappings' },
  { page: 'ldap-sources', title: 'LDAP and Active Directory sources' },
  { page: 'csv-import', title: 'Import users from CSV' },
  { page: 'troubleshooting', title: 'Troubleshooting' },
];

const HELP_TITLES: ReadonlyMap<string, string> = new Map(HELP_PAGES.map((p) => [p.page, p.title]));

/** The document URL of a known help page, or null for any other name (nothing is fetched). */
export function helpDocumentPath(page: string): string | null {
  return HELP_TITLES.has(page) ? `/docs/admin/${page}.md` : null;
}

/** Loads a help document; a response that is not Markdown (the app's index.html) is "not found". */
async function fetchHelpDocument(path: string): Promise<string> {
  const r = await fetch(path);
  const type = r.headers.get('content-type') ?? '';
  if (!r.ok || /html|json/i.test(type))
    throw new Error(`The page ${path} could not be loaded (${r.ok ? type : r.status}).`);
  return r.text();
}

function HelpNotFound({ page }: { page: string }) {
  return (
    <EmptyState headingLevel="h1" titleText="Help page not found">
      <EmptyStateBody>
        There is no help page named “{page}”. The documentation has these pages:
        <ul className="pf-v6-u-mt-sm">
          {HELP_PAGES.map((p) => (
            <li key={p.page}>
              <Link to={`/help/${p.page}`}>{p.title}</Link>
            </li>
          ))}
        </ul>
      </EmptyStateBody>
    </EmptyState>
  );
}

export function HelpPage() {
  const page = useParams().page ?? 'index';
  const location = useLocation();
  const navigate = useNavigate();
  const path = helpDocumentPath(page);
  const doc = useQuery({
    queryKey: queryKeys.docs(page),
    queryFn: () => fetchHelpDocument(path as string),
    enabled: path !== null,
  });
  useTitle(HELP_TITLES.get(page) ?? 'Help page not found');
  useEffect(() => {
    if (!doc.data) return;
    const id = decodeURIComponent(location.hash.slice(1));
    if (id) document.getElementById(id)?.scrollIntoView();
    else window.scrollTo(0, 0);
  }, [doc.data, location.hash]);
  return (
    <PageSection>
      <Nav aria-label="Documentation pages" variant="horizontal-subnav" className="pf-v6-u-mb-md">
        <NavList>
          {HELP_PAGES.map((p) => (
            <NavItem
              key={p.page}
              to={`/help/${p.page}`}
              isActive={p.page === page}
              preventDefault
              onClick={() => navigate(`/help/${p.page}`)}
            >
              {p.title}
            </NavItem>
          ))}
        </NavList>
      </Nav>
      <Card>
        <CardBody className="cd-doc">
          {path === null && <HelpNotFound page={page} />}
          {doc.isLoading && (
            <Bullseye>
              <Spinner aria-label="Loading documentation" />
            </Bullseye>
          )}
          <ErrorAlert error={doc.error} title="Documentation unavailable" />
          {path !== null && doc.data && <Markdown source={doc.data} base={path} />}
          {path !== null && (
            <p className="pf-v6-u-mt-lg pf-v6-u-font-size-sm">
              Source: <a href={path}>{path}</a>
            </p>
          )}
        </CardBody>
      </Card>
    </PageSection>
  );
}

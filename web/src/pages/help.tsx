/** The administrator documentation (`docs/admin/*.md`, served at `/docs/admin/`), inside the app. */
import {
  Bullseye,
  Card,
  CardBody,
  Nav,
  NavItem,
  NavList,
  PageSection,
  Spinner,
} from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../components/common.js';
import { Markdown } from '../components/markdown.js';
import { useTitle } from '../components/use-title.js';

export const HELP_PAGES: Array<{ page: string; title: string }> = [
  { page: 'index', title: 'Entra ID provider overview' },
  { page: 'configure-entra', title: 'Configure Entra ID' },
  { page: 'create-entra-provider', title: 'Create an Entra ID provider' },
  { page: 'property-mappings', title: 'Property mappings' },
  { page: 'troubleshooting', title: 'Troubleshooting' },
];

export function HelpPage() {
  const page = useParams().page ?? 'index';
  const location = useLocation();
  const navigate = useNavigate();
  const path = `/docs/admin/${page}.md`;
  const doc = useQuery({
    queryKey: ['doc', page],
    queryFn: async () => {
      const r = await fetch(path);
      if (!r.ok) throw new Error(`The page ${path} could not be loaded (${r.status}).`);
      return r.text();
    },
  });
  const title = HELP_PAGES.find((p) => p.page === page)?.title ?? 'Documentation';
  useTitle(title);
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
          {doc.isLoading && (
            <Bullseye>
              <Spinner aria-label="Loading documentation" />
            </Bullseye>
          )}
          <ErrorAlert error={doc.error} title="Documentation unavailable" />
          {doc.data && <Markdown source={doc.data} base={path} />}
          <p className="pf-v6-u-mt-lg pf-v6-u-font-size-sm">
            Source: <a href={path}>{path}</a>
          </p>
        </CardBody>
      </Card>
    </PageSection>
  );
}

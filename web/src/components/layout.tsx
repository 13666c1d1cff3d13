/** The admin shell: masthead, the navigation with the seed's menu names, and the page area. */
import {
  Button,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadMain,
  MastheadToggle,
  Nav,
  NavExpandable,
  NavItem,
  NavList,
  Page,
  PageSidebar,
  PageSidebarBody,
  PageToggleButton,
  SkipToContent,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { BarsIcon, OutlinedQuestionCircleIcon } from '@patternfly/react-icons';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { DOCS } from './common.js';
import { useSession } from './session.js';

interface NavSection {
  title: string;
  items: Array<{ label: string; to: string }>;
}

/** The menu, word for word as the administrator instructions name it. */
export const NAVIGATION: NavSection[] = [
  {
    title: 'Applications',
    items: [
      { label: 'Applications', to: '/applications' },
      { label: 'Providers', to: '/providers' },
    ],
  },
  { title: 'Customization', items: [{ label: 'Property Mappings', to: '/property-mappings' }] },
  {
    title: 'Directory',
    items: [
      { label: 'Users', to: '/users' },
      { label: 'Groups', to: '/groups' },
      { label: 'Federation and Social login', to: '/sources' },
      { label: 'Tokens', to: '/tokens' },
    ],
  },
  {
    title: 'Events',
    items: [
      { label: 'Logs', to: '/events' },
      { label: 'Background jobs', to: '/jobs' },
      { label: 'Notifications', to: '/notifications' },
    ],
  },
];

export function AppLayout({ children }: { children: ReactNode }) {
  const { session, logout } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const isActive = (to: string) => location.pathname === to || location.pathname.startsWith(`${to}/`);
  const item = (label: string, to: string) => (
    <NavItem key={to} itemId={to} to={to} isActive={isActive(to)} preventDefault onClick={() => navigate(to)}>
      {label}
    </NavItem>
  );
  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton isHamburgerButton aria-label="Main navigation">
            <BarsIcon />
          </PageToggleButton>
        </MastheadToggle>
        <MastheadBrand>
          <a
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigate('/');
            }}
            style={{ textDecoration: 'none', color: 'inherit' }}
          >
            <Title headingLevel="h2" size="xl">
              Conduit
            </Title>
          </a>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight isStatic>
          <ToolbarContent>
            <ToolbarGroup align={{ default: 'alignEnd' }} gap={{ default: 'gapSm' }}>
              <ToolbarItem>
                <Button
                  variant="plain"
                  aria-label="Help"
                  icon={<OutlinedQuestionCircleIcon />}
                  onClick={() => navigate(DOCS.overview)}
                />
              </ToolbarItem>
              <ToolbarItem visibility={{ default: 'hidden', md: 'visible' }}>
                <span>{session.user.name || session.user.username}</span>
              </ToolbarItem>
              <ToolbarItem>
                <Button variant="secondary" size="sm" onClick={() => void logout()}>
                  Log out
                </Button>
              </ToolbarItem>
            </ToolbarGroup>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );
  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label="Admin navigation">
          <NavList>
            {item('Dashboard', '/')}
            {NAVIGATION.map((section) => (
              <NavExpandable
                key={section.title}
                title={section.title}
                groupId={section.title}
                isExpanded
                isActive={section.items.some((i) => isActive(i.to))}
              >
                {section.items.map((i) => item(i.label, i.to))}
              </NavExpandable>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
  return (
    <Page
      masthead={masthead}
      sidebar={sidebar}
      isManagedSidebar
      skipToContent={<SkipToContent href="#main-content">Skip to content</SkipToContent>}
      mainContainerId="main-content"
    >
      {children}
    </Page>
  );
}

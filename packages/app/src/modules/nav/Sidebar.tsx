import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import {
  NavContentBlueprint,
  type NavContentComponentProps,
  type NavContentNavItem,
} from '@backstage/plugin-app-react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { appTranslationRef } from '../../translation';
import { SidebarLogo } from './SidebarLogo';
import MenuIcon from '@material-ui/icons/Menu';
import SearchIcon from '@material-ui/icons/Search';
import { SidebarSearchModal } from '@backstage/plugin-search';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';

/** Sidebar titles of pages, by page extension id, in the app's language. */
const PAGE_TITLE_KEYS = {
  'page:home': 'nav.pages.home',
  'page:catalog': 'nav.pages.catalog',
  'page:scaffolder': 'nav.pages.scaffolder',
  'page:api-docs': 'nav.pages.apiDocs',
  'page:catalog-import': 'nav.pages.catalogImport',
  'page:catalog-graph': 'nav.pages.catalogGraph',
  'page:cost-uptime': 'nav.pages.costUptime',
  'page:environments': 'nav.pages.environments',
  'page:kubernetes': 'nav.pages.kubernetes',
  'page:search': 'nav.pages.search',
  'page:user-settings': 'nav.pages.userSettings',
  'page:app-visualizer': 'nav.pages.appVisualizer',
  'page:notifications': 'nav.pages.notifications',
} as const;

function NavItem(item: NavContentNavItem) {
  const { t } = useTranslationRef(appTranslationRef);
  const key =
    PAGE_TITLE_KEYS[item.node.spec.id as keyof typeof PAGE_TITLE_KEYS];
  return (
    <SidebarItem
      icon={() => item.icon}
      to={item.href}
      text={key ? t(key) : item.title}
    />
  );
}

function SidebarContentComponent({ navItems }: NavContentComponentProps) {
  const { t } = useTranslationRef(appTranslationRef);
  const nav = navItems.withComponent(NavItem);

  // Skipped items
  nav.take('page:search'); // Using search modal instead
  nav.take('page:notifications'); // Using NotificationsSidebarItem manually instead

  return (
    <Sidebar>
      <SidebarLogo />
      <SidebarGroup label={t('nav.search')} icon={<SearchIcon />} to="/search">
        <SidebarSearchModal />
      </SidebarGroup>
      <SidebarDivider />
      <SidebarGroup label={t('nav.menu')} icon={<MenuIcon />}>
        {nav.take('page:home')}
        {nav.take('page:catalog')}
        {nav.take('page:scaffolder')}
        <SidebarDivider />
        <SidebarScrollWrapper>
          {nav.rest({ sortBy: 'title' })}
        </SidebarScrollWrapper>
      </SidebarGroup>
      <SidebarSpace />
      <SidebarDivider />
      <NotificationsSidebarItem text={t('nav.pages.notifications')} />
      <SidebarDivider />
      <SidebarGroup
        label={t('nav.settings')}
        icon={<UserSettingsSignInAvatar />}
        to="/settings"
      >
        {nav.take('page:app-visualizer')}
        {nav.take('page:user-settings')}
      </SidebarGroup>
    </Sidebar>
  );
}

export const SidebarContent = NavContentBlueprint.make({
  params: { component: SidebarContentComponent },
});

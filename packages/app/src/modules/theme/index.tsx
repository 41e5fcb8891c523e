import {
  createUnifiedTheme,
  palettes,
  UnifiedThemeProvider,
} from '@backstage/theme';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import LightIcon from '@material-ui/icons/WbSunny';
import DarkIcon from '@material-ui/icons/Brightness2';

/**
 * Backstage's light and dark themes, with one change: sidebar labels get the
 * width the open sidebar has room for. Backstage fixes them at 110 px, which
 * cut "Cost & Uptime" and "Catalog Graph" to "Cost & Upti…" and "Catalog
 * Gra…" (catalog.test.ts checks they fit). A fixed width, not `auto`, so the
 * icons stay in one column.
 */
const components = {
  BackstageSidebarItem: {
    styleOverrides: {
      label: { width: '136px' },
    },
  },
} as Parameters<typeof createUnifiedTheme>[0]['components'];

/**
 * The `variant` theme extension, with the same name as the app plugin's
 * theme of that variant, so it replaces it.
 */
function themeExtension(
  variant: 'light' | 'dark',
  title: string,
  icon: JSX.Element,
) {
  const theme = createUnifiedTheme({ palette: palettes[variant], components });
  return ThemeBlueprint.make({
    name: variant,
    params: {
      theme: {
        id: variant,
        title,
        variant,
        icon,
        Provider: ({ children }) => (
          <UnifiedThemeProvider theme={theme} children={children} />
        ),
      },
    },
  });
}

const lightTheme = themeExtension('light', 'Light Theme', <LightIcon />);
const darkTheme = themeExtension('dark', 'Dark Theme', <DarkIcon />);

export const themeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [lightTheme, darkTheme],
});

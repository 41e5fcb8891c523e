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

const light = createUnifiedTheme({ palette: palettes.light, components });
const dark = createUnifiedTheme({ palette: palettes.dark, components });

// Same names as the app plugin's themes, so these replace them.
const lightTheme = ThemeBlueprint.make({
  name: 'light',
  params: {
    theme: {
      id: 'light',
      title: 'Light Theme',
      variant: 'light',
      icon: <LightIcon />,
      Provider: ({ children }) => (
        <UnifiedThemeProvider theme={light} children={children} />
      ),
    },
  },
});

const darkTheme = ThemeBlueprint.make({
  name: 'dark',
  params: {
    theme: {
      id: 'dark',
      title: 'Dark Theme',
      variant: 'dark',
      icon: <DarkIcon />,
      Provider: ({ children }) => (
        <UnifiedThemeProvider theme={dark} children={children} />
      ),
    },
  },
});

export const themeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [lightTheme, darkTheme],
});

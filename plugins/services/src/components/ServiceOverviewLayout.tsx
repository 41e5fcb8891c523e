import {
  EntityOrphanWarning,
  EntityProcessingErrorsPanel,
  EntityRelationWarning,
  EntitySwitch,
  hasCatalogProcessingErrors,
  hasRelationWarnings,
  isOrphan,
} from '@backstage/plugin-catalog';
import type { EntityContentLayoutProps } from '@backstage/plugin-catalog-react/alpha';
import Grid from '@material-ui/core/Grid';
import { Fragment } from 'react';

/**
 * The Overview of a deployed service: the deployment picture across the
 * whole width on top, then the other content cards (latest Jenkins build,
 * Argo CD) beside the info cards (About, links).
 *
 * Cards come in the order of `app.extensions` (app-config.yaml), which lists
 * the Deployments card first; the layout puts the first content card on top.
 */
export function ServiceOverviewLayout({ cards }: EntityContentLayoutProps) {
  const content = cards.filter(c => !c.type || c.type === 'content');
  const info = cards.filter(c => c.type === 'info');
  const [top, ...rest] = content;
  return (
    <>
      <EntitySwitch>
        <EntitySwitch.Case if={isOrphan}>
          <EntityOrphanWarning />
        </EntitySwitch.Case>
      </EntitySwitch>
      <EntitySwitch>
        <EntitySwitch.Case if={hasRelationWarnings}>
          <EntityRelationWarning />
        </EntitySwitch.Case>
      </EntitySwitch>
      <EntitySwitch>
        <EntitySwitch.Case if={hasCatalogProcessingErrors}>
          <EntityProcessingErrorsPanel />
        </EntitySwitch.Case>
      </EntitySwitch>
      <Grid container spacing={3} alignItems="flex-start">
        {top && (
          <Grid item xs={12} data-testid="service-overview-top">
            {top.element}
          </Grid>
        )}
        <Grid item xs={12} md={info.length > 0 ? 8 : 12} container spacing={3}>
          {rest.map((card, index) => (
            <Grid item xs={12} key={card.element.key ?? index}>
              {card.element}
            </Grid>
          ))}
        </Grid>
        {info.length > 0 && (
          <Grid item xs={12} md={4} container spacing={3}>
            {info.map((card, index) => (
              <Grid item xs={12} key={card.element.key ?? index}>
                <Fragment>{card.element}</Fragment>
              </Grid>
            ))}
          </Grid>
        )}
      </Grid>
    </>
  );
}

import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { EnvironmentCluster } from '@internal/plugin-environments-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import useAsync from 'react-use/esm/useAsync';
import { useEnvironmentsClient } from '../history/useEnvironmentsClient';
import { environmentsTranslationRef } from '../translation';

type NodeGroup = NonNullable<EnvironmentCluster['nodeGroup']>;

/** "t3.large, 3 nodes (2 to 5)" or "paused: 0 nodes (2 to 5 when resumed)". */
function useNodeGroupText() {
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (g: NodeGroup) => {
    const range = t('cluster.range', {
      min: String(g.minNodes ?? '?'),
      max: String(g.maxNodes ?? '?'),
    });
    return g.paused
      ? t('cluster.nodeGroupPaused', { range })
      : t('cluster.nodeGroup', {
          instanceType: g.instanceType ?? '?',
          nodes: String(g.desiredNodes ?? '?'),
          range,
        });
  };
}

/** The environment's cluster as declared in Git, and links to its tools. */
export function ClusterCard() {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { entity } = useEntity();
  const client = useEnvironmentsClient();
  const name = entity.metadata.name;
  const state = useAsync(() => client.getCluster(name), [client, name]);
  const nodeGroupText = useNodeGroupText();

  let content;
  if (state.loading) content = <Progress />;
  else if (state.error) content = <ResponseErrorPanel error={state.error} />;
  else {
    const c = state.value!;
    content = (
      <>
        <Table size="small" aria-label={t('cluster.title')}>
          <TableBody>
            <TableRow>
              <TableCell component="th">{t('cluster.kubernetes')}</TableCell>
              <TableCell data-testid="cluster-version">
                {c.kubernetesVersion ?? t('cluster.unknown')}
              </TableCell>
            </TableRow>
            <TableRow>
              <TableCell component="th">{t('cluster.nodes')}</TableCell>
              <TableCell data-testid="cluster-node-group">
                {c.nodeGroup
                  ? nodeGroupText(c.nodeGroup)
                  : t('cluster.noNodeGroup')}
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
        {c.links.length ? (
          <Box display="flex" flexWrap="wrap" mt={2} style={{ gap: 8 }}>
            {c.links.map(link => (
              <Button
                key={link.kind}
                size="small"
                variant="outlined"
                href={link.url}
                target="_blank"
                rel="noopener noreferrer"
              >
                {t(`cluster.link.${link.kind}`)}
              </Button>
            ))}
          </Box>
        ) : null}
      </>
    );
  }
  return (
    <InfoCard title={t('cluster.title')} subheader={t('cluster.subheader')}>
      {content}
    </InfoCard>
  );
}

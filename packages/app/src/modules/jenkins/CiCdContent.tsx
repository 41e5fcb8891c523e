import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { jenkinsApiRef, Router } from '@backstage-community/plugin-jenkins';
import useAsync from 'react-use/esm/useAsync';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { appTranslationRef } from '../../translation';

/**
 * The CI/CD tab: the plugin's job list (latest build of each job, rerun,
 * each job's runs), and above it why it is empty when Jenkins cannot answer;
 * the plugin's table alone shows "No records to display" then.
 */
export function CiCdContent() {
  const { entity } = useEntity();
  const api = useApi(jenkinsApiRef);
  const { t } = useTranslationRef(appTranslationRef);
  const check = useAsync(
    () => api.getProjects({ entity: getCompoundEntityRef(entity), filter: {} }),
    [api, entity],
  );
  return (
    <>
      {check.loading && <Progress />}
      {check.error && (
        <WarningPanel
          severity="error"
          title={
            (check.error as { notFound?: boolean }).notFound
              ? t('jenkins.jobNotFound')
              : t('jenkins.cannotConnect')
          }
          message={check.error.message}
        />
      )}
      <Router />
    </>
  );
}

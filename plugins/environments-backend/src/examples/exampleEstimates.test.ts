import {
  DEFAULT_PRICING,
  ENVIRONMENT_ANNOTATIONS,
  estimateMonthlyCost,
  readStoredEstimate,
} from '@internal/plugin-environments-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { exampleRequest } from './exampleRequests';

const CATALOG = path.resolve(
  __dirname,
  '../../../../catalog/environments.yaml',
);

describe('the example environments in catalog/environments.yaml', () => {
  const environments = parseAllDocuments(fs.readFileSync(CATALOG, 'utf8'))
    .map(d => d.toJS())
    .filter(e => e?.kind === 'Resource' && e.spec?.type === 'environment');

  it.each(['dev-a', 'staging', 'prod'])(
    '%s carries the estimate its create request would have stored',
    name => {
      const entity = environments.find(e => e.metadata.name === name);
      expect(
        readStoredEstimate(
          entity.metadata.annotations[ENVIRONMENT_ANNOTATIONS.estimate],
        ),
      ).toEqual(estimateMonthlyCost(exampleRequest(name), DEFAULT_PRICING));
    },
  );
});

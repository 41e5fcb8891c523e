/**
 * Contract between the portal and the infrastructure code it drives
 * (infra/ in this repository, copied into the IaC repository):
 *
 * - the keys of the terraform.tfvars.json the portal commits are exactly the
 *   variables of infra/terraform/environments and of the eks-environment module;
 * - the values the form offers are the values the Terraform validation
 *   blocks accept;
 * - the Ansible variables the portal writes are the ones the playbook reads.
 *
 * The files are rendered by the production code (EnvironmentService.render
 * on a request that went through the production validation); the Terraform
 * files are parsed with @cdktf/hcl2json (HashiCorp's HCL parser).
 */
import { parse as parseHcl } from '@cdktf/hcl2json';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { parse as parseYaml } from 'yaml';
import {
  createService,
  GOOD_REQUEST,
  platformConfig,
} from '../__testUtils__/testUtils';
import {
  ENVIRONMENT_NAME_PATTERN,
  validateEnvironmentRequest,
} from './EnvironmentRequest';
import {
  ADD_ONS,
  INSTANCE_TYPES,
  KUBERNETES_VERSIONS,
  MAX_NODES,
  MAX_TTL_DAYS,
  PURPOSES,
  REGIONS,
} from '@internal/plugin-environments-common';
import { ANSIBLE_VARS_FILE, TFVARS_FILE } from './renderEnvironment';

const repoRoot = path.resolve(__dirname, '../../../..');
const terraformDir = path.join(repoRoot, 'infra/terraform');

async function variablesOf(dir: string): Promise<Record<string, any>> {
  const variables: Record<string, any> = {};
  for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.tf'))) {
    const parsed = await parseHcl(
      file,
      fs.readFileSync(path.join(dir, file), 'utf8'),
    );
    for (const [name, [body]] of Object.entries<any[]>(parsed.variable ?? {})) {
      variables[name] = body;
    }
  }
  return variables;
}

/** The list inside `contains([...], var.x)` of a validation condition. */
function allowedValues(variable: any): string[] {
  const condition: string = variable.validation[0].condition;
  const list = condition.match(/contains\(\[([^\]]*)\]/)?.[1];
  if (!list) throw new Error(`no contains([...]) in ${condition}`);
  return [...list.matchAll(/"([^"]*)"/g)].map(m => m[1]);
}

const requester = {
  userRef: 'user:default/jiyoung.kim',
  ownershipRefs: [],
  isAdmin: true,
};
const existing = {
  takenNames: new Set<string>(),
  groups: new Set(['group:default/developers']),
};
const now = DateTime.fromISO('2026-11-20T09:00:00Z', { zone: 'utc' });

function renderFiles(input: Record<string, unknown>) {
  const { service } = createService(
    platformConfig('file:///nonexistent.git', 'http://localhost:1'),
  );
  const req = validateEnvironmentRequest(input, requester, existing, now);
  const files = service.render(req);
  const file = (suffix: string) => {
    const key = Object.keys(files).find(
      k => k === `environments/${req.name}/${suffix}`,
    );
    if (!key)
      throw new Error(
        `render wrote no ${suffix}: ${Object.keys(files).join(', ')}`,
      );
    return files[key];
  };
  return {
    tfvars: JSON.parse(file(TFVARS_FILE)) as Record<string, unknown>,
    ansibleVars: parseYaml(file(ANSIBLE_VARS_FILE)) as Record<string, unknown>,
  };
}

const REQUESTS: [string, Record<string, unknown>][] = [
  ['a dev environment with some add-ons', GOOD_REQUEST],
  [
    'a prod environment without expiry or add-ons',
    {
      ...GOOD_REQUEST,
      name: 'prod-a',
      purpose: 'prod',
      ttlDays: undefined,
      addOns: [],
    },
  ],
  [
    'every add-on',
    {
      ...GOOD_REQUEST,
      name: 'staging-b',
      purpose: 'staging',
      addOns: [...ADD_ONS],
    },
  ],
];

describe('portal ↔ infra/terraform contract', () => {
  it('the module and the root configuration declare the same variables', async () => {
    const moduleVars = await variablesOf(
      path.join(terraformDir, 'modules/eks-environment'),
    );
    const rootVars = await variablesOf(path.join(terraformDir, 'environments'));
    expect(Object.keys(rootVars).sort()).toEqual(
      Object.keys(moduleVars).sort(),
    );
  });

  it.each(REQUESTS)(
    'terraform.tfvars.json of %s has exactly the Terraform variables',
    async (_, input) => {
      const { tfvars } = renderFiles(input);
      const moduleVars = await variablesOf(
        path.join(terraformDir, 'modules/eks-environment'),
      );
      const rootVars = await variablesOf(
        path.join(terraformDir, 'environments'),
      );
      expect(Object.keys(tfvars).sort()).toEqual(
        Object.keys(moduleVars).sort(),
      );
      expect(Object.keys(tfvars).sort()).toEqual(Object.keys(rootVars).sort());

      // Each value has the variable's type and is one of its allowed values.
      const jsonType: Record<string, string> = {
        '${number}': 'number',
        '${string}': 'string',
        '${list(string)}': 'array',
      };
      const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v);
      const types = Object.fromEntries(
        Object.keys(tfvars).map(k => [k, typeOf(tfvars[k])]),
      );
      const expectedTypes = Object.fromEntries(
        Object.keys(tfvars).map(k => [k, jsonType[moduleVars[k].type]]),
      );
      expect(types).toEqual(expectedTypes);
      const outside = Object.entries(tfvars).flatMap(([key, value]) => {
        if (!moduleVars[key].validation[0].condition.includes('contains(['))
          return [];
        const allowed = allowedValues(moduleVars[key]);
        const values = Array.isArray(value) ? value : [value];
        return values
          .filter(v => !allowed.includes(v as string))
          .map(v => `${key}=${v}`);
      });
      expect(outside).toEqual([]);
      expect(tfvars.environment_name).toMatch(
        new RegExp(ENVIRONMENT_NAME_PATTERN),
      );
      expect(tfvars.entity_ref).toMatch(
        /^resource:default\/[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/,
      );
      expect(tfvars.owner).toMatch(/^group:[a-z0-9._-]+\/[A-Za-z0-9._-]+$/);
      expect(
        tfvars.expires_at === '' ||
          /^[0-9]{4}-[0-9]{2}-[0-9]{2}T/.test(String(tfvars.expires_at)),
      ).toBe(true);
    },
  );

  it('the validation blocks accept exactly what the form offers', async () => {
    const vars = await variablesOf(
      path.join(terraformDir, 'modules/eks-environment'),
    );
    expect(allowedValues(vars.purpose)).toEqual([...PURPOSES]);
    expect(allowedValues(vars.region)).toEqual([...REGIONS]);
    expect(allowedValues(vars.kubernetes_version)).toEqual([
      ...KUBERNETES_VERSIONS,
    ]);
    expect(allowedValues(vars.instance_type)).toEqual([...INSTANCE_TYPES]);
    expect(allowedValues(vars.addons)).toEqual([...ADD_ONS]);
    // HCL escapes nothing in this pattern; the portal's and Terraform's are the same text.
    expect(vars.environment_name.validation[0].condition).toContain(
      `regex("${ENVIRONMENT_NAME_PATTERN}"`,
    );
    for (const n of ['min_nodes', 'desired_nodes', 'max_nodes']) {
      expect(vars[n].validation[0].condition).toContain(
        `var.${n} <= ${MAX_NODES}`,
      );
    }
  });

  it('the create template offers the same choices', () => {
    const template = parseYaml(
      fs.readFileSync(
        path.join(repoRoot, 'templates/create-environment/template.yaml'),
        'utf8',
      ),
    );
    const properties = Object.assign(
      {},
      ...template.spec.parameters.map((p: any) => p.properties ?? {}),
    );
    expect(properties.purpose.enum).toEqual([...PURPOSES]);
    expect(properties.region.enum).toEqual([...REGIONS]);
    expect(properties.kubernetesVersion.enum).toEqual([...KUBERNETES_VERSIONS]);
    expect(properties.instanceType.enum).toEqual([...INSTANCE_TYPES]);
    expect(properties.addOns.items.enum).toEqual([...ADD_ONS]);
    // Empty gets the purpose's default from platform.environments.ttl.
    expect(properties.ttlDays.default).toBeUndefined();
    expect(properties.ttlDays.maximum).toBe(MAX_TTL_DAYS);
  });
});

describe('portal ↔ infra/ansible contract', () => {
  it.each(REQUESTS)(
    'ansible-vars.yaml of %s holds the variables cluster-addons.yml reads',
    (_, input) => {
      const { ansibleVars } = renderFiles(input);
      const playbook = fs.readFileSync(
        path.join(repoRoot, 'infra/ansible/cluster-addons.yml'),
        'utf8',
      );
      const play = parseYaml(playbook)[0];
      // Every rendered variable is used by the playbook ...
      for (const key of Object.keys(ansibleVars)) {
        expect(playbook).toMatch(new RegExp(`\\b${key}\\b`));
      }
      // ... and every install_* switch the playbook defaults is rendered.
      const switches = Object.keys(play.vars).filter(k =>
        k.startsWith('install_'),
      );
      expect(
        Object.keys(ansibleVars)
          .filter(k => k.startsWith('install_'))
          .sort(),
      ).toEqual(switches.sort());
      // No secret in the file the portal commits.
      expect(JSON.stringify(ansibleVars)).not.toMatch(/password|secret|token/i);
    },
  );
});

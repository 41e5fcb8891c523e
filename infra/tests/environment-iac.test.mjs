// node --test: the infrastructure code the environment pipeline drives
// (infra/terraform, infra/ansible, infra/jenkins/environment.Jenkinsfile).
// Terraform, helm and AWS cannot run here: the Terraform files are parsed with
// @cdktf/hcl2json (HashiCorp's HCL parser compiled to WebAssembly), the
// playbook is syntax-checked and then run by the real ansible-playbook with
// helm and kubectl shims that record what they are asked to do.
// The contract between the portal's renderTfvars (TypeScript) and these
// variables is checked where that code runs: the plugin's jest test
// plugins/environments-node/src/environment/contract.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from './helm.mjs';

const require = createRequire(import.meta.url);
const { parse } = require('@cdktf/hcl2json');

const tf = path.join(repoRoot, 'infra/terraform');
const moduleDir = path.join(tf, 'modules/eks-environment');
const rootDir = path.join(tf, 'environments');
const ansibleDir = path.join(repoRoot, 'infra/ansible');
const jenkinsfile = path.join(
  repoRoot,
  'infra/jenkins/environment.Jenkinsfile',
);

function walk(dir, ext) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === '.terraform' ? [] : walk(p, ext);
    return p.endsWith(ext) ? [p] : [];
  });
}

async function parseDir(dir) {
  const merged = {};
  for (const file of walk(dir, '.tf').filter(f => path.dirname(f) === dir)) {
    const parsed = await parse(
      path.basename(file),
      fs.readFileSync(file, 'utf8'),
    );
    for (const [block, body] of Object.entries(parsed)) {
      if (Array.isArray(body))
        merged[block] = [...(merged[block] ?? []), ...body];
      else merged[block] = { ...(merged[block] ?? {}), ...body };
    }
  }
  return merged;
}

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', ...options });
}

function requireTool(cmd, pkg) {
  const which = run('sh', ['-c', `command -v ${cmd}`]);
  assert.equal(
    which.status,
    0,
    `${cmd} is missing: install Debian's ${pkg} (scripts/services.sh ensure_infra_tools does it in ./portal test)`,
  );
}

test('every .tf file under infra/ parses as HCL', async () => {
  const files = walk(path.join(repoRoot, 'infra'), '.tf');
  assert.ok(
    files.length >= 8,
    `expected the module and root configuration, found ${files.length} .tf files`,
  );
  for (const file of files) {
    await assert.doesNotReject(
      parse(path.basename(file), fs.readFileSync(file, 'utf8')),
      `${path.relative(repoRoot, file)} does not parse`,
    );
  }
});

test('the parser refuses broken HCL (the check above can fail)', async () => {
  await assert.rejects(
    parse('broken.tf', 'resource "aws_eks_cluster" "this" {\n  name = "x"\n'),
  );
});

test('the module: an EKS cluster in an existing VPC with node group, OIDC provider and IRSA roles', async () => {
  const m = await parseDir(moduleDir);
  assert.ok(
    m.data.aws_vpc?.selected,
    'the VPC is a data source (existing VPC)',
  );
  assert.ok(m.data.aws_subnets?.private, 'the subnets are a data source');
  assert.equal(
    m.resource.aws_vpc,
    undefined,
    'the module must not create a VPC',
  );
  assert.equal(
    m.resource.aws_subnet,
    undefined,
    'the module must not create subnets',
  );
  for (const r of [
    'aws_eks_cluster',
    'aws_eks_node_group',
    'aws_iam_openid_connect_provider',
    'aws_iam_role',
    'aws_eks_addon',
  ]) {
    assert.ok(m.resource[r], `resource ${r} is missing`);
  }
  assert.equal(
    m.module,
    undefined,
    'no registry modules: nothing can be downloaded',
  );
  const scaling = m.resource.aws_eks_node_group.default[0].scaling_config[0];
  assert.deepEqual(scaling, {
    // Pausing scales the node group to zero (node_group_scale 0 or 1).
    min_size: '${var.min_nodes * var.node_group_scale}',
    desired_size: '${var.desired_nodes}',
    max_size: '${var.max_nodes}',
  });
  assert.deepEqual(m.resource.aws_eks_node_group.default[0].instance_types, [
    '${var.instance_type}',
  ]);

  // One IRSA role per add-on service account; the names match the Helm
  // values' service accounts in infra/ansible.
  const irsa = fs.readFileSync(path.join(moduleDir, 'main.tf'), 'utf8');
  for (const name of [
    'cluster-autoscaler',
    'aws-load-balancer-controller',
    'external-dns',
    'ebs-csi',
  ]) {
    assert.match(
      irsa,
      new RegExp(`"${name}" = \\{`),
      `IRSA entry ${name} is missing`,
    );
  }
  assert.match(
    irsa,
    /system:serviceaccount:\$\{each\.value\.namespace\}:\$\{each\.value\.service_account\}/,
  );

  const outputs = Object.keys(m.output).sort();
  for (const o of [
    'cluster_endpoint',
    'cluster_certificate_authority_data',
    'oidc_provider_arn',
    'irsa_role_arns',
  ]) {
    assert.ok(outputs.includes(o), `output ${o} is missing`);
  }
});

test('every taggable resource of the module carries environment, owner and entity-ref', async () => {
  const m = await parseDir(moduleDir);
  // terraform_data is Terraform's own resource, not an AWS one: no tags.
  const untaggable = new Set([
    'aws_iam_role_policy_attachment',
    'terraform_data',
  ]);
  const main = fs.readFileSync(path.join(moduleDir, 'main.tf'), 'utf8');
  assert.match(main, /"environment" = var\.environment_name/);
  assert.match(main, /"owner" += var\.owner/);
  assert.match(main, /"entity-ref" += var\.entity_ref/);
  for (const [type, byName] of Object.entries(m.resource)) {
    if (untaggable.has(type)) continue;
    for (const [name, [body]] of Object.entries(byName)) {
      assert.ok(
        typeof body.tags === 'string' && body.tags.includes('local.tags'),
        `${type}.${name} is not tagged with local.tags`,
      );
    }
  }
  // And the provider tags everything by default (the root configuration).
  const root = await parseDir(rootDir);
  const defaultTags = root.provider.aws[0].default_tags[0].tags;
  assert.deepEqual(
    Object.keys(defaultTags)
      .filter(k => ['environment', 'owner', 'entity-ref'].includes(k))
      .sort(),
    ['entity-ref', 'environment', 'owner'],
  );
});

test("the root configuration declares the module's variables exactly and passes each one", async () => {
  const m = await parseDir(moduleDir);
  const root = await parseDir(rootDir);
  const moduleVars = Object.keys(m.variable).sort();
  const rootVars = Object.keys(root.variable).sort();
  assert.deepEqual(rootVars, moduleVars);
  for (const [name, [v]] of Object.entries(m.variable)) {
    assert.ok(
      v.description?.length > 10,
      `variable ${name} needs a description`,
    );
    assert.ok(
      v.validation?.length >= 1,
      `variable ${name} needs a validation block`,
    );
    const [rootVar] = root.variable[name];
    assert.equal(rootVar.type, v.type, `type of ${name} differs`);
    assert.deepEqual(
      rootVar.default,
      v.default,
      `default of ${name} differs between root and module`,
    );
    assert.equal(
      rootVar.validation,
      undefined,
      `${name} is validated once, in the module`,
    );
  }
  // The provider's region is the one the module validated.
  assert.equal(root.provider.aws[0].region, '${module.eks_environment.region}');
  assert.equal(m.output.region[0].value, '${var.region}');
  const call = root.module.eks_environment[0];
  assert.equal(call.source, '../modules/eks-environment');
  const passed = Object.keys(call)
    .filter(k => k !== 'source')
    .sort();
  assert.deepEqual(passed, moduleVars);
  for (const k of passed) assert.equal(call[k], `\${var.${k}}`);
});

test('state: S3 backend with DynamoDB locking, the key left to the Jenkinsfile (one per environment)', async () => {
  const root = await parseDir(rootDir);
  const backend = root.terraform.find(t => t.backend)?.backend.s3?.[0];
  assert.ok(backend, 'an s3 backend block is required');
  assert.ok(backend.dynamodb_table, 'DynamoDB locking');
  assert.equal(backend.encrypt, true);
  assert.equal(
    backend.key,
    undefined,
    'the key comes from -backend-config per environment',
  );
  const jf = fs.readFileSync(jenkinsfile, 'utf8');
  assert.match(
    jf,
    /-backend-config="key=environments\/\$\{ENV_NAME\}\/terraform\.tfstate"/,
  );
  assert.match(
    jf,
    /-var-file="\$\{WORKSPACE\}\/environments\/\$\{ENV_NAME\}\/terraform\.tfvars\.json"/,
  );
});

test('the Jenkinsfile declares exactly the parameters the portal sends', () => {
  const jf = fs.readFileSync(jenkinsfile, 'utf8');
  const block = jf.match(/parameters \{([\s\S]*?)\n {2}\}/)?.[1] ?? '';
  const declared = [
    ...block.matchAll(
      /(?:string|choice|booleanParam|text|password)\(name: '([A-Z_]+)'/g,
    ),
  ]
    .map(x => x[1])
    .sort();

  // What the portal sends: the keys of every jenkins.trigger({...}) call in
  // the environments packages' source (the templates' pipeline step and the
  // service's destroy, which the expiry task runs).
  const pluginSrc = path.join(repoRoot, 'plugins/environments-node/src');
  const sources = [
    pluginSrc,
    path.join(repoRoot, 'plugins/scaffolder-backend-module-environments/src'),
  ];
  const sent = new Set();
  const actions = new Set();
  for (const file of sources
    .flatMap(dir => walk(dir, '.ts'))
    .filter(f => !f.includes('.test.'))) {
    const src = fs.readFileSync(file, 'utf8');
    for (const call of src.matchAll(/jenkins\.trigger\(\s*\{([^}]*)\}/g)) {
      for (const key of call[1].matchAll(/([A-Z_]+):/g)) sent.add(key[1]);
      for (const a of call[1].matchAll(/ACTION: '([a-z]+)'/g))
        actions.add(a[1]);
    }
  }
  assert.ok(sent.size > 0, 'found no jenkins.trigger calls in the plugin');
  // The client adds the request id that lets a repeated trigger find its build.
  const client = fs.readFileSync(
    path.join(pluginSrc, 'jenkins/JenkinsClient.ts'),
    'utf8',
  );
  const requestId = client.match(/REQUEST_ID_PARAMETER = '([A-Z_]+)'/)?.[1];
  assert.equal(requestId, 'REQUEST_ID');
  assert.deepEqual(declared, [...sent, requestId].sort());
  assert.deepEqual(declared, ['ACTION', 'ENV_NAME', 'GIT_REF', 'REQUEST_ID']);
  const choices = jf.match(
    /choice\(name: 'ACTION', choices: \[([^\]]*)\]/,
  )?.[1];
  assert.deepEqual(
    choices?.match(/'([a-z]+)'/g)?.map(s => s.slice(1, -1)),
    ['apply', 'destroy'],
  );
  for (const a of actions)
    assert.ok(['apply', 'destroy'].includes(a), `the portal sends ACTION ${a}`);
});

test('the Jenkinsfile: stages, portal-output line, webhook with credentials, no spliced parameters', () => {
  const jf = fs.readFileSync(jenkinsfile, 'utf8');
  const stages = [...jf.matchAll(/stage\('([^']+)'\)/g)].map(x => x[1]);
  for (const s of [
    'checkout',
    'terraform init',
    'terraform plan',
    'terraform apply',
    'terraform destroy',
    'kubeconfig',
    'ansible',
  ]) {
    assert.ok(stages.includes(s), `stage ${s} is missing`);
  }
  assert.match(jf, /aws eks update-kubeconfig --name "\$\{ENV_NAME\}"/);
  assert.match(jf, /ansible-playbook infra\/ansible\/cluster-addons\.yml/);
  // The portal parses `portal-output: {"apiServer": ..., "caData": ...}`.
  assert.match(
    jf,
    /print\("portal-output: " \+ json\.dumps\(\{"apiServer": o\["cluster_endpoint"\]\["value"\], "caData": o\["cluster_certificate_authority_data"\]\["value"\]\}/,
  );
  const post = jf.slice(jf.indexOf('post {'));
  assert.match(
    post,
    /always \{[\s\S]*withCredentials\(\[string\(credentialsId: 'portal-webhook-secret', variable: 'PORTAL_WEBHOOK_SECRET'\)\]\)[\s\S]*infra\/jenkins\/notify-portal\.sh/,
  );
  // sh steps are single-quoted Groovy strings: parameters reach the shell as
  // environment variables, never interpolated into the command by Groovy.
  for (const sh of jf.matchAll(/(?<=\s)sh\s+(["'])/g)) {
    assert.equal(
      sh[1],
      "'",
      `an sh step uses a double-quoted (interpolating) Groovy string near offset ${sh.index}`,
    );
  }
  assert.doesNotMatch(jf, /sh\s+"""/);
  assert.match(
    jf,
    /params\.ENV_NAME ==~ \/\^\[a-z\]/,
    'ENV_NAME is validated before use',
  );
});

test('the portal-output line the Jenkinsfile prints is the one the portal parses', () => {
  // Run the Jenkinsfile's own python3 one-liner on Terraform's output shape.
  const jf = fs.readFileSync(jenkinsfile, 'utf8');
  const script = jf.match(
    /python3 -c '(import json,sys; o=json\.load\(sys\.stdin\); print\("portal-output: "[^']*)'/,
  )[1];
  const ca = Buffer.from(
    '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n',
  ).toString('base64');
  const out = run('python3', ['-c', script], {
    input: JSON.stringify({
      cluster_endpoint: {
        sensitive: false,
        type: 'string',
        value:
          'https://ABCDEF0123456789ABCDEF0123456789.gr7.ap-northeast-2.eks.amazonaws.com',
      },
      cluster_certificate_authority_data: {
        sensitive: false,
        type: 'string',
        value: ca,
      },
    }),
  });
  assert.equal(out.status, 0, out.stderr);
  const line = out.stdout.trim();
  assert.ok(line.startsWith('portal-output: '));
  const parsed = JSON.parse(line.slice('portal-output: '.length));
  // The same checks as EnvironmentService.clusterFromLog.
  assert.match(parsed.apiServer, /^https:\/\/[a-z0-9.-]+(:\d+)?\/?$/i);
  assert.match(parsed.caData, /^[A-Za-z0-9+/=]{1,20000}$/);
});

test('ansible-playbook --syntax-check accepts the playbook', () => {
  requireTool('ansible-playbook', 'ansible-core');
  const r = run('ansible-playbook', ['--syntax-check', 'cluster-addons.yml'], {
    cwd: ansibleDir,
    env: {
      ...process.env,
      ANSIBLE_CONFIG: path.join(ansibleDir, 'ansible.cfg'),
      ANSIBLE_LOCAL_TEMP: os.tmpdir(),
      HOME: os.tmpdir(),
    },
  });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /playbook: cluster-addons\.yml/);
});

function runPlaybook(vars, env = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'addons-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const log = path.join(dir, 'calls');
  fs.writeFileSync(log, '');
  fs.writeFileSync(
    path.join(bin, 'helm'),
    `#!/bin/sh
printf 'helm' >>"$SHIM_LOG"; for a in "$@"; do printf ' [%s]' "$a" >>"$SHIM_LOG"; done; echo >>"$SHIM_LOG"
case "$1 $2" in "list "*) echo '[]';; "get values") echo 'null';; *) echo 'Release does not exist. Installing it now.';; esac
`,
    { mode: 0o755 },
  );
  fs.writeFileSync(
    path.join(bin, 'kubectl'),
    `#!/bin/sh
echo "kubectl $*" >>"$SHIM_LOG"; [ "$1" = apply ] && { cat >>"$SHIM_LOG.stdin"; echo created; }; exit 0
`,
    { mode: 0o755 },
  );
  const varsFile = path.join(dir, 'ansible-vars.json');
  fs.writeFileSync(varsFile, JSON.stringify(vars));
  const roles = path.join(dir, 'irsa.json');
  fs.writeFileSync(
    roles,
    JSON.stringify({
      irsa_role_arns: {
        'cluster-autoscaler':
          'arn:aws:iam::123456789012:role/dev-a-cluster-autoscaler',
        'aws-load-balancer-controller':
          'arn:aws:iam::123456789012:role/dev-a-aws-load-balancer-controller',
        'external-dns': 'arn:aws:iam::123456789012:role/dev-a-external-dns',
        'ebs-csi': 'arn:aws:iam::123456789012:role/dev-a-ebs-csi',
      },
    }),
  );
  const r = run(
    'ansible-playbook',
    ['cluster-addons.yml', '-e', `@${varsFile}`, '-e', `@${roles}`],
    {
      cwd: ansibleDir,
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        HOME: dir,
        SHIM_LOG: log,
        ANSIBLE_CONFIG: path.join(ansibleDir, 'ansible.cfg'),
        ANSIBLE_LOCAL_TEMP: dir,
        ANSIBLE_NOCOLOR: '1',
        ...env,
      },
    },
  );
  const stdin = fs.existsSync(`${log}.stdin`)
    ? fs.readFileSync(`${log}.stdin`, 'utf8')
    : '';
  return {
    ...r,
    calls: fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean),
    stdin,
  };
}

const portalVars = {
  environment_name: 'dev-a',
  cluster_name: 'dev-a',
  aws_region: 'ap-northeast-2',
  install_cluster_autoscaler: true,
  install_aws_load_balancer_controller: true,
  install_external_dns: true,
  install_monitoring: true,
  install_argo_cd: true,
};

test('the playbook installs each add-on with helm upgrade --install into its namespace; the Grafana password stays out of argv and values', () => {
  requireTool('ansible-playbook', 'ansible-core');
  const password = 'not-in-git "quoted" $(rm -rf /)';
  const r = runPlaybook(portalVars, { GRAFANA_ADMIN_PASSWORD: password });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const installs = r.calls.filter(c =>
    c.startsWith('helm [upgrade] [--install]'),
  );
  const where = installs.map(c => {
    const args = [...c.matchAll(/\[([^\]]*)\]/g)].map(x => x[1]);
    return `${args[2]}@${args[args.indexOf('--namespace') + 1]}`;
  });
  assert.deepEqual(where, [
    'cluster-autoscaler@kube-system',
    'aws-load-balancer-controller@kube-system',
    'external-dns@kube-system',
    'kube-prometheus-stack@monitoring',
    'argo-cd@argo',
  ]);
  for (const c of installs) {
    const release = c.match(/\[--install\] \[([^\]]+)\]/)[1];
    assert.ok(
      c.includes(
        `[--values] [${path.join(ansibleDir, 'values', `${release}.yaml`)}]`,
      ),
      c,
    );
    assert.match(c, /\[--version\] \[\d+\.\d+\.\d+\]/);
  }
  assert.ok(
    installs[0].includes(
      '[--set-string=rbac.serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn=arn:aws:iam::123456789012:role/dev-a-cluster-autoscaler]',
    ),
  );
  assert.ok(
    installs[0].includes('[--set-string=autoDiscovery.clusterName=dev-a]'),
  );
  // EBS-backed storage class and the Grafana Secret went through kubectl's stdin.
  assert.match(r.stdin, /provisioner: ebs\.csi\.aws\.com/);
  assert.ok(
    r.stdin.includes(JSON.stringify(password)),
    'the Secret holds the password from the environment',
  );
  assert.ok(
    !r.calls.join('\n').includes('not-in-git'),
    'the password never appears on a command line',
  );
  assert.ok(
    !r.stdout.includes('not-in-git'),
    'the password never appears in the log',
  );
  for (const f of fs.readdirSync(path.join(ansibleDir, 'values'))) {
    const text = fs.readFileSync(path.join(ansibleDir, 'values', f), 'utf8');
    assert.doesNotMatch(
      text,
      /adminPassword|password:\s*\S/i,
      `values/${f} must not hold a password`,
    );
  }
});

test('the playbook installs only the add-ons asked for, and refuses monitoring without a Grafana password', () => {
  requireTool('ansible-playbook', 'ansible-core');
  const none = runPlaybook({
    ...portalVars,
    install_cluster_autoscaler: false,
    install_aws_load_balancer_controller: false,
    install_external_dns: false,
    install_monitoring: false,
    install_argo_cd: false,
  });
  assert.equal(none.status, 0, none.stdout);
  assert.deepEqual(
    none.calls.filter(c => c.startsWith('helm')),
    [],
  );

  const noPassword = runPlaybook(
    { ...portalVars, install_monitoring: true },
    { GRAFANA_ADMIN_PASSWORD: '' },
  );
  assert.notEqual(noPassword.status, 0);
  assert.match(noPassword.stdout, /GRAFANA_ADMIN_PASSWORD/);
  assert.deepEqual(
    noPassword.calls.filter(c => c.startsWith('helm')),
    [],
    'nothing is installed before the check',
  );

  const hostile = runPlaybook({
    ...portalVars,
    environment_name: 'dev-a; rm -rf /',
  });
  assert.notEqual(hostile.status, 0);
  assert.deepEqual(
    hostile.calls.filter(c => c.startsWith('helm')),
    [],
  );
});

test('yamllint passes on infra/ansible and templates/', () => {
  requireTool('yamllint', 'yamllint');
  const r = run('yamllint', [
    '--strict',
    '-c',
    '.yamllint',
    'infra/ansible',
    'templates',
  ]);
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
});

test('shellcheck passes on infra/**/*.sh and scripts/*.sh', () => {
  requireTool('shellcheck', 'shellcheck');
  const files = [
    ...walk(path.join(repoRoot, 'infra'), '.sh'),
    ...fs
      .readdirSync(path.join(repoRoot, 'scripts'))
      .filter(f => f.endsWith('.sh'))
      .map(f => path.join(repoRoot, 'scripts', f)),
  ].map(f => path.relative(repoRoot, f));
  assert.ok(files.includes('infra/jenkins/notify-portal.sh'));
  const r = run('shellcheck', ['-x', ...files]);
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
});

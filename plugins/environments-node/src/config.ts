import { Config } from '@backstage/config';
import {
  readPricing,
  readTtlPolicy,
  type Pricing,
  type TtlPolicy,
} from '@internal/plugin-environments-common';
import path from 'node:path';

export interface IacConfig {
  url: string;
  branch: string;
  username?: string;
  token?: string;
  authorName: string;
  authorEmail: string;
}

export interface JenkinsConfig {
  baseUrl: string;
  job: string;
  username: string;
  apiToken?: string;
  password?: string;
  heartbeatSeconds: number;
  timeoutMinutes: number;
}

export interface PlatformConfig {
  iac: IacConfig;
  jenkins: JenkinsConfig;
  adminGroup: string;
  refreshSeconds: number;
  /** Name tag of the existing VPC environments go into. */
  vpcName: string;
  /** AWS account the environments live in (for IAM role ARNs). */
  awsAccountId: string;
  /**
   * URL templates of an environment's tools (`{name}` is its name), for the
   * environment page: `platform.environments.links`.
   */
  links: { argocd?: string; grafana?: string };
  /** Default and maximum time-to-live per purpose: `platform.environments.ttl`. */
  ttl: TtlPolicy;
  /** Prices of the create form's estimate: `platform.pricing`. */
  pricing: Pricing;
}

function resolveGitUrl(url: string) {
  // A plain path is a local repository (./portal start keeps one in .data/).
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[^/]+@[^:]+:/.test(url)) {
    return url;
  }
  return path.resolve(url);
}

/** Reads `platform.*` once, with messages that say which key is wrong. */
export function readPlatformConfig(config: Config): PlatformConfig {
  const iac = config.getConfig('platform.iac');
  const jenkins = config.getConfig('platform.jenkins');
  const apiToken = jenkins.getOptionalString('apiToken');
  const password = jenkins.getOptionalString('password');
  if (!apiToken && !password) {
    throw new Error(
      'platform.jenkins needs apiToken (preferred) or password; neither is set',
    );
  }
  const baseUrl = jenkins.getString('baseUrl').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(baseUrl)) {
    throw new Error(
      `platform.jenkins.baseUrl must be an http(s) URL, got ${baseUrl}`,
    );
  }
  return {
    iac: {
      url: resolveGitUrl(iac.getString('url')),
      branch: iac.getOptionalString('branch') ?? 'main',
      username: iac.getOptionalString('username'),
      token: iac.getOptionalString('token'),
      authorName: iac.getOptionalString('authorName') ?? 'EKS Developer Portal',
      authorEmail:
        iac.getOptionalString('authorEmail') ?? 'portal@acme.example',
    },
    jenkins: {
      baseUrl,
      job: jenkins.getString('job').replace(/^\/+|\/+$/g, ''),
      username: jenkins.getString('username'),
      apiToken,
      password,
      heartbeatSeconds: jenkins.getOptionalNumber('heartbeatSeconds') ?? 20,
      timeoutMinutes: jenkins.getOptionalNumber('timeoutMinutes') ?? 90,
    },
    adminGroup:
      config.getOptionalString('platform.environments.adminGroup') ??
      'group:default/platform-admins',
    refreshSeconds:
      config.getOptionalNumber('platform.environments.refreshSeconds') ?? 60,
    vpcName:
      config.getOptionalString('platform.environments.vpcName') ??
      'platform-vpc',
    awsAccountId:
      config.getOptionalString('platform.environments.awsAccountId') ??
      '123456789012',
    links: {
      argocd: config.getOptionalString('platform.environments.links.argocd'),
      grafana: config.getOptionalString('platform.environments.links.grafana'),
    },
    ttl: readTtlPolicy(config),
    pricing: readPricing(config),
  };
}

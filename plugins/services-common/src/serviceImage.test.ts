import {
  imageRepositoryName,
  isSidecarImage,
  serviceImage,
} from './serviceImage';

const ECR = '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com';

describe('serviceImage', () => {
  it('skips the mesh proxies injected before the service', () => {
    // As Argo CD's status.summary.images lists a meshed application's images.
    expect(
      serviceImage(
        ['docker.io/istio/proxyv2:1.24.2', `${ECR}/shop-backend:2.3.0`],
        ['shop-backend'],
      ),
    ).toBe(`${ECR}/shop-backend:2.3.0`);
    expect(
      serviceImage(
        [
          'docker.io/kumahq/kuma-dp:2.9.3',
          'docker.io/kumahq/kuma-init:2.9.3',
          `${ECR}/shop-web:1.9.0`,
        ],
        ['shop-web'],
      ),
    ).toBe(`${ECR}/shop-web:1.9.0`);
    expect(
      serviceImage(
        [
          'cr.l5d.io/linkerd/proxy:edge-24.11.8',
          'cr.l5d.io/linkerd/proxy-init:v2.4.1',
          `${ECR}/shop-web:1.9.0`,
        ],
        [],
      ),
    ).toBe(`${ECR}/shop-web:1.9.0`);
  });

  it('prefers the image named after the service over other images of the app', () => {
    expect(
      serviceImage(
        ['docker.io/library/redis:7.4', `${ECR}/shop-backend:2.3.0`],
        ['shop-backend'],
      ),
    ).toBe(`${ECR}/shop-backend:2.3.0`);
    expect(
      serviceImage(
        [
          { name: 'log-shipper', image: 'fluent/fluent-bit:3.1' },
          { name: 'shop-backend', image: `${ECR}/backend:2.3.0` },
        ],
        ['shop-backend'],
      ),
    ).toBe(`${ECR}/backend:2.3.0`);
  });

  it('has no service image when there are only injected ones', () => {
    expect(
      serviceImage(['docker.io/istio/proxyv2:1.24.2'], ['x']),
    ).toBeUndefined();
    expect(serviceImage([], ['x'])).toBeUndefined();
  });

  it('recognises sidecar images and repository names', () => {
    expect(isSidecarImage('gcr.io/istio-release/proxyv2:1.20.0')).toBe(true);
    expect(isSidecarImage('gcr.io/linkerd-io/proxy:stable-2.11.1')).toBe(true);
    expect(isSidecarImage('docker.io/istio/proxyv2:1.24.2')).toBe(true);
    expect(isSidecarImage(`${ECR}/shop-backend:2.3.0`)).toBe(false);
    expect(imageRepositoryName('localhost:5000/shop@sha256:abc')).toBe('shop');
    expect(imageRepositoryName(`${ECR}/team/shop-web:1.0`)).toBe('shop-web');
  });
});

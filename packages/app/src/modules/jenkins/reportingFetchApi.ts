import type { FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * An error the Jenkins cards can show: the Jenkins backend's own message (for
 * example "request to https://jenkins/... failed, reason: socket hang up"),
 * and `notFound` when Jenkins has no such job, which the plugin's cards
 * title "Can't find Jenkins project" instead of "Can't connect to Jenkins".
 */
export class JenkinsRequestError extends Error {
  readonly notFound: boolean;
  readonly statusCode: number;

  constructor(message: string, statusCode: number, notFound: boolean) {
    super(message);
    this.name = 'JenkinsRequestError';
    this.statusCode = statusCode;
    this.notFound = notFound;
  }
}

/**
 * The community Jenkins plugin's client reads `projects` from any answer,
 * error or not: when Jenkins is down the backend answers 500 and the latest
 * run card spins forever, the build list is just empty. Given this fetch, the
 * client throws instead, and the cards show their error panels.
 */
export function reportingFetchApi(fetchApi: FetchApi): FetchApi {
  return {
    fetch: async (input, init) => {
      const response = await fetchApi.fetch(input, init);
      if (response.ok) return response;
      const error = await ResponseError.fromResponse(response);
      // The backend's message quotes Jenkins URLs with their long `tree`
      // query; the path says enough and keeps the panel readable.
      const cause = (error.body?.error?.message ?? error.message).replace(
        /(https?:\/\/[^\s?]+)\?\S*/g,
        '$1',
      );
      const jenkinsStatus = /Jenkins API error (\d{3})/.exec(cause)?.[1];
      throw new JenkinsRequestError(
        cause,
        response.status,
        response.status === 404 || jenkinsStatus === '404',
      );
    },
  };
}

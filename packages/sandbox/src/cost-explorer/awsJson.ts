/*
 * The AWS JSON 1.1 wire format of the Cost Explorer stand-in: the operation
 * target prefix, the reply headers and the `__type` error body the AWS SDK
 * turns into its named exceptions.
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http.ts';

export const TARGET_PREFIX = 'AWSInsightsIndexService.';

export class AwsError extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

/** A ValidationException (HTTP 400), the answer to a malformed request. */
export function invalid(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function sendAws(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra = {},
) {
  sendJson(res, status, body, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': `sandbox-${Date.now().toString(36)}`,
    ...extra,
  });
}

export function sendAwsError(res: ServerResponse, error: AwsError) {
  sendAws(
    res,
    error.status,
    { __type: error.type, message: error.message },
    { 'x-amzn-errortype': error.type },
  );
}

/** Any failure as AWS reports it: an AwsError as is, anything else as a 500. */
export function sendFailure(res: ServerResponse, e: unknown) {
  sendAwsError(
    res,
    e instanceof AwsError
      ? e
      : new AwsError('InternalServerException', String(e), 500),
  );
}

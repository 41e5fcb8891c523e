/*
 * GetCostAndUsage pagination: the `NextPageToken` carries the offset of the
 * next day and a hash of the request, so a token replayed with another
 * request is refused as AWS does.
 */
import { AwsError } from './awsJson.ts';

function hash(s: string): string {
  let h = 5381;
  for (let i = 0; i < s.length; i++)
    h = (Math.imul(h, 33) ^ s.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

/** The request without its token: what a token is bound to. */
function requestKey(input: { NextPageToken?: string }): string {
  return hash(JSON.stringify({ ...input, NextPageToken: undefined }));
}

/** Where a page starts: 0 without a token, else the token's offset. */
export function pageOffset(input: { NextPageToken?: string }): number {
  if (!input.NextPageToken) return 0;
  try {
    const token = JSON.parse(
      Buffer.from(input.NextPageToken, 'base64url').toString('utf8'),
    );
    if (token.k !== requestKey(input)) {
      throw new AwsError(
        'RequestChangedException',
        'The request changed between pages',
      );
    }
    return Number(token.o);
  } catch (e) {
    if (e instanceof AwsError) throw e;
    throw new AwsError(
      'InvalidNextTokenException',
      'The pagination token is invalid',
    );
  }
}

/** The token of the page that starts at `offset` of the same request. */
export function nextPageToken(
  input: { NextPageToken?: string },
  offset: number,
): string {
  return Buffer.from(
    JSON.stringify({ o: offset, k: requestKey(input) }),
  ).toString('base64url');
}

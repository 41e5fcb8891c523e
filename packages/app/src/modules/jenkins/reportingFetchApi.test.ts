import { JenkinsRequestError, reportingFetchApi } from './reportingFetchApi';

// What fetch resolves to, as far as the wrapper and ResponseError read it.
const answer = (status: number, body: unknown) => ({
  fetch: jest.fn(
    async () =>
      ({
        ok: status < 400,
        status,
        statusText: status === 200 ? 'OK' : 'Internal Server Error',
        url: 'http://backend/api/jenkins/x',
        headers: new Map([['content-type', 'application/json']]),
        text: async () => JSON.stringify(body),
        json: async () => body,
      } as unknown as Response),
  ),
});

/** What the wrapper throws when the backend answers 500 with `error`. */
const failureOf = (error: { name: string; message: string }) =>
  reportingFetchApi(answer(500, { error, response: { statusCode: 500 } }))
    .fetch('http://backend/api/jenkins/x')
    .catch(e => e);

describe('reportingFetchApi', () => {
  it('passes a good answer through', async () => {
    const api = reportingFetchApi(answer(200, { projects: [] }));
    const response = await api.fetch('http://backend/api/jenkins/x');
    expect(await response.json()).toEqual({ projects: [] });
  });

  it("throws the backend's message when Jenkins cannot be reached", async () => {
    const error = await failureOf({
      name: 'FetchError',
      message:
        'request to http://jenkins/job/shop/api/json?tree=jobs%5Bname%5D failed, reason: socket hang up',
    });
    expect(error).toBeInstanceOf(JenkinsRequestError);
    expect(error.message).toBe(
      'request to http://jenkins/job/shop/api/json failed, reason: socket hang up',
    );
    expect(error.notFound).toBe(false);
    expect(error.statusCode).toBe(500);
  });

  it('marks a job Jenkins does not have as not found', async () => {
    const error = await failureOf({
      name: 'Error',
      message:
        'Jenkins API error 404 GET http://jenkins/job/nope/api/json: Not Found',
    });
    expect(error.notFound).toBe(true);
  });
});

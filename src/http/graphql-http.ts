import type http from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import vary from 'vary';
import type { Principal, RequestContext } from '../auth';
import type { Admission } from './admission';
import { parseJson, readBody } from './body';
import { send } from './endpoints';
import type { FailureLog } from './failure-log';
import { landingPage } from './landing-page';
import { attachRequestInfo, type RequestInfo } from './request-log';
import type { ValidatedOperations } from './validated-operations';

export interface GraphQLHttpDeps {
  apollo: ApolloServer<RequestContext>;
  validatedOperations: ValidatedOperations;
  admission: Admission;
  contextFor(principal: Principal | undefined, requestId: string): RequestContext;
  maxBodyBytes: number;
  failures: FailureLog;
  /** Told before a mutation is answered, with replicas configured: the key's next reads wait for what it wrote. */
  wrote?: (keyId: string) => Promise<void>;
}

/**
 * GraphQL over HTTP on /graphql: a GET without an operation gets the landing page; a
 * POST whose query text was validated before runs directly; everything else goes
 * through Apollo Server.
 */
export function graphqlOverHttp(deps: GraphQLHttpDeps) {
  const { apollo, validatedOperations, admission, failures } = deps;
  const contextFor = (principal: Principal | undefined, info: RequestInfo) => attachRequestInfo(deps.contextFor(principal, info.requestId), info);

  async function afterMutation(principal: Principal | undefined, info: RequestInfo): Promise<void> {
    if (deps.wrote && principal && info.operationType === 'mutation') await deps.wrote(principal.keyId);
  }

  return async function handleGraphQL(req: http.IncomingMessage, res: http.ServerResponse, url: URL, info: RequestInfo): Promise<void> {
    const isOperation = url.searchParams.has('query') || url.searchParams.has('extensions');
    if (req.method === 'GET' && !isOperation) return send(res, 200, landingPage(), 'text/html; charset=utf-8');
    const userToken = req.headers['x-user-token'];
    const principal = await admission.bearer(req.headers.authorization, typeof userToken === 'string' ? userToken : undefined, req.headers.origin);
    if (principal) admission.admit(principal, info);
    const body = req.method === 'POST' ? parseJson(await readBody(req, deps.maxBodyBytes)) : undefined;
    const validated = body === undefined ? undefined : validatedOperations.match({ contentType: req.headers['content-type'], accept: req.headers.accept, body });
    if (validated) {
      info.operationName = validated.operation.name;
      info.operationType = validated.operation.type;
      const response = await validatedOperations.execute(validated, contextFor(principal, info));
      if (response) {
        await afterMutation(principal, info);
        failures.log(response.errors, info);
        for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
        return send(res, response.status, response.body, 'application/json; charset=utf-8');
      }
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => contextFor(principal, info),
    });
    await afterMutation(principal, info);
    // A Vary from Apollo (or a plugin) joins the `Vary: Origin` that CORS set instead of replacing it.
    for (const [k, v] of result.headers) {
      if (k === 'vary') vary(res, v);
      else res.setHeader(k, v);
    }
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(result.body.string));
      return void res.end(result.body.string);
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

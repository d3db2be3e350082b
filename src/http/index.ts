/** The HTTP wing: the only code that knows HTTP, GraphQL transport and WebSockets. */
export { createHttpServer, type HttpDeps, type HttpServer } from './http-server';
export { ListenError } from './listen';

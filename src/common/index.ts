/** Shared building blocks: the closed family of errors, pagination, environment parsing. */
export { ConflictError, DomainError, ForbiddenError, NotFoundError, PayloadTooLargeError, RateLimitedError, ServiceUnavailableError, UnauthenticatedError, ValidationError, ValidationErrors, assertUnreachable } from './errors';
export { Connection, PageArgs, checkPageSize, decodeCursor, encodeCursor, toPage, type Page } from './pagination';
export { Scopes, scopesIn, SCOPES_EXTENSION } from './scopes';
export { unstorableText } from './text';

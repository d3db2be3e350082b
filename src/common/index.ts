/** Shared building blocks: the closed family of errors, pagination, access rules and list sizes, timings, web origins, text checks, command-line plumbing. */
export { ConflictError, DomainError, ForbiddenError, NotFoundError, PayloadTooLargeError, RateLimitedError, ServiceUnavailableError, UnauthenticatedError, ValidationError, ValidationErrors, assertUnreachable } from './errors';
export { Connection, ListArgs, SmallListArgs, PageArgs, checkPageSize, firstOf, decodeCursor, encodeCursor, toPage, type Page } from './pagination';
export { Scopes, scopesIn, SCOPES_EXTENSION } from './scopes';
export { ListSize, listSizeIn, LIST_SIZE_EXTENSION } from './list-size';
export { TIMED, Timings, type TimingListener } from './timings';
export { normalizeOrigin } from './origins';
export { pagesByArgs } from './pages-by-args';
export { isUuid, unstorableText } from './text';
export { EXIT_FAILED, EXIT_USAGE, parseCommandLine, runCommandLine, UsageError, type CommandLineTool } from './command-line';
export { wallClock, type Clock } from './clock';

/** API keys, scopes and end-user tokens: who is calling and what they may do. */
export { ApiKey, type Scope } from './api-key.entity';
export { ApiKeyService, generateApiKeySecret, type EnsuredKey, type KeyChange, type KeyChangeListener } from './api-key.service';
export { ApiKeysResolver } from './api-keys.resolver';
export { assertMayActFor } from './end-user';
export { hasScope, requireScope, type Principal } from './principal';
export { callerOf, type RequestContext } from './request-context';

/** Signed webhook deliveries of trigger occurrences. */
export { WebhooksResolver } from './webhooks.resolver';
export { WebhooksService } from './webhooks.service';

import { Migration20261123000001_core } from './Migration20261123000001_core';
import { Migration20261123000002_segments } from './Migration20261123000002_segments';
import { Migration20261123000003_scoring } from './Migration20261123000003_scoring';
import { Migration20261123000004_personalization } from './Migration20261123000004_personalization';
import { Migration20261123000005_recommendations } from './Migration20261123000005_recommendations';
import { Migration20261123000006_experiments } from './Migration20261123000006_experiments';
import { Migration20261123000007_triggers } from './Migration20261123000007_triggers';
import { Migration20261123000008_user_tokens } from './Migration20261123000008_user_tokens';
import { Migration20261123000009_erasure } from './Migration20261123000009_erasure';
import { Migration20261206000001_profile_notifications } from './Migration20261206000001_profile_notifications';
import { Migration20261207000001_messages_per_source_and_suppression } from './Migration20261207000001_messages_per_source_and_suppression';
import { Migration20261207100001_api_key_origins } from './Migration20261207100001_api_key_origins';
import { Migration20261207300001_clamped_event_times } from './Migration20261207300001_clamped_event_times';
import { Migration20261207500001_accounts } from './Migration20261207500001_accounts';
import { Migration20261207600001_history_and_scoring_runs } from './Migration20261207600001_history_and_scoring_runs';
import { Migration20261207700001_user_recommendations } from './Migration20261207700001_user_recommendations';
import { Migration20261207800001_orders } from './Migration20261207800001_orders';
import { Migration20261207900001_recommendation_notifications } from './Migration20261207900001_recommendation_notifications';
import { Migration20261208000001_partitioned_events } from './Migration20261208000001_partitioned_events';
import { Migration20261208100001_distributable_keys } from './Migration20261208100001_distributable_keys';
import { Migration20261208200001_retired_orders } from './Migration20261208200001_retired_orders';
import { Migration20261209000001_recommendation_coverage } from './Migration20261209000001_recommendation_coverage';

/** Listed explicitly so the same list serves ts-jest, ts-node and the compiled build. */
export const migrationsList = [
  { name: 'Migration20261123000001_core', class: Migration20261123000001_core },
  { name: 'Migration20261123000002_segments', class: Migration20261123000002_segments },
  { name: 'Migration20261123000003_scoring', class: Migration20261123000003_scoring },
  { name: 'Migration20261123000004_personalization', class: Migration20261123000004_personalization },
  { name: 'Migration20261123000005_recommendations', class: Migration20261123000005_recommendations },
  { name: 'Migration20261123000006_experiments', class: Migration20261123000006_experiments },
  { name: 'Migration20261123000007_triggers', class: Migration20261123000007_triggers },
  { name: 'Migration20261123000008_user_tokens', class: Migration20261123000008_user_tokens },
  { name: 'Migration20261123000009_erasure', class: Migration20261123000009_erasure },
  { name: 'Migration20261206000001_profile_notifications', class: Migration20261206000001_profile_notifications },
  { name: 'Migration20261207000001_messages_per_source_and_suppression', class: Migration20261207000001_messages_per_source_and_suppression },
  { name: 'Migration20261207100001_api_key_origins', class: Migration20261207100001_api_key_origins },
  { name: 'Migration20261207300001_clamped_event_times', class: Migration20261207300001_clamped_event_times },
  { name: 'Migration20261207500001_accounts', class: Migration20261207500001_accounts },
  { name: 'Migration20261207600001_history_and_scoring_runs', class: Migration20261207600001_history_and_scoring_runs },
  { name: 'Migration20261207700001_user_recommendations', class: Migration20261207700001_user_recommendations },
  { name: 'Migration20261207800001_orders', class: Migration20261207800001_orders },
  { name: 'Migration20261207900001_recommendation_notifications', class: Migration20261207900001_recommendation_notifications },
  { name: 'Migration20261208000001_partitioned_events', class: Migration20261208000001_partitioned_events },
  { name: 'Migration20261208100001_distributable_keys', class: Migration20261208100001_distributable_keys },
  { name: 'Migration20261208200001_retired_orders', class: Migration20261208200001_retired_orders },
  { name: 'Migration20261209000001_recommendation_coverage', class: Migration20261209000001_recommendation_coverage },
];

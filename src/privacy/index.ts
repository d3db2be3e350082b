/** Consent per purpose, erasure and export. Other features' SQL includes the consent predicates exported here. */
export { consentFromContext } from './consent-context';
export { consentLoaders } from './consent.loaders';
export { ConsentResolver, ProfileConsentResolver } from './consent.resolver';
export { ConsentService, consentDefaults } from './consent.service';
export { MARKETING_CONSENT_PREDICATE, personalizationConsentSql } from './consent.sql';
export { ConsentPurpose } from './consent.types';
export { ErasureResolver } from './erasure.resolver';
export { ErasureSalt } from './erasure-salt';
export { ErasureService } from './erasure.service';
export { ReplayGuard } from './replay-guard';

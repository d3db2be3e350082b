/** Profiles and their identities: the identity rules (resolution, merges, canonical forms) live here. */
export { IDENTITY_KINDS, lockIdentities, canonicalIdentity, type IdentityKind, type IdentityRef } from './identity';
export { IdentityResolver } from './identity-resolution';
export { profileHistorySql } from './profile-history.sql';
export { IdentityInput, Profile, ProfileConnection } from './profile.types';
export { profileLoaders } from './profiles.loaders';
export { ProfilesResolver } from './profiles.resolver';
export { ProfilesService, toProfile } from './profiles.service';
export { PROFILE_COLUMNS } from './profiles.sql';

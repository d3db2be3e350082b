import DataLoader from 'dataloader';
import type { Consent, ConsentChange } from './consent.types';
import type { ConsentService } from './consent.service';

export type ConsentLoaders = ReturnType<typeof consentLoaders>;

export function consentLoaders(consent: ConsentService) {
  return {
    consents: new DataLoader<string, Consent[]>((ids) => consent.ofProfiles(ids)),
    consentHistory: new DataLoader<string, ConsentChange[]>((ids) => consent.historyOf(ids)),
  };
}

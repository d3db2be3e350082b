import DataLoader from 'dataloader';
import type { ProfileSegment } from './segment.types';
import type { SegmentsService } from './segments.service';

export type SegmentLoaders = ReturnType<typeof segmentLoaders>;

export function segmentLoaders(segments: SegmentsService) {
  return {
    segmentSizes: new DataLoader<string, number>((ids) => segments.sizes(ids)),
    profileSegments: new DataLoader<string, ProfileSegment[]>((ids) => segments.segmentsOfProfiles(ids)),
  };
}

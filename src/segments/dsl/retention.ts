import { ValidationErrors } from '../../common';
import { RELATIVE_WINDOWS, relativeWindow, tagNode, type EventWindow, type SegmentDefinition, type SegmentNode } from './ast';
import { childPath, ProblemList } from './validate-values';

/** What EVENT_RETENTION_MONTHS keeps of the raw events (src/event-partitions). */
export interface EventRetention {
  months: number;
  /** The oldest instant still kept now (the start of the oldest month kept). */
  since: Date;
}

/** The days any window may span: N whole months hold at least 28·N days. */
export const retainedDays = (retention: EventRetention) => 28 * retention.months;

/**
 * Refuses event conditions that would read events retention no longer keeps: no window
 * (all time), `lastDays` (or hours, minutes) beyond 28 days per month kept, `since` or `between` starting
 * before the oldest month kept. Stats (orders, revenue, recency, ...) are kept whole and
 * are the way to ask about all time.
 */
export function checkWithinRetention(definition: SegmentDefinition, retention: EventRetention | null, rootPath = 'definition'): void {
  if (!retention) return;
  const problems = new ProblemList();
  visit(definition, rootPath, retention, problems);
  if (problems.items.length) throw new ValidationErrors(problems.items);
}

function visit(node: SegmentNode, path: string, retention: EventRetention, problems: ProblemList): void {
  const tagged = tagNode(node);
  const here = childPath(path, tagged.kind);
  if (tagged.kind === 'all' || tagged.kind === 'any') tagged.nodes.forEach((child, i) => visit(child, `${here}[${i}]`, retention, problems));
  else if (tagged.kind === 'not') visit(tagged.node, here, retention, problems);
  else if (tagged.kind === 'event' || tagged.kind === 'sequence') checkWindow(tagged.condition.within, childPath(here, 'within'), retention, problems);
}

function checkWindow(window: EventWindow | undefined, path: string, retention: EventRetention, problems: ProblemList): void {
  const relative = window && relativeWindow(window);
  const retainedMinutes = retainedDays(retention) * 24 * 60;
  const kept = `EVENT_RETENTION_MONTHS=${retention.months} keeps events since ${retention.since.toISOString().slice(0, 10)} (at least ${retainedDays(retention)} days)`;
  if (!window) {
    problems.add(path, `is required: events of all time are not kept (${kept}); use lastDays (or lastHours, lastMinutes), or a stat such as orders or revenue for all time`);
  } else if (relative && relative.minutes > retainedMinutes) {
    problems.add(childPath(path, relative.kind), `must be at most ${Math.floor(retainedMinutes / RELATIVE_WINDOWS[relative.kind].minutes)}: ${kept}`);
  } else if ('since' in window && new Date(window.since) < retention.since) {
    problems.add(childPath(path, 'since'), `must not be before ${retention.since.toISOString()}: ${kept}`);
  } else if ('between' in window && new Date(window.between[0]) < retention.since) {
    problems.add(`${childPath(path, 'between')}[0]`, `must not be before ${retention.since.toISOString()}: ${kept}`);
  }
}

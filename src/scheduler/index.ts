/** Periodic jobs on exactly one instance (an advisory lock elects the leader). */
export { Scheduler, type ScheduledJob } from './scheduler';

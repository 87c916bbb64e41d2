/** Metrics (DESIGN.md §6): one function for the live day and the month. */
export { metricsOf, type Metrics, type MetricsInput, type HourRow } from './metricsOf.js';
export { metricRulesOf, waitBucketsMinutes, HallDays, type MetricRules } from './rules.js';
export { measure, measureInto, waitSeconds, waitEnd, type MetricTicket, type MeasuredTicket } from './ticket.js';
export { MetricAccumulator } from './summary.js';
export { staffedTime, type StaffedTime } from './staffed.js';

/** Metrics (DESIGN.md §6): one function for the live day and the month. */
export { metricsOf, transferSteps, type Metrics, type MetricsInput, type HourRow } from './metricsOf.js';
export { metricRulesOf, waitBucketsMinutes, HallDays, type MetricRules } from './rules.js';
export { measure, measureInto, waitSeconds, waitEnd, type MetricTicket, type MeasuredTicket } from './ticket.js';
export { MetricAccumulator, summaryOf, p90Of, type MetricTally } from './summary.js';
export { staffedTime, type StaffedTime } from './staffed.js';
export { metricsFromTallies, type Tallied, type TalliesInput } from './fromTallies.js';

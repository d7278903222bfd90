/** The simulator: seeded discrete-event runs of a compiled workflow model. Pure: no I/O, no clock, no Math.random. */
export * from './arrivals.js';
export * from './audit-records.js';
export * from './calendar.js';
export * from './distributions.js';
export * from './engine.js';
export * from './event-queue.js';
export * from './random.js';
export * from './results.js';
export * from './scenario.js';
export * from './sketch.js';
export * from './statistics.js';
export * from './replications.js';
export * from './scenario-file.js';

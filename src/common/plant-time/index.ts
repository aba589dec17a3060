export * from './zone.js';
export * from './calendar.js';
export * from './clock.js';
export * from './shifts.js';
export * from './crews.js';

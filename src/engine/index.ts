export { EventQueue, type EventAction } from './event-queue.js';
export { Resource } from './resource.js';

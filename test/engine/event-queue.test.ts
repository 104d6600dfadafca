import { describe, expect, it } from '@jest/globals';
import { EventQueue } from '../../src/engine/event-queue.js';
import { Resource } from '../../src/engine/resource.js';

describe('EventQueue', () => {
  it('runs events in time order, and same-time events in the order they were scheduled', () => {
    const q = new EventQueue();
    const log: string[] = [];
    q.schedule(5, () => log.push(`a@${q.now}`));
    q.schedule(1, () => log.push(`b@${q.now}`));
    q.schedule(5, () => log.push(`c@${q.now}`));
    q.schedule(1, () => {
      log.push(`d@${q.now}`);
      q.schedule(1, () => log.push(`e@${q.now}`));
      q.schedule(3, () => log.push(`f@${q.now}`));
    });
    expect(q.run()).toBe(5);
    expect(log).toEqual(['b@1', 'd@1', 'e@1', 'f@3', 'a@5', 'c@5']);
    expect(q.processed).toBe(6);
  });

  it('passes each event the number it was scheduled with (one callback serves many items)', () => {
    const q = new EventQueue();
    const seen: string[] = [];
    const landed = (i: number) => seen.push(`${i}@${q.now}`);
    q.schedule(4, landed, 2);
    q.schedule(1, landed, 7);
    q.schedule(4, landed, 0);
    q.schedule(2, landed);
    q.run();
    expect(seen).toEqual(['7@1', '0@2', '2@4', '0@4']);
  });

  it('keeps heap order over many random events', () => {
    const q = new EventQueue();
    const seen: number[] = [];
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const t = x % 500;
      q.schedule(t, () => seen.push(t));
    }
    q.run();
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('refuses times in the past and fractional cycles', () => {
    const q = new EventQueue();
    q.schedule(10, () => {
      expect(() => q.schedule(9, () => {})).toThrow(/never in the past/);
    });
    q.run();
    expect(() => q.schedule(10.5, () => {})).toThrow(/integers/);
  });
});

describe('Resource', () => {
  it('serves one job at a time in reservation order', () => {
    const dram = new Resource('dram');
    expect(dram.reserve(0, 10)).toBe(0);
    expect(dram.reserve(3, 5)).toBe(10);
    expect(dram.reserve(40, 1)).toBe(40);
    expect(dram.busyUntil).toBe(41);
    expect(dram.busyCycles).toBe(16);
  });
});

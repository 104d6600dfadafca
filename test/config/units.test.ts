import { describe, expect, it } from '@jest/globals';
import { parseQuantity, readCommonUnit, readUnitWithMathjs, type Dimension } from '../../src/config/units.js';
import { UserError } from '../../src/config/user-error.js';

describe('parseQuantity: units at the config boundary, SI base units inside', () => {
  it.each([
    ['8 MiB', 'bytes', 8 * 2 ** 20],
    ['512 KiB', 'bytes', 512 * 1024],
    ['64 kB', 'bytes', 64_000], // kB is decimal
    ['8 kb', 'bytes', 1000], // kb is kilobits
    ['500 MHz', 'hertz', 5e8],
    ['1.2 GHz', 'hertz', 1.2e9],
    ['25.6 GB/s', 'bytesPerSecond', 25.6e9],
    ['0.4 GB/s', 'bytesPerSecond', 0.4e9],
    ['2 W', 'watts', 2],
    ['150 mW', 'watts', 0.15],
    ['100 ns', 'seconds', 1e-7],
    ['3 pJ', 'joules', 3e-12],
  ] as const)('%s → %d %s', (text, dimension, expected) => {
    expect(parseQuantity(text, dimension, 'f.json', '/x')).toBeCloseTo(expected, 12 - Math.floor(Math.log10(expected)));
  });

  it('takes plain numbers as already in base units', () => {
    expect(parseQuantity(524288, 'bytes', 'f.json', '/x')).toBe(524288);
  });

  it('rejects an unknown unit, naming the file, path and an example', () => {
    expect(() => parseQuantity('8 MiBB', 'bytes', 'arch.json', '/memory/sram/u/size')).toThrow(UserError);
    expect(() => parseQuantity('8 MiBB', 'bytes', 'arch.json', '/memory/sram/u/size')).toThrow(
      /arch\.json: \/memory\/sram\/u\/size: cannot read "8 MiBB" as a size in bytes.*expected e\.g\. "512 KiB"/,
    );
  });

  it('rejects a quantity of the wrong dimension', () => {
    expect(() => parseQuantity('500 MHz', 'bytes', 'a.json', '/size')).toThrow(/"500 MHz" is not a size in bytes/);
    expect(() => parseQuantity('2 W', 'joules', 'a.json', '/e')).toThrow(/is not an energy/);
  });

  it('reads each string once; a value read before still fails in the place it is used', () => {
    expect(parseQuantity('1.5 GHz', 'hertz', 'a.json', '/clock')).toBe(1.5e9);
    expect(parseQuantity('1.5 GHz', 'hertz', 'b.json', '/clock')).toBe(1.5e9);
    expect(() => parseQuantity('1.5 GHz', 'bytes', 'b.json', '/size')).toThrow(/b\.json: \/size: "1\.5 GHz" is not a size/);
    expect(() => parseQuantity('-2 pJ', 'joules', 'a.json', '/e')).toThrow(/a\.json: \/e:/);
    expect(() => parseQuantity('-2 pJ', 'joules', 'c.json', '/f')).toThrow(/c\.json: \/f:/);
    expect(() => parseQuantity('2 PW', 'watts', 'c.json', '/p')).toThrow(/c\.json: \/p: .*beyond any plausible value/);
    expect(() => parseQuantity('2 PW', 'watts', 'd.json', '/p')).toThrow(/d\.json: \/p: .*beyond any plausible value/);
  });

  it('rejects negative and non-finite values', () => {
    expect(() => parseQuantity(-1, 'bytes', 'a.json', '/size')).toThrow(/finite number ≥ 0/);
    expect(() => parseQuantity('-3 pJ', 'joules', 'a.json', '/e')).toThrow(/finite number ≥ 0/);
  });
});

describe('readCommonUnit: the forms read without loading mathjs', () => {
  const forms: Record<Dimension, { prefixes: string[]; units: string[] }> = {
    bytes: { prefixes: ['', 'k', 'M', 'G', 'T', 'P', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'], units: ['B', 'b'] },
    hertz: { prefixes: ['', 'k', 'M', 'G', 'T', 'P'], units: ['Hz'] },
    bytesPerSecond: { prefixes: ['', 'k', 'M', 'G', 'T', 'P', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'], units: ['B/s', 'b/s'] },
    seconds: { prefixes: ['', 'm', 'u', 'n', 'p', 'f'], units: ['s'] },
    watts: { prefixes: ['', 'k', 'm', 'u', 'n', 'p', 'f'], units: ['W'] },
    joules: { prefixes: ['', 'm', 'u', 'n', 'p', 'f'], units: ['J'] },
    area: { prefixes: ['', 'c', 'm', 'u', 'n'], units: ['m^2'] },
    volts: { prefixes: ['', 'm'], units: ['V'] },
  };
  const numbers = ['1', '8', '0.5', '1.2', '25.6', '385', '3.3', '.25', '1e3', '2.5E-2', '1024', '0.1'];

  it('gives exactly the number mathjs gives, for every prefix, unit and a range of numbers', () => {
    let checked = 0;
    for (const [dimension, { prefixes, units }] of Object.entries(forms) as [Dimension, (typeof forms)[Dimension]][])
      for (const p of prefixes)
        for (const u of units)
          for (const n of numbers)
            for (const text of [`${n} ${p}${u}`, `${n}${p}${u}`]) {
              const fast = readCommonUnit(text, dimension);
              expect([text, fast]).toEqual([text, readUnitWithMathjs(text, dimension)]);
              checked++;
            }
    expect(checked).toBeGreaterThan(1000);
  });

  it.each([
    ['8 MiB', 'hertz'], // another dimension's unit
    ['5 mB', 'bytes'], // millibytes: left to mathjs, which refuses them
    ['2 µs', 'seconds'], // the micro sign: mathjs's business
    ['8 MiBB', 'bytes'],
    ['1 GHz/s', 'hertz'],
    ['8 MiB ', 'bytes'], // the caller trims
    ['1e400 B', 'bytes'], // not finite
  ] as const)('leaves %j (%s) to mathjs', (text, dimension) => {
    expect(readCommonUnit(text, dimension)).toBeUndefined();
  });
});

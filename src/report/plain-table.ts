import Table from 'cli-table3';

/** A borderless, compact text table with the given column heads; `right` lists right-aligned columns. */
export function plainTable(head: string[], right: readonly number[] = []): Table.Table {
  const none = '';
  return new Table({
    head,
    colAligns: head.map((_, i) => (right.includes(i) ? 'right' : 'left')),
    style: { head: [], border: [], compact: true },
    chars: {
      top: none,
      'top-mid': none,
      'top-left': none,
      'top-right': none,
      bottom: none,
      'bottom-mid': none,
      'bottom-left': none,
      'bottom-right': none,
      left: none,
      'left-mid': none,
      mid: none,
      'mid-mid': none,
      right: none,
      'right-mid': none,
      middle: '  ',
    },
  }) as Table.Table;
}

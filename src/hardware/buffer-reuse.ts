/**
 * Share of an operand fetched again on each later pass over it: none if it fits the buffer,
 * else what half the buffer cannot keep. Half the buffer keeps data between passes; the other
 * half is the landing zone for prefetch (double buffering).
 */
export function refetchFraction(bytes: number, capacity: number): number {
  if (bytes <= capacity) return 0;
  return 1 - capacity / 2 / bytes;
}

/**
 * How a price point is named for a reader: `10s 1080p`, `4K`, `8s`, or `price` for a flat price.
 */

/**
 * Describes a price point's axes.
 * @param p - a point, quote or diff with an optional duration and resolution
 * @returns `10s 1080p`, `4K`, or `price` for a flat price
 */
export function pointLabel(p: { readonly duration?: number | undefined; readonly resolution?: string | undefined }): string {
  if (p.duration === undefined) return p.resolution ?? 'price';
  return p.resolution === undefined ? `${p.duration}s` : `${p.duration}s ${p.resolution}`;
}

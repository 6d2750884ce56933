/**
 * The request billing code sends for one price point in one mode: how the review and the export
 * ask a pricer for the price of a point as a customer would be charged it.
 */
import type { Mode } from '../rules/rule-file.js';
import type { PricePoint } from './types.js';

/**
 * A request for a point in a mode.
 * @param point - a price point of a model
 * @param mode - one of its modes
 * @returns the request body: the model, the point's duration and resolution, an input image for
 *   an image mode, and the input mode of a text-to-video request
 */
export function pointRequest(point: PricePoint, mode: Mode): Record<string, unknown> {
  const images = mode === 'image-to-image' || mode === 'image-to-video';
  return {
    model: point.model,
    ...(point.duration === undefined ? {} : { duration: point.duration }),
    ...(point.resolution === undefined ? {} : { resolution: point.resolution }),
    ...(images ? { inputImageUrls: ['image'] } : {}),
    ...(mode === 'text-to-video' ? { inputMode: 'text_to_video' } : {}),
  };
}

/**
 * What a model's modes decide: whether it makes video, which mode a request without input images
 * runs in and which one a request with images runs in, and the table of the price list it is
 * listed in. Written once, for the pricer, the checks, the docs, the export and the generator.
 */
import type { Mode, Section } from './rule-file.js';

/** The roles of a model's modes. */
export interface ModeRoles {
  /** Whether the model makes video (its modes are text-to-video and/or image-to-video). */
  readonly video: boolean;
  /** The mode a request without input images runs in: text-to-image or text-to-video. */
  readonly textMode: Mode | undefined;
  /** The mode a request with input images runs in: image-to-image or image-to-video. */
  readonly imageMode: Mode | undefined;
}

/**
 * Whether a mode makes video.
 * @param mode - a mode
 * @returns true for text-to-video and image-to-video
 */
export function isVideoMode(mode: Mode): boolean {
  return mode === 'text-to-video' || mode === 'image-to-video';
}

/**
 * Whether a mode takes input images.
 * @param mode - a mode
 * @returns true for image-to-image and image-to-video
 */
export function takesImages(mode: Mode): boolean {
  return mode === 'image-to-image' || mode === 'image-to-video';
}

/**
 * The roles of a model's modes.
 * @param modes - the model's modes
 * @returns whether it makes video, and its text and image modes
 */
export function modeRoles(modes: readonly Mode[]): ModeRoles {
  return {
    video: modes.some(isVideoMode),
    textMode: modes.find((m) => !takesImages(m)),
    imageMode: modes.find(takesImages),
  };
}

/**
 * The table of the price list a model is listed in.
 * @param modes - the model's modes
 * @returns `Video models` when it makes video, else `Image models`
 */
export function sectionOf(modes: readonly Mode[]): Section {
  return modes.some(isVideoMode) ? 'Video models' : 'Image models';
}

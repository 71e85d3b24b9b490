import { withShortNames } from '../model/names';

/**
 * Characters a terminal or a viewer acts on rather than shows: C0 and C1 controls (ESC starts
 * terminal escape sequences, BEL rings), DEL, and the marks that reorder or hide text (bidirectional
 * overrides and isolates, line and paragraph separators). Template values, logical IDs and file
 * names may hold any of them.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text with every unprintable character written as a visible `\uXXXX` escape (newlines and tabs too). */
export function printable(text: string): string {
  return withShortNames(text).text.replace(UNPRINTABLE, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

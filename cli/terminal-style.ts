import { styleText } from 'node:util';
import type { TextStyle } from '../language/headless/formats/text.js';

/** Colours for a terminal; the caller decides whether to use them (a terminal, no NO_COLOR). */
export const colourStyle: TextStyle = {
    error: (t) => styleText(['bold', 'red'], t, { validateStream: false }),
    warning: (t) => styleText(['bold', 'yellow'], t, { validateStream: false }),
    info: (t) => styleText('cyan', t, { validateStream: false }),
    dim: (t) => styleText('dim', t, { validateStream: false }),
};

// Drives the live view: on a TTY a frame redrawn twice a second on the alternate screen (plain
// ANSI, restored on stop); otherwise feed lines as they come and a status line every 10 seconds.
import type { DemoState, FeedLine } from '../demo-state.ts';
import { formatFeedLine, renderFrame, renderStatusLine } from './live-view.ts';

export interface TerminalView {
  start(): void;
  /** A new feed line (already added to the state). */
  feed(line: FeedLine): void;
  stop(): void;
}

const ENTER = '\x1b[?1049h\x1b[?25l';
const LEAVE = '\x1b[?25h\x1b[?1049l';

export function createTerminalView(options: { readonly state: DemoState; readonly out: NodeJS.WriteStream; readonly now: () => number }): TerminalView {
  const { state, out } = options;
  const tty = out.isTTY;
  let timer: ReturnType<typeof setInterval> | undefined;
  let started = false;
  const restore = (): void => { out.write(LEAVE); };

  const draw = (): void => {
    // A pseudo-terminal without a size reports 0 × 0.
    const lines = renderFrame(state, options.now(), { width: out.columns > 0 ? out.columns : 120, height: out.rows > 0 ? out.rows : 40, color: true });
    out.write(`\x1b[H${lines.join('\x1b[K\n')}\x1b[K\n\x1b[J`);
  };

  return {
    start() {
      started = true;
      if (tty) {
        out.write(ENTER);
        process.once('exit', restore);
        draw();
        timer = setInterval(draw, 500);
      } else {
        timer = setInterval(() => { out.write(`${renderStatusLine(state, options.now())}\n`); }, 10_000);
      }
    },
    feed(line) {
      if (started && !tty) out.write(`${formatFeedLine(state, line, false)}\n`);
    },
    stop() {
      if (!started) return;
      started = false;
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      if (tty) {
        restore();
        process.removeListener('exit', restore);
      } else {
        out.write(`${renderStatusLine(state, options.now())}\n`);
      }
    },
  };
}

// The agent's Markdown for a terminal: each line is written once it is complete (answers stream in pieces),
// **bold** and headings in bold when the output is a terminal (plain otherwise), links as "title (url)",
// list bullets as "•", backslash escapes removed. Nothing else of Markdown reaches the reader.

export interface TerminalMarkdownWriter {
  /** Adds a piece of the answer; complete lines are written at once. */
  push(delta: string): void;
  /** Writes what is left, ending with a newline (so what follows starts on its own line). */
  end(): void;
}

const bold = (text: string, color: boolean) => (color ? `\x1b[1m${text}\x1b[22m` : text);

/** One line of Markdown as terminal text. */
export function renderTerminalLine(line: string, color: boolean): string {
  const heading = /^\s{0,3}#{1,6}\s+(.*)$/.exec(line);
  let text = heading ? heading[1]! : line;
  text = text.replace(/^(\s*)[-*+] +/, '$1• ');
  text = text.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (_, title: string, url: string) =>
    title === url ? url : `${title} (${url})`,
  );
  text = text.replace(/\*\*([^*\n]+)\*\*|__([^_\n]+)__/g, (_, a: string | undefined, b: string | undefined) =>
    bold(a ?? b ?? '', color),
  );
  text = text.replace(/\\([\\`*_[\]<>|#()!-])/g, '$1');
  return heading ? bold(text, color) : text;
}

/** A writer that renders Markdown line by line to `write`. */
export function createTerminalMarkdownWriter(
  write: (text: string) => void,
  options: { color: boolean },
): TerminalMarkdownWriter {
  let pending = '';
  return {
    push(delta) {
      pending += delta;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        write(`${renderTerminalLine(pending.slice(0, newline), options.color)}\n`);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    },
    end() {
      if (pending) write(`${renderTerminalLine(pending, options.color)}\n`);
      pending = '';
    },
  };
}

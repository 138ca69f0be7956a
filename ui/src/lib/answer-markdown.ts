// The agent's answers are Markdown with a small vocabulary: paragraphs, "- " and "1. " lists, **bold** and links
// to streamlens pages ([1:20:05](/streams/<id>?t=4805000)). This reads that vocabulary into plain data the Ask page
// renders as elements, never as HTML: the text may quote chat. Links leave the page only for streamlens' own paths;
// any other link (an external or `javascript:` URL a quoted message could smuggle in) stays text.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'link'; text: string; href: string };

export type Block = { kind: 'paragraph'; lines: Inline[][] } | { kind: 'list'; ordered: boolean; items: Inline[][] };

const inlinePattern = /\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*([^*\n]+)\*\*/g;

/** Whether a link target is a path of this app (not `//host`, not a scheme). */
function isAppPath(href: string): boolean {
  return href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/\\');
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  const pushText = (t: string) => {
    if (!t) return;
    const prev = out.at(-1);
    if (prev?.kind === 'text') prev.text += t;
    else out.push({ kind: 'text', text: t });
  };
  for (const m of text.matchAll(inlinePattern)) {
    pushText(text.slice(last, m.index));
    if (m[3] !== undefined) out.push({ kind: 'strong', text: m[3] });
    else if (isAppPath(m[2]!)) out.push({ kind: 'link', text: m[1]!, href: m[2]! });
    else pushText(m[0]);
    last = m.index + m[0].length;
  }
  pushText(text.slice(last));
  return out;
}

const bullet = /^\s*[-*] +/;
const numbered = /^\s*\d+\. +/;

export function parseAnswer(markdown: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const line of markdown.split('\n')) {
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    const ordered = numbered.test(line);
    if (ordered || bullet.test(line)) {
      if (current?.kind !== 'list' || current.ordered !== ordered) {
        current = { kind: 'list', ordered, items: [] };
        blocks.push(current);
      }
      current.items.push(parseInline(line.replace(ordered ? numbered : bullet, '')));
    } else {
      if (current?.kind !== 'paragraph') {
        current = { kind: 'paragraph', lines: [] };
        blocks.push(current);
      }
      current.lines.push(parseInline(line));
    }
  }
  return blocks;
}

// A list that renders only the rows in view (chat can hold thousands of lines). Fixed row height; sticks to
// the bottom while the reader is at the bottom, like a chat client.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export function VirtualList<T>(props: {
  items: readonly T[];
  rowHeight: number;
  height: number;
  render: (item: T, index: number) => ComponentChildren;
  label: string;
  stickToBottom?: boolean;
}) {
  const box = useRef<HTMLElement>(null);
  const [top, setTop] = useState(0);
  const atBottom = useRef(true);
  const total = props.items.length * props.rowHeight;

  useLayoutEffect(() => {
    const el = box.current;
    if (el && props.stickToBottom && atBottom.current) {
      el.scrollTop = el.scrollHeight;
      setTop(el.scrollTop);
    }
  }, [props.items.length]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const onScroll = () => {
      atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - props.rowHeight;
      setTop(el.scrollTop);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  const first = Math.max(0, Math.floor(top / props.rowHeight) - 10);
  const last = Math.min(props.items.length, Math.ceil((top + props.height) / props.rowHeight) + 10);
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <li class="vrow" key={i} style={{ top: `${i * props.rowHeight}px`, height: `${props.rowHeight}px` }}>
        {props.render(props.items[i]!, i)}
      </li>,
    );
  }
  // The scroll area is a focusable region so keyboard users can scroll it.
  return (
    <section ref={box} class="vlist" tabIndex={-1} style={{ height: `${props.height}px` }} aria-label={props.label}>
      <ul class="vlist-rows" style={{ height: `${total}px` }}>
        {rows}
      </ul>
    </section>
  );
}

// Loading, error and empty states: each says what is going on and what to do.
import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api.ts';

export function Loading(props: { what?: string }) {
  return (
    <p class="state loading" role="status">
      <span class="spinner" aria-hidden="true" /> Loading {props.what ?? ''}…
    </p>
  );
}

export function ErrorBox(props: { error: ApiError; retry?: () => void }) {
  return (
    <div class="state error" role="alert">
      <strong>{props.error.message}</strong>
      {props.error.hint && <p>{props.error.hint}</p>}
      {props.retry && (
        <button type="button" class="button" onClick={props.retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty(props: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state empty">
      <strong>{props.title}</strong>
      {props.children && <div>{props.children}</div>}
    </div>
  );
}

/** A titled card. */
export function Card(props: {
  title?: string;
  class?: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
}) {
  return (
    <section class={`card ${props.class ?? ''}`}>
      {(props.title || props.actions) && (
        <header class="card-head">
          {props.title && <h2>{props.title}</h2>}
          {props.actions}
        </header>
      )}
      {props.children}
    </section>
  );
}

/** A figure with its label and an optional delta against the usual. */
export function Stat(props: { label: string; value: string; delta?: string; tone?: 'up' | 'down' | '' }) {
  return (
    <div class="stat">
      <div class="stat-label">{props.label}</div>
      <div class="stat-value">{props.value}</div>
      {props.delta && <div class={`stat-delta ${props.tone ?? ''}`}>{props.delta}</div>}
    </div>
  );
}

// "Clip it": asks streamlens to clip a moment of a stream. While the stream is live and the moment is within the
// last minute, Twitch makes a clip (its link shows at once, its title and views once Twitch lists it); otherwise
// Twitch cannot (it only clips the last ~90 s of a live stream), and the answer is the VOD at that moment and why.

import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';

type ClipAnswer =
  | { kind: 'clip'; id: string; url: string; editUrl: string; momentTs: number; note: string }
  | { kind: 'vod'; url: string | null; offsetMs: number; reason: string };

const safe = (url: string | null) => (url && /^https:\/\//.test(url) ? url : null);

/** A button that clips `ts` of the stream (now when omitted), and what came of it. */
export function ClipButton(props: { streamId: string; ts?: number; live: boolean; label?: string }) {
  const [state, setState] = useState<
    { s: 'idle' } | { s: 'busy' } | { s: 'done'; answer: ClipAnswer } | { s: 'error'; error: ApiError }
  >({ s: 'idle' });
  const clip = async () => {
    setState({ s: 'busy' });
    try {
      const answer = await api<ClipAnswer>(`/api/streams/${encodeURIComponent(props.streamId)}/clips`, {
        method: 'POST',
        body: props.ts === undefined ? {} : { ts: props.ts },
      });
      setState({ s: 'done', answer });
    } catch (error) {
      setState({ s: 'error', error: error instanceof ApiError ? error : new ApiError(0, 'HTTP', String(error)) });
    }
  };
  return (
    <span class="clip-button">
      <button
        type="button"
        onClick={clip}
        disabled={state.s === 'busy'}
        title={
          props.live
            ? 'Twitch clips the last ~90 seconds of the live stream'
            : 'Twitch only clips live streams: this opens the VOD at the moment instead'
        }
      >
        {state.s === 'busy' ? 'Clipping…' : (props.label ?? (props.live ? 'Clip' : 'VOD link'))}
      </button>
      {state.s === 'done' && state.answer.kind === 'clip' && (
        <span class="muted">
          {' '}
          {safe(state.answer.url) && (
            <a href={safe(state.answer.url)!} target="_blank" rel="noopener noreferrer">
              {state.answer.url}
            </a>
          )}{' '}
          ({state.answer.note})
        </span>
      )}
      {state.s === 'done' && state.answer.kind === 'vod' && (
        <span class="muted">
          {' '}
          {safe(state.answer.url) && (
            <a href={safe(state.answer.url)!} target="_blank" rel="noopener noreferrer">
              VOD at this moment
            </a>
          )}{' '}
          — {state.answer.reason}
        </span>
      )}
      {state.s === 'error' && (
        <span class="error" role="alert">
          {' '}
          {state.error.message}
          {state.error.hint ? ` — ${state.error.hint}` : ''}
        </span>
      )}
    </span>
  );
}

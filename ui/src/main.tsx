// Entry point: styles, theme from the last visit, then the app.
import { render } from 'preact';
import { App } from './app.tsx';
import './styles.css';

document.documentElement.dataset.theme = localStorage.getItem('streamlens-theme') === 'light' ? 'light' : 'dark';
render(<App />, document.getElementById('app')!);

import { mount } from 'svelte';
import { t } from '../../display/lib/i18n/index.js';
import '../lib/counter.css';
import TerminalApp from './TerminalApp.svelte';

document.title = `${t('counter.title')} · ${t('app.name')}`;
mount(TerminalApp, { target: document.getElementById('app')! });

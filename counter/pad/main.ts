import { mount } from 'svelte';
import { t } from '../../display/lib/i18n/index.js';
import '../lib/counter.css';
import PadApp from './PadApp.svelte';

document.title = `${t('pad.title')} · ${t('app.name')}`;
mount(PadApp, { target: document.getElementById('app')! });

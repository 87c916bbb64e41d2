import { mount } from 'svelte';
import { t } from '../../display/lib/i18n/index.js';
import '../../counter/lib/counter.css';
import HomeApp from './HomeApp.svelte';

document.title = `${t('home.title')} · ${t('app.name')}`;
mount(HomeApp, { target: document.getElementById('app')! });

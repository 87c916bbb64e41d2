import { mount } from 'svelte';
import { t } from '../../display/lib/i18n/index.js';
import '../../counter/lib/counter.css';
import './desk.css';
import DeskApp from './DeskApp.svelte';

document.title = `${t('desk.title')} · ${t('app.name')}`;
mount(DeskApp, { target: document.getElementById('app')! });

import { mount } from 'svelte';
import { t } from '../../display/lib/i18n/index.js';
import '../lib/counter.css';
import './admin.css';
import AdminApp from './AdminApp.svelte';

document.title = `${t('admin.title')} · ${t('app.name')}`;
mount(AdminApp, { target: document.getElementById('app')! });

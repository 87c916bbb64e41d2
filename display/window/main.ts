import { mount } from 'svelte';
import '../lib/screens/base.css';
import WindowApp from './WindowApp.svelte';

mount(WindowApp, { target: document.getElementById('app')! });

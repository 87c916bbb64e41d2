import { mount } from 'svelte';
import '../lib/counter.css';
import PadApp from './PadApp.svelte';

mount(PadApp, { target: document.getElementById('app')! });

import { mount } from 'svelte';
import '../lib/counter.css';
import TerminalApp from './TerminalApp.svelte';

mount(TerminalApp, { target: document.getElementById('app')! });

import { mount } from 'svelte';
import '../lib/counter.css';
import './inspect.css';
import InspectApp from './InspectApp.svelte';

mount(InspectApp, { target: document.getElementById('app')! });

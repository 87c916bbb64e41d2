import { mount } from 'svelte';
import '../lib/screens/base.css';
import HallApp from './HallApp.svelte';

mount(HallApp, { target: document.getElementById('app')! });

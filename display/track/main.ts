import { mount } from 'svelte';
import './track.css';
import TrackApp from './TrackApp.svelte';

mount(TrackApp, { target: document.getElementById('app')! });

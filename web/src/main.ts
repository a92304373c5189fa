import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { loadCytoscape } from './lib/graph/cytoscape-loader.ts';
import { parseRoute } from './lib/state/router.svelte.ts';

// The map view is the usual first screen: fetch the graph library alongside the first data.
const first = parseRoute(location.hash, location.search);
if (first.name === 'home' || (first.name === 'map' && first.view === 'map')) void loadCytoscape();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
export default mount(App, { target });

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { Providers } from './providers';
import '../styles/tokens.css';
import '../styles/base.css';
import '../styles/controls/buttons.css';
import '../styles/controls/page.css';
import '../styles/controls/states.css';
import '../styles/controls/filters.css';
import '../styles/controls/tables.css';
import '../styles/controls/lists.css';
import '../styles/controls/figures.css';
import '../styles/controls/panels.css';
import '../styles/controls/forms.css';
import '../styles/controls/dialogs.css';
import '../styles/controls/tones.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Providers>
      <App />
    </Providers>
  </StrictMode>,
);

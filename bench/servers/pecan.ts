/** pecan from the built package (`dist/`), at its defaults. */
import { app } from './pecan-app.js';
import { serve } from './serve.js';

serve(app);

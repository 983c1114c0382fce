/** pecan from the built package (`dist/`), at its defaults. */
import { app, usersVia } from './pecan-app.js';
import { serve } from './serve.js';

serve(app, `users=${usersVia}`);

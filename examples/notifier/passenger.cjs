// Passenger's startup file (PassengerStartupFile), the counterpart of mod_wsgi's app.wsgi.
// Passenger's loader require()s it, and an ES module with top-level await cannot be required
// (ERR_REQUIRE_ASYNC_MODULE): so this CommonJS file import()s the ES module entry, which calls
// pecan's deploy() on the config file and listens. A failed start ends the process, so that
// Passenger reports it (with this error in Apache's error log) instead of waiting for listen().
import('./server.js').catch((error) => {
  console.error(error);
  process.exit(1);
});

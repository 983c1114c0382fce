import { STATUS_CODES } from 'node:http';
import { expose, redirect, when } from 'pecan';

/** What an error status means, for the error page. */
const EXPLANATIONS: Record<number, string> = {
  400: 'The server could not understand the request.',
  401: 'This page needs you to log in.',
  403: 'You are not allowed to see this page.',
  404: 'The page you asked for could not be found.',
  405: 'This page does not answer that request method.',
  500: 'Something went wrong on the server.',
};

export class RootController {
  // GET / renders the home page, a search form...
  @expose({ generic: true, template: 'index.html' })
  index() {
    return {};
  }

  // ...which POSTs here: off to the documentation's search.
  @when('index', { method: 'POST' })
  indexPost(q: string) {
    redirect(`https://pecan.readthedocs.io/en/latest/search.html?q=${encodeURIComponent(q)}`);
  }

  // The error document for 404s (app.errors in the config).
  @expose('error.html')
  error(status: string) {
    const code = Number.parseInt(status, 10) || 500;
    return {
      status: code,
      title: STATUS_CODES[code] ?? 'Error',
      message: EXPLANATIONS[code] ?? '',
    };
  }
}

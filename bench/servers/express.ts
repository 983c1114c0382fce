/**
 * Express with idiomatic `res.json`/`res.send`. ETag and X-Powered-By are off, so its answers
 * carry the same headers as the others (and it does less work than at its defaults).
 */
import express from 'express';
import {
  DEEP_PATH,
  DEEP_TEXT,
  PLAIN_PATH,
  PLAIN_TEXT,
  TEXT,
  checkOrder,
  created,
  hello,
  user,
} from '../endpoints.js';
import { serve } from './serve.js';

const app = express();
app.disable('etag');
app.disable('x-powered-by');

app.get('/', (_req, res) => {
  res.type('text/plain').send(TEXT);
});
app.get('/json', (_req, res) => {
  res.json(hello());
});
app.get('/users/:id', (req, res) => {
  res.json(user(req.params.id));
});
app.post('/users', express.json(), (req, res) => {
  const body = req.body as { name: string; email: string };
  res.status(201).json(created(body.name, body.email));
});
app.post('/echo', express.json(), (req, res) => {
  res.json(req.body);
});
app.post('/orders', express.json(), (req, res) => {
  const query = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1));
  const order = checkOrder(query, req.body);
  if (order === null) res.status(400).type('text/plain').send('Bad Request');
  else res.json(order);
});
app.get(DEEP_PATH, (_req, res) => {
  res.type('text/plain').send(DEEP_TEXT);
});
app.get(PLAIN_PATH, (_req, res) => {
  res.type('text/plain').send(PLAIN_TEXT);
});

serve(app);

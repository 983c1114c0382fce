/* global document, window, fetch, URLSearchParams, setInterval, EventSource -- a browser script */
// The live alarms list: server-sent events from /v1/alarms/events redraw each alarm that
// changes; without EventSource, or when the stream keeps failing, it polls /v1/alarms.
// No build step: plain JavaScript the browser runs as it is.
(() => {
  const table = document.getElementById('alarms');
  const rowTemplate = document.getElementById('alarm-row');
  const status = document.getElementById('live-status');
  const empty = document.getElementById('no-alarms');
  if (!table || !rowTemplate) return;
  const body = table.tBodies[0];
  const filters = {
    state: table.dataset.stateFilter,
    severity: table.dataset.severityFilter,
    deployment: table.dataset.deploymentFilter,
  };
  const POLL_MS = 5000;

  function matches(alarm) {
    if (filters.state && alarm.state !== filters.state) return false;
    if (filters.severity && alarm.severity !== filters.severity) return false;
    if (filters.deployment && (!alarm.deployment || alarm.deployment.id !== filters.deployment))
      return false;
    return true;
  }

  function field(row, name) {
    return row.querySelector(`[data-field="${name}"]`);
  }

  /** A row for `alarm`, cloned from the server's own row markup. */
  function renderRow(alarm) {
    const row = rowTemplate.content.querySelector('tr').cloneNode(true);
    row.dataset.alarmId = String(alarm.id);
    row.dataset.severity = alarm.severity;
    row.dataset.state = alarm.state;
    const link = field(row, 'link');
    link.href = `/alarms/${alarm.id}`;
    link.textContent = `#${alarm.id}`;
    const severity = field(row, 'severity');
    severity.textContent = alarm.severity;
    severity.className = `badge severity-${alarm.severity}`;
    const state = field(row, 'state');
    state.textContent = alarm.state;
    state.className = `badge state-${alarm.state}`;
    const deployment = field(row, 'deployment');
    deployment.textContent = alarm.deployment ? alarm.deployment.name : '—';
    deployment.href = `/?deployment=${encodeURIComponent(alarm.deployment ? alarm.deployment.id : '')}`;
    const stack = field(row, 'stack');
    stack.textContent = alarm.stack ? `stack ${alarm.stack.name}` : '';
    stack.hidden = !alarm.stack;
    field(row, 'definition').textContent = alarm.definition.name;
    field(row, 'event').textContent = alarm.notification.eventType;
    const time = field(row, 'time');
    time.dateTime = alarm.createdAt;
    time.textContent = alarm.createdAt.slice(0, 19).replace('T', ' ');
    // The blank row has the acknowledge form; only an alarm in `alarm` keeps it.
    const form = field(row, 'acknowledge');
    if (alarm.state !== 'alarm') form.remove();
    form.action = `/alarms/${alarm.id}`;
    form.querySelector('button').setAttribute('aria-label', `Acknowledge alarm ${alarm.id}`);
    return row;
  }

  /** Puts `alarm` in its place (newest first), replaces its old row, or drops it. */
  function upsert(alarm) {
    const old = body.querySelector(`tr[data-alarm-id="${alarm.id}"]`);
    if (!matches(alarm)) {
      old?.remove();
    } else if (old) {
      old.replaceWith(renderRow(alarm));
    } else {
      const newer = [...body.rows].find((row) => Number(row.dataset.alarmId) < alarm.id);
      body.insertBefore(renderRow(alarm), newer ?? null);
    }
    if (empty) empty.hidden = body.rows.length > 0;
  }

  function say(text) {
    if (status) status.textContent = text;
  }

  let polling = null;
  function poll() {
    if (polling) return;
    say('Newest first. Live updates unavailable: refreshing every 5 seconds.');
    const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value));
    const refresh = async () => {
      try {
        const response = await fetch(`/v1/alarms?${query}`, {
          headers: { accept: 'application/json' },
        });
        if (!response.ok) return;
        const { alarms } = await response.json();
        const ids = new Set(alarms.map((alarm) => String(alarm.id)));
        for (const row of [...body.rows]) if (!ids.has(row.dataset.alarmId)) row.remove();
        for (const alarm of alarms.reverse()) upsert(alarm);
      } catch {
        // The service is restarting: the next round tries again.
      }
    };
    polling = setInterval(refresh, POLL_MS);
    void refresh();
  }

  if (!('EventSource' in window)) {
    poll();
    return;
  }
  let failures = 0;
  const events = new EventSource(`/v1/alarms/events?since=${table.dataset.since ?? ''}`);
  events.addEventListener('open', () => {
    failures = 0;
    say('Newest first. Live: new alarms appear as they are raised.');
  });
  events.addEventListener('alarm', (event) => upsert(JSON.parse(event.data)));
  events.addEventListener('error', () => {
    // EventSource reconnects by itself; after repeated failures, poll instead.
    failures += 1;
    if (events.readyState === EventSource.CLOSED || failures >= 3) {
      events.close();
      poll();
    }
  });
})();

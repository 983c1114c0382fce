/* global document, window, fetch, setTimeout, EventSource, DOMParser */
// Keeps the deployments list and a deployment's page up to date: server-sent events from
// GET /v1/deployments/events, or polling GET /v1/deployments when EventSource is missing or
// keeps failing. The pages work without this script; it only saves reloading them.
(function () {
  'use strict';
  var list = document.getElementById('deployments');
  var page = document.getElementById('deployment');
  var root = list || page;
  if (!root) return;
  var announcer = document.getElementById('live-status');
  var POLL_MS = 3000;
  var WATCH_MS = 5000;

  function statusHtml(status) {
    var state = /_IN_PROGRESS$/.test(status)
      ? 'progress'
      : /_FAILED$/.test(status)
        ? 'failed'
        : 'complete';
    var icon = state === 'progress' ? '⟳' : state === 'failed' ? '✗' : '✓';
    var span = document.createElement('span');
    span.className = 'status status-' + state;
    var iconSpan = document.createElement('span');
    iconSpan.className = 'status-icon';
    iconSpan.setAttribute('aria-hidden', 'true');
    iconSpan.textContent = icon;
    var text = document.createElement('span');
    text.className = 'status-text';
    text.textContent = status;
    span.append(iconSpan, ' ', text);
    return span;
  }

  function setStatus(cell, deployment) {
    if (!cell || cell.getAttribute('data-status') === deployment.status) return false;
    cell.setAttribute('data-status', deployment.status);
    cell.title = deployment.statusReason;
    cell.replaceChildren(statusHtml(deployment.status));
    return true;
  }

  function setField(container, name, value) {
    var cell = container.querySelector('[data-field="' + name + '"]');
    if (cell && name !== 'name') cell.textContent = value;
    return cell;
  }

  function announce(deployment) {
    if (announcer) announcer.textContent = deployment.name + ': ' + deployment.status;
  }

  function rowFor(deployment) {
    var row = list.querySelector('[data-deployment-id="' + deployment.id + '"]');
    if (row || deployment.status === 'DELETE_COMPLETE') return row;
    row = document.createElement('tr');
    row.setAttribute('data-deployment-id', deployment.id);
    ['name', 'app', 'size', 'count', 'region'].forEach(function (field) {
      var cell = document.createElement('td');
      cell.setAttribute('data-field', field);
      row.appendChild(cell);
    });
    var status = document.createElement('td');
    status.setAttribute('data-status', '');
    row.appendChild(status);
    var updated = document.createElement('td');
    updated.setAttribute('data-field', 'updatedAt');
    row.appendChild(updated);
    list.tBodies[0].prepend(row);
    var empty = document.getElementById('no-deployments');
    if (empty) empty.remove();
    return row;
  }

  function showInList(deployment) {
    var row = rowFor(deployment);
    if (!row) return;
    var link = document.createElement('a');
    link.href = '/deployments/' + deployment.id;
    link.textContent = deployment.name;
    row.querySelector('[data-field="name"]').replaceChildren(link);
    ['app', 'size', 'count', 'region'].forEach(function (field) {
      setField(row, field, String(deployment[field]));
    });
    setField(row, 'updatedAt', deployment.updatedAt.slice(0, 19).replace('T', ' '));
    if (setStatus(row.querySelector('[data-status]'), deployment)) announce(deployment);
  }

  function showOnPage(deployment, event) {
    if (deployment.id !== page.getAttribute('data-deployment-id')) return;
    page.querySelector('h1[data-field="name"]').textContent = deployment.name;
    setField(page, 'statusReason', deployment.statusReason);
    setField(page, 'size', deployment.size);
    setField(page, 'count', String(deployment.count));
    setField(page, 'stackId', deployment.stackId || '—');
    showRetry(deployment);
    if (setStatus(page.querySelector('dd[data-status]'), deployment)) {
      announce(deployment);
      // A lifecycle that ended may have changed the outputs: the page renders them.
      if (!/_IN_PROGRESS$/.test(deployment.status)) refreshOutputs();
    }
    if (event) addEvent(event);
  }

  // As templates/retrying.html renders it.
  function showRetry(deployment) {
    var retrying = page.querySelector('[data-field="lastError"]');
    if (!retrying) return;
    if (!deployment.lastError) return retrying.replaceChildren();
    var parts = [
      'Waiting for the cloud (attempt ' + deployment.attempts + ' failed): ' + deployment.lastError,
    ];
    if (deployment.retryAt) {
      var time = document.createElement('time');
      time.dateTime = deployment.retryAt;
      time.textContent = deployment.retryAt.slice(11, 19) + ' UTC';
      parts.push(' — next try at ', time);
    }
    retrying.replaceChildren.apply(retrying, parts);
  }

  // The outputs section as the server renders it now (one template for both ways).
  var initial = document.getElementById('outputs-section');
  var outputsHtml = initial ? initial.innerHTML : null;
  function refreshOutputs() {
    fetch(window.location.pathname, { headers: { accept: 'text/html' } })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        var section = fresh.getElementById('outputs-section');
        var current = document.getElementById('outputs-section');
        // Left alone when unchanged, so that a password the user opened stays open.
        if (!section || !current || section.innerHTML === outputsHtml) return;
        outputsHtml = section.innerHTML;
        current.replaceWith(section);
      })
      .catch(function () {}); // a reload shows them
  }

  function addEvent(event) {
    var timeline = document.getElementById('timeline');
    if (!timeline || timeline.querySelector('[data-event-id="' + event.id + '"]')) return;
    var item = document.createElement('li');
    item.setAttribute('data-event-id', String(event.id));
    var time = document.createElement('time');
    time.dateTime = event.createdAt;
    time.textContent = event.createdAt.slice(0, 19).replace('T', ' ');
    var type = document.createElement('code');
    type.textContent = event.eventType;
    var reason = document.createElement('span');
    reason.className = 'reason';
    reason.textContent = event.statusReason;
    item.append(time, ' ', type, ' ', statusHtml(event.status), ' ', reason);
    timeline.appendChild(item);
  }

  function show(deployment, event) {
    if (list) showInList(deployment);
    if (page) showOnPage(deployment, event);
  }

  function poll() {
    var id = page && page.getAttribute('data-deployment-id');
    var url = id ? '/v1/deployments/' + id : '/v1/deployments?limit=100';
    fetch(url, { headers: { accept: 'application/json' } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (body) {
        if (!body) return;
        if (id) {
          show(body, null);
          (body.events || []).forEach(addEvent);
        } else
          body.deployments.forEach(function (d) {
            show(d, null);
          });
      })
      .catch(function () {}) // the next poll tries again
      .finally(function () {
        setTimeout(poll, POLL_MS);
      });
  }

  if (!('EventSource' in window)) return poll();
  // Retries of a failing cloud call write no timeline event: while a lifecycle runs, the
  // deployment's page also looks at it now and then, to show why it waits.
  if (page) {
    var watch = function () {
      var status = page.querySelector('dd[data-status]');
      if (status && /_IN_PROGRESS$/.test(status.getAttribute('data-status'))) {
        fetch('/v1/deployments/' + page.getAttribute('data-deployment-id'), {
          headers: { accept: 'application/json' },
        })
          .then(function (response) {
            return response.ok ? response.json() : null;
          })
          .then(function (body) {
            if (body) show(body, null);
          })
          .catch(function () {});
      }
      setTimeout(watch, WATCH_MS);
    };
    setTimeout(watch, WATCH_MS);
  }
  var since = root.getAttribute('data-since') || '';
  var source = new EventSource('/v1/deployments/events?since=' + encodeURIComponent(since));
  var failures = 0;
  source.addEventListener('deployment', function (message) {
    failures = 0;
    var data = JSON.parse(message.data);
    show(data.deployment, data.event);
  });
  source.addEventListener('open', function () {
    failures = 0;
  });
  source.addEventListener('error', function () {
    // EventSource reconnects by itself; after three failures in a row, poll instead.
    failures += 1;
    if (failures >= 3 || source.readyState === EventSource.CLOSED) {
      source.close();
      poll();
    }
  });
})();

// The sandbox page: draws what the server renders from the fake Slack, and turns what the person
// does into requests the sandbox server replays to jobdesk as Slack would (signed). No framework:
// the server sends HTML per region; this script swaps regions that changed and wires the controls.

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

const params = new URLSearchParams(location.search);
const restored = (() => {
  try {
    return JSON.parse(sessionStorage.getItem('jobdesk-sandbox-view') ?? 'null') ?? {};
  } catch {
    return {};
  }
})();
const ui = {
  as: params.get('as') || localStorage.getItem('jobdesk-sandbox-as') || '',
  pane: restored.pane || 'jobs',
  thread: restored.thread || null,
  /** Ephemerals older than this page are not shown (Slack drops them on reload). */
  ephemeralsAfter: null,
  data: null,
  seen: {},
  loading: false,
  again: false,
  stuckToBottom: true,
};
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const locale = navigator.language || 'en-US';

// ── talking to the sandbox server ───────────────────────────────────────────────────────────

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error || `HTTP ${response.status}`);
  return json;
}

async function act(body) {
  try {
    const result = await post('/sandbox/act', { as: ui.as, ...body });
    for (const problem of result.problems ?? []) toast(problem, 'error');
    return result;
  } catch (error) {
    toast(error.message, 'error');
    return undefined;
  } finally {
    refresh();
  }
}

function toast(text, kind = 'info') {
  const item = document.createElement('div');
  item.className = `toast toast-${kind}`;
  item.textContent = text;
  $('#toasts').append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

// ── reading the state and drawing it ────────────────────────────────────────────────────────

async function refresh() {
  if (ui.loading) {
    ui.again = true;
    return;
  }
  ui.loading = true;
  try {
    const query = new URLSearchParams({ pane: ui.pane, tz: timeZone, locale });
    if (ui.as) query.set('as', ui.as);
    // The first answer names where this page starts; ephemerals before it are not shown.
    query.set('ephemeralsAfter', ui.ephemeralsAfter ?? 'now');
    if (ui.thread) query.set('thread', ui.thread);
    const response = await fetch(`/sandbox/state?${query}`);
    if (response.ok) draw(await response.json());
    else if (response.status === 400 && ui.as) {
      // A person remembered from another sandbox (or a mistyped ?as=): start as the first one.
      forgetPerson();
      ui.again = true;
    }
  } catch {
    // The server restarts or is gone; the stream reconnects and asks again.
  } finally {
    ui.loading = false;
    if (ui.again) {
      ui.again = false;
      refresh();
    }
  }
}

function forgetPerson() {
  ui.as = '';
  localStorage.removeItem('jobdesk-sandbox-as');
  const url = new URL(location.href);
  url.searchParams.delete('as');
  history.replaceState(null, '', url);
}

/** Replaces a region's HTML only when it changed, so focus, menus and scroll survive. */
function setHtml(element, html) {
  if (element.dataset.html === html) return false;
  element.dataset.html = html;
  element.innerHTML = html;
  return true;
}

function draw(data) {
  const first = ui.data === null;
  ui.data = data;
  ui.ephemeralsAfter ??= data.ephemeralsAfter;
  if (!ui.as) ui.as = data.me.id;
  if (ui.pane === 'jobs') ui.pane = data.channels[0]?.id ?? 'jobs';
  document.body.dataset.as = data.me.id;
  document.body.dataset.version = String(data.version);

  drawPeople(data);
  drawClock(data.clock);
  drawSidebar(data, first);

  $('#pane-title').textContent =
    data.pane.kind === 'channel' ? `# ${data.pane.title}` : data.pane.title;
  $('#app-tabs').hidden = data.pane.kind === 'channel';
  $('#tab-home').classList.toggle('active', data.pane.kind === 'home');
  $('#tab-messages').classList.toggle('active', data.pane.kind === 'dm');
  // Like Slack with the manifest's messages_tab_read_only_enabled: the tab shows a note instead.
  const readOnly = data.pane.kind === 'dm' && data.messagesTabReadOnly;
  $('#composer').hidden = data.pane.kind === 'home' || readOnly;
  $('#composer-off').hidden = !readOnly;
  $('#composer-text').placeholder =
    data.pane.kind === 'channel'
      ? `Message #${data.pane.title} — type /jobs help`
      : `Message ${data.appName} — /jobs works here too`;

  const body = $('#pane-body');
  const nearBottom = body.scrollHeight - body.scrollTop - body.clientHeight < 80;
  if (setHtml(body, data.pane.html) && (nearBottom || first || ui.paneChanged)) {
    body.scrollTop = data.pane.kind === 'home' ? 0 : body.scrollHeight;
  }
  ui.paneChanged = false;

  const thread = $('#thread');
  thread.hidden = !data.thread;
  document.body.classList.toggle('thread-open', Boolean(data.thread));
  if (data.thread) {
    $('#thread-where').textContent =
      data.pane.kind === 'channel' ? `# ${data.pane.title}` : data.appName;
    const threadBody = $('#thread-body');
    if (setHtml(threadBody, data.thread.html)) threadBody.scrollTop = threadBody.scrollHeight;
  } else if (ui.thread) {
    ui.thread = null;
  }

  drawModal(data.modal);
  drawMerchant(data.merchant, first);
  restoreDraft($('#composer-text'));
  if (data.thread) restoreDraft($('#thread-text'));
  saveView();
  refreshMail();
}

function drawPeople(data) {
  const select = $('#person');
  const html = data.people
    .map((p) => `<option value="${p.id}">${escapeHtml(p.name)} — ${escapeHtml(p.about)}</option>`)
    .join('');
  if (select.dataset.html !== html) {
    select.dataset.html = html;
    select.innerHTML = html;
  }
  select.value = data.me.id;
  $('#me-about').textContent = `${data.me.name} · ${data.me.about}`;
  $('#workspace-name').textContent = data.workspace.name;
  $('#sidebar-team-name').textContent = data.workspace.name;
}

function drawClock(clock) {
  const now = new Date(clock.now);
  const element = $('#clock-now');
  element.dateTime = clock.now;
  element.textContent = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(now);
  const hours = Math.round(clock.offsetMs / 3_600_000);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  $('#clock-now-button').hidden = clock.offsetMs <= 0;
  $('#clock-offset').textContent =
    clock.offsetMs <= 0
      ? '(real time)'
      : `(+${days ? `${days} d ` : ''}${rest ? `${rest} h` : ''})`.replace(' )', ')');
}

function drawSidebar(data, first) {
  const counts = Object.fromEntries(data.channels.map((c) => [c.id, c.messages]));
  counts.dm = data.dm.messages;
  const seenKey = `${data.me.id}`;
  ui.seen[seenKey] ??= {};
  const seen = ui.seen[seenKey];
  for (const [pane, count] of Object.entries(counts)) {
    if (first || seen[pane] === undefined) seen[pane] = count;
  }
  const open = data.pane.kind === 'channel' ? data.pane.id : data.pane.kind === 'dm' ? 'dm' : null;
  if (open) seen[open] = counts[open];

  const list = $('#channel-list');
  setHtml(
    list,
    data.channels
      .map((c) => {
        const unread = Math.max(0, c.messages - (seen[c.id] ?? c.messages));
        return `<li><button type="button" class="sidebar-item${open === c.id ? ' active' : ''}${unread ? ' unread' : ''}" data-pane="${c.id}"># ${escapeHtml(c.name)}${unread ? `<span class="badge badge-muted">${unread}</span>` : ''}</button></li>`;
      })
      .join(''),
  );
  const dmUnread = Math.max(0, counts.dm - (seen.dm ?? counts.dm));
  const badge = $('#dm-badge');
  badge.hidden = dmUnread === 0;
  badge.textContent = String(dmUnread);
  $('#app-item').classList.toggle('active', data.pane.kind !== 'channel');
}

function escapeHtml(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

// ── modals ──────────────────────────────────────────────────────────────────────────────────

function drawModal(modal) {
  const layer = $('#modal-layer');
  if (!modal) {
    layer.hidden = true;
    layer.dataset.key = '';
    layer.dataset.viewId = '';
    layer.innerHTML = '';
    return;
  }
  if (layer.dataset.key === modal.key) return;
  // Like Slack: what the person typed stays in fields whose block and action ids stay.
  const sameView = layer.dataset.viewId === modal.id;
  const kept = sameView ? readValues(layer) : {};
  layer.dataset.key = modal.key;
  layer.dataset.viewId = modal.id;
  layer.innerHTML = modal.html;
  layer.hidden = false;
  if (sameView) writeValues(layer, kept);
  const focus = $('[autofocus]', layer) ?? $('input, textarea, select', layer);
  if (!sameView) focus?.focus();
}

/** What a person sees in a stateful element, as the sandbox's FieldValue. */
function fieldValue(element) {
  const type = element.dataset.type;
  if (element.classList.contains('bk-multi')) {
    return $$('.bk-chip', element).map((chip) => chip.dataset.value);
  }
  if (element.classList.contains('bk-toggles')) {
    const checked = $$('input:checked', element).map((input) => input.value);
    return type === 'checkboxes' ? checked : (checked[0] ?? null);
  }
  const value = element.value;
  return value === '' ? null : value;
}

function readValues(root) {
  const values = {};
  for (const element of $$('[data-state]', root)) {
    const { blockId, actionId } = element.dataset;
    if (!blockId || !actionId) continue;
    values[blockId] = { ...values[blockId], [actionId]: fieldValue(element) };
  }
  return values;
}

function writeValues(root, values) {
  for (const element of $$('[data-state]', root)) {
    const value = values[element.dataset.blockId]?.[element.dataset.actionId];
    if (value === undefined) continue;
    if (element.classList.contains('bk-multi')) {
      setMulti(element, Array.isArray(value) ? value : []);
    } else if (element.classList.contains('bk-toggles')) {
      const chosen = Array.isArray(value) ? value : [value];
      for (const input of $$('input', element)) input.checked = chosen.includes(input.value);
    } else {
      element.value = value ?? '';
    }
  }
}

function showFieldError(block, message) {
  const error = $('.bk-error', block);
  block.classList.toggle('bk-has-error', Boolean(message));
  error.hidden = !message;
  error.textContent = message ?? '';
}

/** Slack's own checks before a modal may be submitted: required fields, emails, lengths. */
function clientSideErrors(form) {
  let ok = true;
  for (const block of $$('[data-input-block]', form)) {
    const element = $('[data-state]', block);
    if (!element) continue;
    const value = fieldValue(element);
    const empty = value === null || (Array.isArray(value) && value.length === 0);
    let message = null;
    if (empty && block.dataset.optional !== '1') message = 'Please complete this required field.';
    else if (!empty && typeof value === 'string') {
      const min = Number(element.getAttribute('minlength') || 0);
      if (min && value.length < min) message = `Please enter at least ${min} characters.`;
      else if (element.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
        message = 'Please enter a valid email address.';
      else if (element.type === 'url' && !/^https?:\/\/\S+$/.test(value))
        message = 'Please enter a valid URL.';
      else if (element.type === 'number' && Number.isNaN(Number(value)))
        message = 'Please enter a number.';
    }
    if (message) {
      showFieldError(block, message);
      ok = false;
    }
  }
  return ok;
}

// ── multi-selects ───────────────────────────────────────────────────────────────────────────

function setMulti(multi, ids) {
  const add = $('.bk-multi-add', multi);
  const names = new Map();
  for (const option of $$('option', add)) names.set(option.value, option.textContent);
  for (const chip of $$('.bk-chip', multi))
    names.set(chip.dataset.value, chip.firstChild.textContent);
  for (const chip of $$('.bk-chip', multi)) chip.remove();
  const isPeople = /users_select$/.test(multi.dataset.type);
  for (const id of ids) {
    const chip = document.createElement('span');
    chip.className = 'bk-chip';
    chip.dataset.value = id;
    const name = (names.get(id) ?? id).replace(/^@/, '');
    chip.append(document.createTextNode(`${isPeople ? '@' : ''}${name}`));
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'bk-chip-remove';
    remove.setAttribute('aria-label', `Remove ${name}`);
    remove.textContent = '×';
    chip.append(remove);
    multi.insertBefore(chip, add);
  }
  const placeholder = add.options[0];
  const options = [...names.entries()]
    .filter(([id]) => id && !ids.includes(id))
    .map(([id, name]) => {
      const option = document.createElement('option');
      option.value = id;
      option.textContent = name.replace(/^@/, '');
      return option;
    });
  add.replaceChildren(placeholder, ...options);
  add.value = '';
}

// ── acting on blocks ────────────────────────────────────────────────────────────────────────

function surfaceOf(element) {
  const root = element.closest('[data-surface]');
  if (!root) return undefined;
  const kind = root.dataset.surface;
  if (kind === 'view') return { root, surface: { kind, viewId: root.dataset.viewId } };
  if (kind === 'ephemeral') return { root, surface: { kind, ts: root.dataset.ts } };
  return { root, surface: { kind: 'message', channel: root.dataset.channel, ts: root.dataset.ts } };
}

/** A block action, as Slack sends it: where, which element, and the state of the surface. */
function blockAction(element, extra) {
  const where = surfaceOf(element);
  if (!where) return;
  const body = {
    type: 'action',
    surface: where.surface,
    blockId: element.dataset.blockId,
    actionId: element.dataset.actionId,
    ...extra,
  };
  if (where.surface.kind === 'view') body.values = readValues(where.root);
  return act(body);
}

function confirmed(element) {
  const spec = element.dataset.confirm;
  if (!spec) return true;
  const { title, text } = JSON.parse(spec);
  return window.confirm(`${title}\n\n${text}`);
}

function closeMenus(except) {
  for (const menu of $$('.bk-menu')) if (menu !== except) menu.hidden = true;
}

document.addEventListener('click', (event) => {
  const target = event.target;
  if (!(target instanceof Element)) return;

  const toggle = target.closest('.bk-overflow-toggle');
  if (toggle) {
    const menu = $('.bk-menu', toggle.parentElement);
    closeMenus(menu);
    menu.hidden = !menu.hidden;
    return;
  }
  const item = target.closest('.bk-menu-item');
  if (item) {
    const overflow = item.closest('.bk-overflow');
    closeMenus();
    if (item.dataset.url) window.open(item.dataset.url, '_blank', 'noopener');
    if (confirmed(overflow)) blockAction(overflow, { option: item.dataset.value });
    return;
  }
  closeMenus();

  const button = target.closest('button.bk-button[data-dispatch]');
  if (button) {
    if (button.dataset.url) window.open(button.dataset.url, '_blank', 'noopener');
    if (confirmed(button)) blockAction(button);
    return;
  }
  const remove = target.closest('.bk-chip-remove');
  if (remove) {
    const multi = remove.closest('.bk-multi');
    const ids = $$('.bk-chip', multi)
      .map((chip) => chip.dataset.value)
      .filter((id) => id !== remove.parentElement.dataset.value);
    setMulti(multi, ids);
    if (multi.dataset.dispatch) blockAction(multi, { choice: ids });
    return;
  }
  const threadLink = target.closest('[data-open-thread]');
  if (threadLink) {
    ui.thread = threadLink.dataset.openThread;
    refresh();
    return;
  }
  const dismiss = target.closest('[data-dismiss]');
  if (dismiss) {
    act({ type: 'dismiss', ts: dismiss.dataset.dismiss });
    return;
  }
  const close = target.closest('[data-close-view]');
  if (close) {
    const form = close.closest('form.modal');
    act({ type: 'close', viewId: form.dataset.viewId });
    return;
  }
  const paneButton = target.closest('[data-pane]');
  if (paneButton) {
    openPane(paneButton.dataset.pane);
    return;
  }
  if (target.closest('[data-back-to-now]')) {
    backToNow();
    return;
  }
  const jump = target.closest('[data-jump]');
  if (jump) {
    jumpClock(Number(jump.dataset.jump));
    return;
  }
  const tab = target.closest('[data-mtab]');
  if (tab) showMerchantTab(tab.dataset.mtab);
});

document.addEventListener('change', (event) => {
  const target = event.target;
  if (!(target instanceof Element)) return;
  if (target.classList.contains('bk-multi-add')) {
    const multi = target.closest('.bk-multi');
    if (!target.value) return;
    const ids = [...$$('.bk-chip', multi).map((chip) => chip.dataset.value), target.value];
    const max = Number(multi.dataset.max || 0);
    if (max && ids.length > max) {
      toast(`At most ${max} can be picked`, 'error');
      target.value = '';
      return;
    }
    setMulti(multi, ids);
    if (multi.dataset.dispatch) blockAction(multi, { choice: ids });
    return;
  }
  const stateful = target.closest('[data-state]');
  if (stateful) {
    const block = stateful.closest('[data-input-block]');
    if (block) showFieldError(block, null);
    if (stateful.dataset.dispatch && !stateful.matches('input[type=text], textarea, .bk-multi')) {
      blockAction(stateful, { choice: fieldValue(stateful) });
    }
  }
});

// A mention is picked with the mouse before the text box loses focus.
document.addEventListener('mousedown', (event) => {
  const option = event.target instanceof Element && event.target.closest('[data-mention]');
  if (!option) return;
  event.preventDefault();
  const textarea = document.getElementById(mentionMenu().dataset.for);
  if (textarea) pickMention(textarea, option.dataset.mention);
});

document.addEventListener('input', (event) => {
  if (event.target.id === 'composer-text' || event.target.id === 'thread-text') {
    showMentions(event.target);
    saveDraft(event.target);
  }
  const block = event.target instanceof Element && event.target.closest('[data-input-block]');
  if (block?.classList.contains('bk-has-error')) showFieldError(block, null);
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  event.preventDefault();
  if (form.classList.contains('modal')) {
    if (!clientSideErrors(form)) return;
    act({ type: 'submit', viewId: form.dataset.viewId, values: readValues(form) });
  } else if (form.id === 'composer') {
    send($('#composer-text'), ui.data?.pane.kind === 'dm' ? 'dm' : ui.data?.pane.channel);
  } else if (form.id === 'thread-composer') {
    send($('#thread-text'), ui.data?.thread?.channel, ui.data?.thread?.ts);
  } else if (form.dataset.mail) {
    sendMail(form);
  } else if (form.dataset.mform) {
    sendMerchant(form);
  }
});

document.addEventListener('keydown', (event) => {
  const target = event.target;
  const menu = mentionMenu();
  if (!menu.hidden && menu.dataset.for === target.id) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveMention(event.key === 'ArrowDown' ? 1 : -1);
      return;
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      const active = $('.mention-option.active', menu);
      if (active) pickMention(target, active.dataset.mention);
      return;
    }
    if (event.key === 'Escape') {
      closeMentions();
      return;
    }
  }
  if (event.key === 'Escape') {
    closeMenus();
    const form = $('#modal-layer form.modal');
    if (form && !$('#modal-layer').hidden) act({ type: 'close', viewId: form.dataset.viewId });
    return;
  }
  if (event.key !== 'Enter' || event.shiftKey) return;
  if (target.id === 'composer-text' || target.id === 'thread-text') {
    event.preventDefault();
    target.form.requestSubmit();
    return;
  }
  // A dispatching text input (dispatch_action) speaks when the person presses Enter.
  if (target instanceof HTMLInputElement && target.dataset.dispatch && target.dataset.state) {
    event.preventDefault();
    blockAction(target, { choice: fieldValue(target) });
  }
});

// ── @mentions ───────────────────────────────────────────────────────────────────────────────
// Like Slack: typing @ offers the workspace's people; a picked person reads "@Leo Martins" in the
// box and is sent as <@U…> (in a slash command, escaped as Slack does: <@U…|leo>).

/** Per text box: the mentions picked into it, as { label, id, handle }. */
const picked = new WeakMap();

function mentionQuery(textarea) {
  const before = textarea.value.slice(0, textarea.selectionStart);
  const match = /(^|\s)@([\w.-]*)$/.exec(before);
  return match
    ? { query: match[2].toLowerCase(), start: before.length - match[2].length - 1 }
    : null;
}

function mentionMenu() {
  return $('#mention-menu');
}

function closeMentions() {
  const menu = mentionMenu();
  menu.hidden = true;
  menu.innerHTML = '';
  menu.dataset.for = '';
}

function showMentions(textarea) {
  const found = mentionQuery(textarea);
  const people = ui.data?.people ?? [];
  const matches = found
    ? people.filter(
        (p) =>
          p.handle.startsWith(found.query) ||
          p.name
            .toLowerCase()
            .split(/\s+/)
            .some((word) => word.startsWith(found.query)),
      )
    : [];
  if (!found || matches.length === 0) return closeMentions();
  const menu = mentionMenu();
  menu.dataset.for = textarea.id;
  menu.innerHTML = matches
    .map(
      (p, i) =>
        `<button type="button" role="option" class="mention-option${i === 0 ? ' active' : ''}" data-mention="${escapeHtml(p.id)}">${escapeHtml(p.name)} <span class="mention-handle">@${escapeHtml(p.handle)}</span></button>`,
    )
    .join('');
  const box = textarea.closest('form').getBoundingClientRect();
  menu.style.left = `${box.left}px`;
  menu.style.bottom = `${window.innerHeight - box.top + 4}px`;
  menu.hidden = false;
}

function pickMention(textarea, id) {
  const person = (ui.data?.people ?? []).find((p) => p.id === id);
  const found = mentionQuery(textarea);
  if (!person || !found) return closeMentions();
  const label = `@${person.name}`;
  const after = textarea.value.slice(textarea.selectionStart);
  textarea.value = `${textarea.value.slice(0, found.start)}${label} ${after}`;
  const caret = found.start + label.length + 1;
  textarea.setSelectionRange(caret, caret);
  const list = picked.get(textarea) ?? [];
  list.push({ label, id: person.id, handle: person.handle });
  picked.set(textarea, list);
  closeMentions();
  textarea.focus();
  saveDraft(textarea);
}

function moveMention(step) {
  const options = $$('.mention-option', mentionMenu());
  const at = options.findIndex((o) => o.classList.contains('active'));
  const next = (at + step + options.length) % options.length;
  for (const [i, o] of options.entries()) o.classList.toggle('active', i === next);
}

/** The text as Slack would send it: each picked mention as <@U…> (<@U…|handle> in a command). */
function withMentions(textarea, text, command) {
  let out = text;
  for (const { label, id, handle } of picked.get(textarea) ?? []) {
    out = out.split(label).join(command ? `<@${id}|${handle}>` : `<@${id}>`);
  }
  return out;
}

/** The composer: `/jobs …` is a slash command, anything else a message. */
function send(textarea, channel, threadTs) {
  const typed = textarea.value.trim();
  if (!typed || !channel) return;
  const command = typed.startsWith('/');
  const text = withMentions(textarea, typed, command);
  textarea.value = '';
  picked.delete(textarea);
  saveDraft(textarea);
  if (command) act({ type: 'command', channel, text });
  else act({ type: 'message', channel, text, ...(threadTs ? { threadTs } : {}) });
}

function openPane(pane) {
  const previous = ui.pane;
  ui.pane = pane;
  if (pane !== previous) {
    ui.thread = null;
    ui.paneChanged = true;
  }
  // Slack tells the app each time someone opens its Home or Messages tab.
  if (pane === 'home' || pane === 'dm')
    act({ type: 'home', tab: pane === 'home' ? 'home' : 'messages' });
  else refresh();
}

$('#merchant-toggle').addEventListener('click', () => {
  const open = document.body.classList.toggle('merchant-open');
  $('#merchant-toggle').setAttribute('aria-expanded', String(open));
});

$('#thread-close').addEventListener('click', () => {
  ui.thread = null;
  refresh();
});

$('#person').addEventListener('change', (event) => {
  ui.as = event.target.value;
  localStorage.setItem('jobdesk-sandbox-as', ui.as);
  const url = new URL(location.href);
  url.searchParams.set('as', ui.as);
  history.replaceState(null, '', url);
  ui.data = null;
  $('#modal-layer').dataset.key = '';
  if (ui.pane === 'home' || ui.pane === 'dm') openPane(ui.pane);
  else refresh();
});

// ── the clock ───────────────────────────────────────────────────────────────────────────────

async function backToNow() {
  try {
    const result = await post('/sandbox/clock', { backToNow: true });
    toast(`Clock: ${result.note}`);
  } catch (error) {
    toast(error.message, 'error');
  }
  refresh();
}

async function jumpClock(minutes) {
  try {
    const result = await post('/sandbox/clock', { minutes });
    toast(`Clock moved ahead${result.note ? `: ${result.note}` : ''}`);
  } catch (error) {
    toast(error.message, 'error');
  }
  refresh();
}

// ── the merchant panel ──────────────────────────────────────────────────────────────────────

function showMerchantTab(name) {
  for (const tab of $$('[data-mtab]'))
    tab.setAttribute('aria-pressed', String(tab.dataset.mtab === name));
  for (const form of $$('[data-mform]')) form.hidden = form.dataset.mform !== name;
}

function fill(form, values, prefix = '') {
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value !== null && typeof value === 'object') fill(form, value, `${prefix}${key}.`);
    else {
      const field = form.elements.namedItem(`${prefix}${key}`);
      if (field && 'value' in field) field.value = value ?? '';
    }
  }
}

function drawMerchant(merchant, first) {
  const jobForm = $('#m-job');
  if (first || jobForm.dataset.sent === '1') {
    jobForm.dataset.sent = '';
    fill(jobForm, merchant.draft);
  }
  for (const form of [$('#m-message'), $('#m-proposal')]) {
    if (first) fill(form, { merchant: merchant.draft.merchant });
  }
  for (const select of $$('select[data-conversations]')) {
    const jobsOnly = select.dataset.conversations === 'jobs';
    const list = merchant.conversations.filter((c) => !jobsOnly || (c.jobId && !c.declined));
    const options = list.map(
      (c) =>
        `<option value="${escapeHtml(jobsOnly ? c.jobId : c.id)}">${escapeHtml(c.label)}</option>`,
    );
    if (!jobsOnly) options.push('<option value="">New conversation (no job)</option>');
    const html = options.join('') || '<option value="">No job yet: send one first</option>';
    if (select.dataset.html === html) continue;
    const before = select.value;
    select.dataset.html = html;
    select.innerHTML = html;
    // A new conversation appears first for a person who has not picked one yet.
    if ([...select.options].some((o) => o.value === before) && select.dataset.picked)
      select.value = before;
    else if (list.length) select.value = jobsOnly ? list.at(-1).jobId : list.at(-1).id;
    toggleNewMerchant(select);
  }
}

function toggleNewMerchant(select) {
  const fieldset = $('[data-new-merchant]', select.form);
  if (fieldset) fieldset.hidden = select.value !== '';
}

/** A proposal accepted for a new store starts no job: its job fields go away. */
function toggleExistingStore(form) {
  const existing = $('input[name="storeChoice"]:checked', form)?.value === 'existing';
  for (const field of $$('[data-existing-only]', form)) {
    field.hidden = !existing;
    for (const input of $$('input', field)) input.disabled = !existing;
  }
}

document.addEventListener('change', (event) => {
  const select = event.target;
  if (select instanceof HTMLSelectElement && select.dataset.conversations) {
    select.dataset.picked = '1';
    toggleNewMerchant(select);
  }
  if (select instanceof HTMLInputElement && select.name === 'storeChoice') {
    toggleExistingStore(select.form);
  }
});

function formValues(form) {
  const out = {};
  for (const element of form.elements) {
    if (!element.name || element.disabled || element.closest('fieldset[hidden]')) continue;
    if (element.type === 'radio' && !element.checked) continue;
    const path = element.name.split('.');
    let node = out;
    for (const key of path.slice(0, -1)) node = node[key] ??= {};
    node[path.at(-1)] = element.value;
  }
  return out;
}

async function sendMerchant(form) {
  const kind = form.dataset.mform;
  const body = { kind, ...formValues(form) };
  const log = $('#merchant-log');
  const entry = document.createElement('li');
  try {
    const response = await fetch('/sandbox/merchant', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const result = await response.json();
    if (!response.ok) throw new Error(result.error || `HTTP ${response.status}`);
    const answer = result.body ?? {};
    const extra = Object.entries(answer)
      .filter(([key]) => !['id', 'outcome'].includes(key))
      .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(', ');
    entry.className = result.status < 300 ? 'ok' : 'refused';
    entry.textContent = `${result.event.type} → ${result.status} ${answer.outcome ?? ''}${extra ? ` (${extra})` : ''}`;
    if (result.status < 300 && kind === 'job') form.dataset.sent = '1';
    toast(entry.textContent, result.status < 300 ? 'info' : 'error');
  } catch (error) {
    entry.className = 'refused';
    entry.textContent = `${kind}: ${error.message}`;
    toast(entry.textContent, 'error');
  }
  log.prepend(entry);
  refresh();
}

// ── what survives a reload ──────────────────────────────────────────────────────────────────
// As in Slack: the open thread and what was typed but not sent are still there after a reload
// (kept for this tab only); ephemeral answers are not (the server shows only newer ones).

const session = {
  get(key) {
    try {
      return JSON.parse(sessionStorage.getItem(`jobdesk-sandbox-${key}`) ?? 'null');
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      if (value === null || value === undefined || value === '')
        sessionStorage.removeItem(`jobdesk-sandbox-${key}`);
      else sessionStorage.setItem(`jobdesk-sandbox-${key}`, JSON.stringify(value));
    } catch {
      // Storage full or off: drafts are a comfort, not a duty.
    }
  },
};

function draftKey(textarea) {
  const where = textarea.id === 'thread-text' ? `thread:${ui.thread}` : ui.pane;
  return `draft:${ui.as}:${where}`;
}

function saveDraft(textarea) {
  const text = textarea.value;
  session.set(draftKey(textarea), text ? { text, picked: picked.get(textarea) ?? [] } : null);
}

/** Puts back the draft of the box's pane or thread whenever the box is for another one. */
function restoreDraft(textarea) {
  const key = draftKey(textarea);
  if (textarea.dataset.draftKey === key) return;
  textarea.dataset.draftKey = key;
  const draft = session.get(key);
  textarea.value = draft?.text ?? '';
  picked.set(textarea, draft?.picked ?? []);
}

function saveView() {
  session.set('view', { pane: ui.pane, thread: ui.thread });
}

// ── the merchant's mailbox ──────────────────────────────────────────────────────────────────

async function refreshMail() {
  try {
    const response = await fetch('/sandbox/mail');
    if (response.ok) drawMail(await response.json());
  } catch {
    // The server restarts; the next change asks again.
  }
}

function drawMail(mail) {
  $('#mail-address').textContent = mail.address;
  const items = mail.inbox.map(
    (email) => `<li class="mail-item">
      <div class="mail-head"><strong>${escapeHtml(email.subject)}</strong><span>${escapeHtml(new Date(email.at).toLocaleString(locale, { timeZone }))}</span></div>
      <div class="mail-meta">From ${escapeHtml(email.from)} · to ${escapeHtml(email.to)}${email.replyTo ? ` · reply to ${escapeHtml(email.replyTo)}` : ''}</div>
      <pre class="mail-text">${escapeHtml(email.text)}</pre>
      <form data-mail="answer" data-id="${email.id}"><textarea name="body" rows="2" required placeholder="Answer by email…"></textarea><button type="submit" class="bk-button">Answer</button></form>
    </li>`,
  );
  // Redrawn only when an email arrived, so an answer being typed survives other updates.
  setHtml(
    $('#mail-inbox'),
    items.join('') || '<li class="mail-empty">No email yet: answer a card from Slack.</li>',
  );
}

async function sendMail(form) {
  const kind = form.dataset.mail;
  const values = formValues(form);
  const body =
    kind === 'answer'
      ? { kind, id: Number(form.dataset.id), body: values.body }
      : { kind, ...values };
  try {
    const result = await post('/sandbox/mail/send', body);
    toast(`Email sent to jobdesk: ${result.subject} → ${result.response}`);
    if (kind === 'answer') form.reset();
  } catch (error) {
    toast(`Email refused: ${error.message}`, 'error');
  }
  refresh();
}

// ── live updates ────────────────────────────────────────────────────────────────────────────

function listen() {
  const stream = new EventSource('/sandbox/stream');
  stream.addEventListener('change', (event) => {
    if (String(ui.data?.version) !== event.data) refresh();
  });
}

refresh();
listen();

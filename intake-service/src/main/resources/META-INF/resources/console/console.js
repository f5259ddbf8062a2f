// The operator console: plain ES module, no build step. Talks to intake (same origin: calls, actions, previews)
// and to reporting-service (board, caller history) at the URL intake's /console-context names, over CORS.
import { SERVER_MESSAGES_JA, TEXTS } from './i18n.js';

const STORE = 'orikaeshi.console';
const ITEMS = ['callerName', 'purpose', 'callbackNumber'];
const STATUSES = ['PROVIDED', 'DECLINED', 'HUNG_UP', 'NOT_NEEDED'];
const STATUS_KEYS = { p: 'PROVIDED', d: 'DECLINED', h: 'HUNG_UP', n: 'NOT_NEEDED' };
const KINDS = ['NONE', 'WITHIN', 'BY_TIME', 'WINDOW', 'NEXT_BUSINESS_DAY', 'TENANT_DEFAULT'];
const BOARD_POLL_MS = 5000;

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

let session = null;   // {tenant, key, name}
let context = null;   // intake's /console-context
let lang = 'ja';
let draft = null;     // {receivedAt, idempotencyKey} of the call being taken
let board = { items: [], fetchedAt: 0 };
let boardTimer = null;
let submitting = false;

const t = (key, ...args) => {
  const text = TEXTS[lang][key] ?? TEXTS.en[key] ?? key;
  return typeof text === 'function' ? text(...args) : text;
};

// ---------- HTTP ----------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(base, path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', Authorization: `Bearer ${session.key}`, ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(base + path, init);
  } catch (e) {
    throw new ApiError(0, null);
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return { data, response };
}

const intake = (path, options) => api('', `/tenants/${encodeURIComponent(session.tenant)}${path}`, options);
const reporting = (path, options) =>
  api(context.reportingUrl.replace(/\/$/, ''), `/tenants/${encodeURIComponent(session.tenant)}${path}`, options);

/** crypto.randomUUID needs a secure context; a console served over plain http on a LAN still gets unique keys. */
function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ---------- time ----------

const DATE_TIME = { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };

/** An instant as the tenant's people read it: in its time zone, named unless a date or time style is asked for. */
function fmt(instant, options = DATE_TIME) {
  const zoneName = options.dateStyle || options.timeStyle ? {} : { timeZoneName: 'short' };
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-US',
    { timeZone: context.timeZone, hourCycle: 'h23', ...zoneName, ...options }).format(new Date(instant));
}

function span(seconds) {
  const s = Math.abs(Math.round(seconds));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  if (lang === 'ja') {
    return d ? `${d}日${h}時間` : h ? `${h}時間${m}分` : m ? `${m}分${sec ? sec + '秒' : ''}` : `${sec}秒`;
  }
  return d ? `${d} d ${h} h` : h ? `${h} h ${m} min` : m ? `${m} min${sec ? ' ' + sec + ' s' : ''}` : `${sec} s`;
}

/** Offset of the tenant's zone at an instant, in ms (positive east of UTC). */
function zoneOffset(ms) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: context.timeZone, hourCycle: 'h23', year: 'numeric',
    month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
  const p = Object.fromEntries(parts.map(x => [x.type, x.value]));
  return Date.UTC(+p.year, p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(ms / 1000) * 1000;
}

/** "2026-12-07T15:00" read in the tenant's zone → ISO instant with offset. */
function tenantLocalToIso(local) {
  if (!local) return null;
  const [date, time] = local.split('T');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  let offset = zoneOffset(guess - zoneOffset(guess));
  return isoWithOffset(guess - offset, offset);
}

function isoWithOffset(ms, offset) {
  const local = new Date(ms + offset).toISOString().slice(0, 19);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset) / 60000;
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Now plus minutes, as the value of a datetime-local input in the tenant's zone. */
function tenantLocalInput(ms) {
  return new Date(ms + zoneOffset(ms)).toISOString().slice(0, 16);
}

// ---------- i18n ----------

function applyLanguage(next, remember = false) {
  lang = next;
  document.documentElement.lang = lang;
  if (remember) sessionStorage.setItem(`${STORE}.lang`, lang);
  $$('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  $$('[data-i18n-label]').forEach(el => el.setAttribute('aria-label', t(el.dataset.i18nLabel)));
  $('#lang-toggle').textContent = lang === 'ja' ? 'English' : '日本語';
  $('#lang-toggle').setAttribute('lang', lang === 'ja' ? 'en' : 'ja');
  document.title = t('appName');
  if (context) {
    schedulePreview();
    renderBoard();
    lookUpNumber();
  }
}

// ---------- sign in ----------

async function signIn(candidate) {
  session = candidate;
  const { data } = await intake('/console-context');
  context = data;
  sessionStorage.setItem(STORE, JSON.stringify(session));
  $('#sign-in-section').hidden = true;
  $('#workspace').hidden = false;
  $('#sign-out').hidden = false;
  $('#tenant-name').textContent = `— ${context.name}`;
  if (!sessionStorage.getItem(`${STORE}.lang`)) {
    applyLanguage(context.locale.startsWith('ja') ? 'ja' : 'en');
  }
  $('#addressee-list').replaceChildren(...[...context.addressees, context.pool].filter(Boolean)
    .map(name => Object.assign(document.createElement('option'), { value: name })));
  buildCallForm();
  $('#board-filter').value = session.name ? 'mine' : 'all';
  startBoard();
  focusFirst();
}

function signOut() {
  sessionStorage.removeItem(STORE);
  clearInterval(boardTimer);
  location.reload();
}

function showGlobal(message) {
  const box = $('#global-message');
  box.textContent = message || '';
  box.hidden = !message;
}

function messageFor(error) {
  if (error.status === 0) return t('networkError');
  if (error.status === 401) return t('unauthorized');
  if (error.status === 403) return t('forbidden');
  if (error.status === 404) return t('notFound');
  if (error.status === 409) return error.problem?.detail || t('conflict');
  if (error.status >= 500) return t('serverError', error.status);
  return error.problem?.detail || `HTTP ${error.status}`;
}

// ---------- the call form ----------

function statusGroup(field, label) {
  const wrap = document.createElement('fieldset');
  wrap.className = 'item';
  wrap.dataset.item = field;
  const legend = document.createElement('legend');
  legend.textContent = label;
  if (ITEMS.includes(field)) legend.dataset.i18n = field;
  wrap.append(legend);
  const group = document.createElement('div');
  group.className = 'status';
  group.setAttribute('role', 'radiogroup');
  group.setAttribute('aria-label', label);
  if (ITEMS.includes(field)) group.dataset.i18nLabel = field;
  group.dataset.field = `${field}.status`;
  STATUSES.forEach(status => group.append(radioButton('status', status, status[0])));
  const valueId = `v-${field.replace(/[^a-zA-Z0-9]/g, '_')}`;
  const valueLabel = document.createElement('label');
  valueLabel.htmlFor = valueId;
  valueLabel.className = 'visually-hidden';
  valueLabel.textContent = `${label} — ${t('value')}`;
  const input = document.createElement('input');
  input.id = valueId;
  input.dataset.field = `${field}.value`;
  input.dataset.valueOf = field;
  input.autocomplete = 'off';
  if (field === 'callbackNumber') input.type = 'tel';
  const error = document.createElement('span');
  error.className = 'error';
  error.id = `err-${field}`;
  input.setAttribute('aria-describedby', error.id);
  group.setAttribute('aria-describedby', error.id);
  wrap.append(group, valueLabel, input, error);
  group.addEventListener('keydown', e => onStatusKey(e, wrap));
  group.addEventListener('click', e => {
    const b = e.target.closest('button[data-status]');
    if (b) setStatus(wrap, b.dataset.status, true);
  });
  return wrap;
}

/** A button acting as one radio of a radiogroup, labelled by its i18n key, showing its one-key shortcut. */
function radioButton(attribute, value, key) {
  const b = document.createElement('button');
  b.type = 'button';
  b.setAttribute('role', 'radio');
  b.setAttribute('aria-checked', 'false');
  b.tabIndex = -1;
  b.dataset[attribute] = value;
  b.dataset.i18n = value;
  b.textContent = t(value);
  b.setAttribute('aria-keyshortcuts', key);
  b.dataset.key = key;
  return b;
}

/** Arrow keys move through a radiogroup, selecting as they go (the ARIA radio group pattern). */
function arrowTarget(e, buttons) {
  const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
  if (!step) return null;
  e.preventDefault();
  const i = buttons.indexOf(document.activeElement);
  return buttons[(i + step + buttons.length) % buttons.length];
}

function getStatus(wrap) {
  return $('button[aria-checked="true"]', wrap).dataset.status;
}

function setStatus(wrap, status, moveOn) {
  $$('button[data-status]', wrap).forEach(b => {
    const on = b.dataset.status === status;
    b.setAttribute('aria-checked', String(on));
    b.tabIndex = on ? 0 : -1;
  });
  const input = $('input', wrap);
  input.disabled = status !== 'PROVIDED';
  if (status !== 'PROVIDED') input.value = '';
  if (moveOn) {
    if (status === 'PROVIDED') input.focus(); else focusNext(input, true);
  }
  if (wrap.dataset.item === 'callbackNumber') lookUpNumber();
}

function onStatusKey(e, wrap) {
  const key = e.key.toLowerCase();
  if (STATUS_KEYS[key] && !e.ctrlKey && !e.altKey && !e.metaKey) {
    e.preventDefault();
    setStatus(wrap, STATUS_KEYS[key], true);
  } else {
    const next = arrowTarget(e, $$('button[data-status]', wrap));
    if (next) {
      setStatus(wrap, next.dataset.status, false);
      next.focus();
    }
  }
}

function buildCallForm() {
  $('#items').replaceChildren(...ITEMS.map(item => statusGroup(item, t(item))));
  $$('#items [data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  $('#hearing').replaceChildren(...context.hearingItems.map((name, i) => {
    const group = statusGroup(`hearingItems[${i}]`, name);
    group.dataset.hearing = name;
    return group;
  }));
  const kinds = $('#promise-kinds');
  kinds.setAttribute('aria-label', t('promise'));
  kinds.replaceChildren(...KINDS.filter(k => k !== 'TENANT_DEFAULT' || context.defaultPromise)
    .map((kind, i) => radioButton('kind', kind, String(i))));
  kinds.addEventListener('click', e => {
    const b = e.target.closest('button[data-kind]');
    if (b) setKind(b.dataset.kind, true);
  });
  kinds.addEventListener('keydown', e => {
    const buttons = $$('button[data-kind]', kinds);
    const digit = Number.parseInt(e.key, 10);
    if (!Number.isNaN(digit) && buttons[digit]) {
      e.preventDefault();
      setKind(buttons[digit].dataset.kind, true);
    } else {
      const next = arrowTarget(e, buttons);
      if (next) {
        setKind(next.dataset.kind, false);
        next.focus();
      }
    }
  });
  resetCall();
}

function currentKind() {
  return $('#promise-kinds button[aria-checked="true"]')?.dataset.kind || 'NONE';
}

function setKind(kind, moveOn) {
  $$('#promise-kinds button').forEach(b => {
    const on = b.dataset.kind === kind;
    b.setAttribute('aria-checked', String(on));
    b.tabIndex = on ? 0 : -1;
  });
  $$('.promise-inputs [data-kind]').forEach(el => { el.hidden = !el.dataset.kind.split(' ').includes(kind); });
  if (moveOn) {
    const first = $$('.promise-inputs [data-kind]:not([hidden]) input')[0];
    (first || $('#submit-call')).focus();
  }
  schedulePreview();
}

function resetCall() {
  draft = null;
  $('#call-form').reset();
  $$('#call-form fieldset.item').forEach(wrap => setStatus(wrap, 'PROVIDED', false));
  const now = Date.now();
  $('#notBefore').value = tenantLocalInput(now + 60 * 60000);
  $('#dueAt').value = tenantLocalInput(now + 2 * 60 * 60000);
  setKind(context.defaultPromise ? 'TENANT_DEFAULT' : 'WITHIN', false);
  clearErrors($('#call-form'));
  $('#number-normalised').textContent = '';
  $('#history').replaceChildren();
  $('#chase-flag').hidden = true;
}

/** The call being taken starts with its first keystroke: receivedAt and the Idempotency-Key are fixed then. */
function ensureDraft() {
  if (!draft) {
    const now = Math.floor(Date.now() / 1000) * 1000;
    draft = { receivedAt: isoWithOffset(now, zoneOffset(now)),
      idempotencyKey: uuid() };
  }
  return draft;
}

function promiseBody() {
  const kind = currentKind();
  if (kind === 'NONE') return null;
  const assignee = $('#assignee').value.trim();
  const callback = { kind };
  if (kind === 'WITHIN') {
    const minutes = $('#within').value;
    callback.within = minutes === '' ? null : `PT${minutes}M`;
  }
  if (kind === 'BY_TIME' || kind === 'WINDOW') callback.dueAt = tenantLocalToIso($('#dueAt').value);
  if (kind === 'WINDOW') callback.notBefore = tenantLocalToIso($('#notBefore').value);
  if (assignee) {
    callback.assignee = assignee;
    callback.assigneeKind = assignee === context.pool ? 'POOL' : 'PERSON';
  }
  return callback;
}

function item(wrap) {
  const status = getStatus(wrap);
  const value = $('input', wrap).value.trim();
  return status === 'PROVIDED' ? { status, value } : { status };
}

function callBody() {
  const d = ensureDraft();
  const body = {
    receivedAt: d.receivedAt,
    operatorId: session.name || undefined,
    addressee: $('#addressee').value.trim() || undefined,
    urgency: $('#urgent').checked ? 'URGENT' : 'NORMAL',
    purposeCategory: $('#purposeCategory').value.trim() || undefined,
    notes: $('#notes').value.trim() || undefined,
    callback: promiseBody() || undefined,
  };
  ITEMS.forEach(name => { body[name] = item($(`fieldset[data-item="${name}"]`)); });
  const hearing = $$('#hearing fieldset.item').map(wrap => ({ item: wrap.dataset.hearing, ...item(wrap) }))
    .filter(h => h.status !== 'PROVIDED' || h.value);
  if (hearing.length) body.hearingItems = hearing;
  return body;
}

// ---------- field-level errors ----------

function clearErrors(root) {
  $$('.error', root).forEach(el => { el.textContent = ''; });
  $$('[aria-invalid]', root).forEach(el => el.removeAttribute('aria-invalid'));
  $$('.error-box', root).forEach(el => { el.hidden = true; el.textContent = ''; });
}

function localised(message) {
  if (lang !== 'ja' || !message) return message;
  const known = SERVER_MESSAGES_JA.find(([pattern]) => pattern.test(message));
  return known ? known[1].replace('$1', message.match(known[0])[1] ?? '') : message;
}

/** Shows each problem+json error next to its field; returns the first element at fault. */
function showErrors(root, problem, fallbackBox) {
  let first = null;
  const unplaced = [];
  for (const { field, message: raw } of problem?.errors || []) {
    const message = localised(raw);
    const target = fieldElement(root, field);
    if (!target) {
      unplaced.push(`${field}: ${message}`);
      continue;
    }
    const errorId = target.getAttribute('aria-describedby')?.split(' ')[0];
    const errorEl = errorId && document.getElementById(errorId);
    if (errorEl) errorEl.textContent = errorEl.textContent ? `${errorEl.textContent} / ${message}` : message;
    else unplaced.push(`${field}: ${message}`);
    target.setAttribute('aria-invalid', 'true');
    first ??= target;
  }
  if (unplaced.length || !(problem?.errors?.length)) {
    fallbackBox.textContent = unplaced.length ? unplaced.join('\n') : (problem?.detail || '');
    fallbackBox.hidden = !fallbackBox.textContent;
  }
  return first;
}

function fieldElement(root, field) {
  const exact = $(`[data-field="${CSS.escape(field)}"]`, root);
  if (exact) return exact.disabled ? exact.closest('fieldset')?.querySelector('[role=radiogroup]') : exact;
  // callerName → callerName.status's group; callback.x → the promise fieldset
  const prefix = field.replace(/\.[^.]*$/, '');
  return $(`[data-field="${CSS.escape(prefix + '.status')}"]`, root) || $(`[data-field="${CSS.escape(prefix)}"]`, root)
    || (field.startsWith('callback') ? $('#promise', root) : null);
}

// ---------- submitting ----------

async function submitCall() {
  if (submitting) return;   // a double click sends once; a retry reuses the draft's Idempotency-Key anyway
  submitting = true;
  const button = $('#submit-call');
  button.setAttribute('aria-disabled', 'true');
  clearErrors($('#call-form'));
  const body = callBody();
  try {
    const { data, response } = await intake('/calls', { method: 'POST', body,
      headers: { 'Idempotency-Key': draft.idempotencyKey } });
    const replayed = response.headers.get('Idempotent-Replayed') === 'true';
    const message = replayed ? t('replayed', data.callId) : data.chaseOf ? t('recordedChase', data.callId)
      : t('recorded', data.callId);
    resetCall();
    $('#call-result').textContent = message;
    $('#call-result').dataset.callId = data.callId;
    refreshBoard();
    focusFirst();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 422 || error.status === 400) {
      const first = showErrors($('#call-form'), error.problem, $('#call-errors'));
      (first || $('#call-errors')).focus?.();
    } else {
      const box = $('#call-errors');
      box.textContent = messageFor(error);
      box.hidden = false;
    }
    $('#call-result').textContent = '';
  } finally {
    submitting = false;
    button.removeAttribute('aria-disabled');
  }
}

// ---------- the promise preview ----------

let previewTimer = null;
let previewSeq = 0;

function schedulePreview() {
  clearTimeout(previewTimer);
  // A due time computed for other inputs must never be read to the caller: cleared until the new one is in.
  const out = $('#promise-preview');
  out.dataset.dueAt = '';
  out.textContent = t('previewing');
  previewTimer = setTimeout(preview, 250);
}

async function preview() {
  const out = $('#promise-preview');
  const callback = promiseBody();
  $$('#promise .error').forEach(el => { el.textContent = ''; });
  $$('#promise [aria-invalid]').forEach(el => el.removeAttribute('aria-invalid'));
  if (!callback) {
    out.textContent = t('noCallback');
    out.dataset.dueAt = '';
    return;
  }
  const seq = ++previewSeq;
  out.textContent = t('previewing');
  try {
    const { data } = await intake('/promise-preview', { method: 'POST',
      body: { receivedAt: draft?.receivedAt, callback } });
    if (seq !== previewSeq) return;
    const left = (Date.parse(data.dueAt) - Date.now()) / 1000;
    out.textContent = (data.notBefore ? t('windowFrom', fmt(data.notBefore)) : '')
      + t('dueIn', fmt(data.dueAt), span(left));
    out.dataset.dueAt = data.dueAt;
  } catch (error) {
    if (seq !== previewSeq || !(error instanceof ApiError)) return;
    out.textContent = '';
    out.dataset.dueAt = '';
    if (error.status === 422) showErrors($('#promise'), error.problem, $('#err-callback'));
    else $('#err-callback').textContent = messageFor(error);
  }
}

// ---------- the number and the caller's history ----------

let numberTimer = null;
let numberSeq = 0;

function lookUpNumber() {
  clearTimeout(numberTimer);
  numberTimer = setTimeout(showNumber, 300);
}

async function showNumber() {
  const wrap = $('fieldset[data-item="callbackNumber"]');
  if (!wrap) return;
  const typed = $('input', wrap).value.trim();
  const seq = ++numberSeq;
  const out = $('#number-normalised');
  const flag = $('#chase-flag');
  const history = $('#history');
  if (!typed || getStatus(wrap) !== 'PROVIDED') {
    out.textContent = '';
    flag.hidden = true;
    history.replaceChildren();
    return;
  }
  try {
    const { data: number } = await intake(`/phone-numbers?number=${encodeURIComponent(typed)}`);
    if (seq !== numberSeq) return;
    if (!number.valid) {
      out.textContent = t('invalidNumber', number.region);
      flag.hidden = true;
      history.replaceChildren();
      return;
    }
    out.textContent = t('normalised', number.e164, number.display);
    out.dataset.e164 = number.e164;
    let caller;
    try {
      caller = (await reporting(`/callers/${encodeURIComponent(number.e164)}/history`)).data;
    } catch (e) {
      if (seq === numberSeq) history.replaceChildren(text('p', t('historyUnavailable'), 'hint'));
      return;
    }
    if (seq !== numberSeq) return;
    renderHistory(caller);
  } catch (error) {
    if (seq === numberSeq && error instanceof ApiError) out.textContent = messageFor(error);
  }
}

function text(tag, content, className) {
  const el = document.createElement(tag);
  el.textContent = content;
  if (className) el.className = className;
  return el;
}

function renderHistory(caller) {
  const history = $('#history');
  const flag = $('#chase-flag');
  history.className = 'history';
  if (!caller.totalCalls) {
    history.replaceChildren(text('p', t('noHistory'), 'hint'));
    flag.hidden = true;
    return;
  }
  const parts = [text('p', t('history', caller.totalCalls, caller.chaseCount))];
  const open = caller.openPromises || [];
  if (open.length) {
    const oldest = open[0];
    const left = (Date.parse(oldest.callback.dueAt) - Date.now()) / 1000;
    flag.textContent = t('chaseFlag', left < 0 ? t('dueAgo', span(left)) : t('dueAhead', span(left)));
    flag.hidden = false;
    const list = document.createElement('ul');
    open.forEach(call => {
      const l = (Date.parse(call.callback.dueAt) - Date.now()) / 1000;
      list.append(text('li', t('openPromise', fmt(call.callback.dueAt),
        l < 0 ? t('overdueBy', span(l)) : span(l), call.callback.assignee || t('unassigned'))
        + (call.purpose?.value ? ` — ${call.purpose.value}` : '')));
    });
    parts.push(list);
  } else {
    flag.hidden = true;
  }
  const recent = document.createElement('ul');
  (caller.recentCalls || []).slice(0, 5).forEach(call => {
    recent.append(text('li', `${fmt(call.receivedAt)} — ${call.callerName?.value || t(call.callerName?.status || '')}`
      + ` — ${call.purpose?.value || t(call.purpose?.status || '')}`));
  });
  parts.push(recent);
  history.replaceChildren(...parts);
}

// ---------- the board ----------

function startBoard() {
  refreshBoard();
  // One timer: the countdowns tick every second, and the board is polled every BOARD_POLL_MS while visible.
  boardTimer = setInterval(renderCountdowns, 1000);
}

let lastPoll = 0;
async function refreshBoard(force = true) {
  if (!force && Date.now() - lastPoll < BOARD_POLL_MS) return;
  lastPoll = Date.now();
  try {
    const { data } = await reporting('/board');
    // Re-rendered only when something changed (secondsLeft changes with every query; the page counts down itself),
    // so the focus and a screen reader's place are not disturbed every few seconds.
    const comparable = items => JSON.stringify(items.map(i => ({ ...i, secondsLeft: 0 })));
    const unchanged = comparable(data) === comparable(board.items);
    board = { items: data, fetchedAt: Date.now() };
    if (!unchanged) renderBoard();
    $('#board-updated').textContent = t('updated', fmt(Date.now(), { timeStyle: 'medium' }));
  } catch (error) {
    $('#board-updated').textContent = t('boardUnavailable');
  }
}

function boardFilter(items) {
  const mode = $('#board-filter').value;
  const who = mode === 'mine' ? (session.name || '') : $('#board-assignee').value.trim();
  if (mode === 'all' || !who) return items;
  return items.filter(i => (i.assignee || '') === who);
}

function renderBoard() {
  if (!context) return;
  const body = $('#board tbody');
  const focusedCall = document.activeElement?.closest?.('tr')?.dataset.callId;
  const focusedAction = document.activeElement?.dataset?.action;
  const items = boardFilter(board.items);
  body.replaceChildren(...items.map(item => {
    const tr = document.createElement('tr');
    tr.dataset.callId = item.callId;
    tr.className = item.state.toLowerCase();
    const due = text('td', fmt(item.dueAt));
    const left = text('td', '', 'left');
    left.dataset.due = item.dueAt;
    const who = document.createElement('td');
    if (item.callbackNumber) {
      const a = text('a', item.callbackNumberDisplay || item.callbackNumber);
      a.href = `tel:${item.callbackNumber}`;
      who.append(a, document.createTextNode(' '));
    }
    who.append(document.createTextNode([item.purpose, item.addressee && `→ ${item.addressee}`].filter(Boolean).join(' ')));
    const state = text('td', t(`state${item.state}`) + (item.chaseCount ? ` · ${t('chases', item.chaseCount)}` : '')
      + (item.urgency === 'URGENT' ? ` · ${t('urgent')}` : '') + receipt(item));
    const actions = document.createElement('td');
    const box = document.createElement('div');
    box.className = 'actions';
    [['attempt', 'actAttempt'], ['complete', 'actComplete'], ['extend', 'actExtend'], ['reassign', 'actReassign'],
      ['cancel', 'actCancel']].forEach(([action, label]) => {
      const b = text('button', t(label));
      b.type = 'button';
      b.dataset.action = action;
      b.setAttribute('aria-label', `${t(label)}: ${item.purpose || ''} ${fmt(item.dueAt)}`);
      box.append(b);
    });
    actions.append(box);
    tr.append(due, left, who, text('td', item.assignee || t('unassigned')), state, actions);
    return tr;
  }));
  $('#board-empty').hidden = items.length > 0;
  renderCountdowns();
  if (focusedCall && focusedAction) {
    $(`#board tr[data-call-id="${CSS.escape(focusedCall)}"] button[data-action="${focusedAction}"]`)?.focus();
  }
}

/** Whether the client took the call on (when, by whom) or at least read a message about it. */
function receipt(item) {
  if (item.acknowledgedAt) return ` · ${t('acknowledged', fmt(item.acknowledgedAt), item.acknowledgedBy || '')}`;
  return item.viewed ? ` · ${t('read')}` : '';
}

function renderCountdowns() {
  $$('#board td.left').forEach(td => {
    const left = (Date.parse(td.dataset.due) - Date.now()) / 1000;
    td.textContent = left < 0 ? t('overdueBy', span(left)) : span(left);
    td.classList.toggle('negative', left < 0);
  });
  if (document.visibilityState === 'visible') refreshBoard(false);
}

// ---------- actions on a promise ----------

let acting = null;   // {callId, action, item}

function openAction(callId, action) {
  const item = board.items.find(i => i.callId === callId);
  acting = { callId, action, item, idempotent: uuid() };
  const fields = $('#action-fields');
  clearErrors($('#action-form'));
  $('#action-title').textContent = t({ attempt: 'actAttempt', complete: 'actComplete', extend: 'actExtend',
    reassign: 'actReassign', cancel: 'actCancel' }[action]);
  $('#action-subject').textContent = `${item?.callbackNumberDisplay || ''} ${item?.purpose || ''} — ${t('due')} ${item ? fmt(item.dueAt) : ''}`;
  const field = (id, label, input) => {
    const wrap = document.createElement('div');
    wrap.className = input.type === 'checkbox' ? 'field checkbox' : 'field';
    input.id = id;
    const l = text('label', label);
    l.htmlFor = id;
    const err = text('span', '', 'error');
    err.id = `err-${id}`;
    input.setAttribute('aria-describedby', err.id);
    if (input.type === 'checkbox') wrap.append(input, l, err); else wrap.append(l, input, err);
    return wrap;
  };
  const select = (options, value) => {
    const s = document.createElement('select');
    options.forEach(o => s.append(Object.assign(document.createElement('option'), { value: o, textContent: t(o) })));
    s.value = value;
    return s;
  };
  const input = (props) => Object.assign(document.createElement('input'), props);
  const parts = [];
  if (action === 'attempt') {
    parts.push(field('a-outcome', t('outcome'), Object.assign(select(['REACHED', 'NO_ANSWER', 'VOICEMAIL'], 'NO_ANSWER'),
      { dataset: {} })));
    parts.push(field('a-next', t('nextAttemptMinutes'), input({ type: 'number', min: 1, value: 15 })));
    parts[0].querySelector('select').dataset.field = 'outcome';
    parts[1].querySelector('input').dataset.field = 'nextAttemptAt';
  } else if (action === 'extend') {
    // Minutes are what is agreed on the phone ("another 30 minutes"); the new due time is shown as it is typed.
    const minutes = input({ type: 'number', min: 1, step: 1, value: 30 });
    minutes.dataset.field = 'newDueAt';
    const consent = input({ type: 'checkbox' });
    consent.dataset.field = 'callerConsented';
    const shown = text('output', '');
    shown.id = 'a-new-due';
    shown.setAttribute('aria-live', 'polite');
    const update = () => {
      const due = extendedDue();
      shown.textContent = due ? `${t('newDue')}: ${fmt(due)}` : '';
    };
    minutes.addEventListener('input', update);
    parts.push(field('a-extend', t('extendMinutes'), minutes), shown, field('a-consent', t('consent'), consent));
    setTimeout(update);
  } else if (action === 'reassign') {
    const who = input({ value: item?.assignee || '', autocomplete: 'off' });
    who.setAttribute('list', 'addressee-list');
    who.dataset.field = 'assignee';
    const kind = select(['PERSON', 'POOL'], 'PERSON');
    kind.dataset.field = 'assigneeKind';
    parts.push(field('a-assignee', t('assignee'), who), field('a-kind', t('assigneeKind'), kind));
  } else if (action === 'cancel') {
    const reason = input({ autocomplete: 'off' });
    reason.dataset.field = 'reason';
    parts.push(field('a-reason', t('reason'), reason));
  }
  fields.replaceChildren(...parts);
  const dialog = $('#action-dialog');
  dialog.showModal();
  ($('input, select', fields) || $('#action-submit')).focus();
}

/** The extension's new due time: the promise's due time (or now, when already past) plus the minutes agreed. */
function extendedDue() {
  const minutes = Number.parseInt($('#a-extend')?.value, 10);
  if (!acting?.item || !(minutes > 0)) return null;
  return Math.floor((Math.max(Date.parse(acting.item.dueAt), Date.now()) + minutes * 60000) / 1000) * 1000;
}

async function submitAction() {
  const { callId, action } = acting;
  const by = session.name || undefined;
  let path, body;
  if (action === 'attempt') {
    const minutes = $('#a-next').value;
    path = 'attempts';
    body = { outcome: $('#a-outcome').value, by,
      nextAttemptAt: minutes ? isoWithOffset(Date.now() + minutes * 60000, zoneOffset(Date.now())) : undefined };
  } else if (action === 'complete') {
    path = 'completion';
    body = { completedBy: by };
  } else if (action === 'extend') {
    path = 'extension';
    const due = extendedDue();
    body = { newDueAt: due && isoWithOffset(due, zoneOffset(due)), callerConsented: $('#a-consent').checked, by };
  } else if (action === 'reassign') {
    path = 'reassignment';
    body = { assignee: $('#a-assignee').value.trim(), assigneeKind: $('#a-kind').value, by };
  } else {
    path = 'cancellation';
    body = { reason: $('#a-reason').value.trim() || undefined, by };
  }
  clearErrors($('#action-form'));
  const button = $('#action-submit');
  if (button.getAttribute('aria-disabled') === 'true') return;
  button.setAttribute('aria-disabled', 'true');
  try {
    await intake(`/calls/${encodeURIComponent(callId)}/callback/${path}`, { method: 'POST', body });
    $('#action-dialog').close();
    showGlobal('');
    $('#board-updated').textContent = t('done');
    // the board is a read model: poll a few times soon so the change shows as soon as it is applied
    [300, 1000, 2000].forEach(ms => setTimeout(() => refreshBoard(), ms));
    $(`#board tr[data-call-id="${CSS.escape(callId)}"] button[data-action="${action}"]`)?.focus();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 422) {
      const first = showErrors($('#action-form'), error.problem, $('#action-errors'));
      first?.focus();
    } else {
      const box = $('#action-errors');
      box.textContent = messageFor(error);
      box.hidden = false;
    }
  } finally {
    button.removeAttribute('aria-disabled');
  }
}

// ---------- keyboard ----------

function focusFirst() {
  $('#addressee').focus();
}

function focusables() {
  return $$('#call-form input, #call-form textarea, #call-form button, #call-form select')
    .filter(el => !el.disabled && !el.closest('[hidden]') && el.tabIndex >= 0 && el.offsetParent !== null);
}

function focusNext(from, skipSameGroup) {
  const list = focusables();
  let i = list.indexOf(from);
  if (i < 0 && skipSameGroup) {
    i = list.findIndex(el => from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) - 1;
  }
  const group = from.closest('fieldset.item');
  let next = list[i + 1];
  while (skipSameGroup && next && group && group.contains(next)) next = list[list.indexOf(next) + 1];
  (next || $('#submit-call')).focus();
}

function wireKeyboard() {
  $('#call-form').addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submitCall();
    } else if (e.key === 'Enter' && e.target.matches('input')) {
      e.preventDefault();
      focusNext(e.target, false);
    }
  });
  $('#call-form').addEventListener('submit', e => { e.preventDefault(); submitCall(); });
  $('#call-form').addEventListener('input', e => {
    ensureDraft();
    if (e.target.closest('#promise')) schedulePreview();
    if (e.target.dataset.valueOf === 'callbackNumber') lookUpNumber();
    if (e.target.getAttribute('aria-invalid')) {
      e.target.removeAttribute('aria-invalid');
    }
  });
  $('#clear-call').addEventListener('click', () => { resetCall(); $('#call-result').textContent = ''; focusFirst(); });
  $('#board tbody').addEventListener('click', e => {
    const b = e.target.closest('button[data-action]');
    if (b) openAction(b.closest('tr').dataset.callId, b.dataset.action);
  });
  $('#board-filter').addEventListener('change', renderBoard);
  $('#board-assignee').addEventListener('input', () => {
    if ($('#board-assignee').value.trim()) $('#board-filter').value = 'assignee';
    renderBoard();
  });
  $('#action-form').addEventListener('submit', e => { e.preventDefault(); submitAction(); });
  $('#action-cancel').addEventListener('click', () => $('#action-dialog').close());
  document.addEventListener('keydown', e => {
    if (!e.altKey || !context) return;
    if (e.key === '1') { e.preventDefault(); focusFirst(); }
    if (e.key === '2') { e.preventDefault(); ($('#board tbody button') || $('#board-filter')).focus(); }
    if (e.key.toLowerCase() === 'n') { e.preventDefault(); $('#clear-call').click(); }
  });
}

// ---------- start ----------

function start() {
  applyLanguage(sessionStorage.getItem(`${STORE}.lang`) || (navigator.language.startsWith('ja') ? 'ja' : 'en'));
  $('#lang-toggle').addEventListener('click', () => applyLanguage(lang === 'ja' ? 'en' : 'ja', true));
  $('#sign-out').addEventListener('click', signOut);
  wireKeyboard();
  $('#sign-in-form').addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors($('#sign-in-form'));
    const candidate = { tenant: $('#si-tenant').value.trim(), key: $('#si-key').value.trim(),
      name: $('#si-name').value.trim() };
    if (!candidate.tenant || !candidate.key) {
      if (!candidate.tenant) { $('#err-tenant').textContent = t('required'); $('#si-tenant').setAttribute('aria-invalid', 'true'); }
      if (!candidate.key) { $('#err-key').textContent = t('required'); $('#si-key').setAttribute('aria-invalid', 'true'); }
      ($('#sign-in-form [aria-invalid]')).focus();
      return;
    }
    try {
      await signIn(candidate);
    } catch (error) {
      session = null;
      const target = error.status === 404 ? 'tenant' : 'key';
      $(`#err-${target}`).textContent = error instanceof ApiError ? messageFor(error) : String(error);
      $(`#si-${target}`).setAttribute('aria-invalid', 'true');
      $(`#si-${target}`).focus();
    }
  });
  const saved = sessionStorage.getItem(STORE);
  if (saved) {
    signIn(JSON.parse(saved)).catch(() => { sessionStorage.removeItem(STORE); session = null; $('#si-tenant').focus(); });
  } else {
    $('#si-tenant').focus();
  }
}

window.addEventListener('error', e => showGlobal(String(e.message || e)));
window.addEventListener('unhandledrejection', e => showGlobal(String(e.reason?.message || e.reason)));
start();

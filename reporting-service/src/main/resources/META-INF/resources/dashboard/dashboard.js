// The operators' and clients' dashboard: plain browser JavaScript, no build step, no network beyond this service.
// Query parameters (tenant, lang, from, to, month) preset the controls, so a link or a test can open a given view.
// The API key is typed in (or handed over in the URL fragment, #key=..., which never reaches a server or its logs);
// it is kept in this tab's sessionStorage only and sent as "Authorization: Bearer".
'use strict';

const TEXT = {
  ja: {
    title: '折り返しダッシュボード', tenant: 'テナント', key: 'API キー', from: '開始日', to: '終了日', month: '請求月', show: '表示',
    board: '未完了の折り返し', urgency: '緊急度', due: '期限', left: '残り時間', state: '状態', assignee: '担当',
    chases: '催促', addressee: '宛先', purpose: '用件', number: '折り返し先', noOpen: '未完了の折り返しはありません',
    sla: 'SLA（期限内の折り返し率・日別）', billing: '請求', period: '期間', unitPrice: '単価（円）',
    hearingPrice: 'ヒアリング加算（円）', calls: '件数', amount: '金額（円）', total: '合計', csv: 'CSV をダウンロード',
    other: 'English', URGENT: '至急', NORMAL: '通常', OPEN: '対応待ち', WARNED: '期限間近', OVERDUE: '期限超過',
    ESCALATED: 'エスカレーション', level: 'レベル', late: '超過', noSla: 'この期間の約束はありません',
    error: 'データを読み込めませんでした', unauthorized: 'API キーを入力してください（クライアント用のキー）',
    receipt: '既読・受付', acknowledged: '受付済み', read: '既読', notYet: '未確認', deliveries: '配信履歴',
    showDeliveries: '配信履歴', channel: 'チャネル', recipient: '宛先', status: '結果', sent: '送信', viewed: '既読',
    ackColumn: '受付', callAck: 'この折り返しの受付', noMessages: '配信記録はありません',
    SENT: '送信済み', DEFERRED: '保留中', FAILED: '失敗', email: 'メール',
  },
  en: {
    title: 'Orikaeshi dashboard', tenant: 'Tenant', key: 'API key', from: 'From', to: 'To', month: 'Billing month', show: 'Show',
    board: 'Open callbacks', urgency: 'Urgency', due: 'Due', left: 'Time left', state: 'State', assignee: 'Assignee',
    chases: 'Chases', addressee: 'Addressee', purpose: 'Purpose', number: 'Callback number', noOpen: 'No open callbacks',
    sla: 'SLA (share kept on time, per day)', billing: 'Billing', period: 'Period', unitPrice: 'Unit price (¥)',
    hearingPrice: 'Hearing surcharge (¥)', calls: 'Calls', amount: 'Amount (¥)', total: 'Total', csv: 'Download CSV',
    other: '日本語', URGENT: 'Urgent', NORMAL: 'Normal', OPEN: 'Open', WARNED: 'Due soon', OVERDUE: 'Overdue',
    ESCALATED: 'Escalated', level: 'level', late: 'late', noSla: 'No promises in this period',
    error: 'Could not load the data', unauthorized: 'Enter an API key (a CLIENT key of the tenant)',
    receipt: 'Read / acknowledged', acknowledged: 'Acknowledged', read: 'Read', notYet: 'Not yet', deliveries: 'Deliveries',
    showDeliveries: 'Deliveries', channel: 'Channel', recipient: 'Recipient', status: 'Outcome', sent: 'Sent',
    viewed: 'Read', ackColumn: 'Acknowledged', callAck: 'Callback acknowledged', noMessages: 'No messages recorded',
    SENT: 'Sent', DEFERRED: 'Deferred', FAILED: 'Failed', email: 'Email',
  },
};

/** Product names read the same in every language. */
const CHANNELS = { slack: 'Slack', teams: 'Teams', chatwork: 'Chatwork', line_works: 'LINE WORKS', webhook: 'Webhook' };

const params = new URLSearchParams(location.search);
let lang = params.get('lang') === 'en' ? 'en' : 'ja';
let board = [];
let deliveriesOf = params.get('call');
let boardFetchedAt = Date.now();

const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[lang][key] || key;
const yen = (n) => new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US').format(n);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  children.forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c ?? '')));
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const KEY_STORE = 'orikaeshi.apiKey';

function authorized() {
  return { headers: { Authorization: `Bearer ${$('key').value.trim()}` } };
}

async function fetchTenant(path) {
  const response = await fetch(`/tenants/${encodeURIComponent($('tenant').value)}${path}`, authorized());
  if (response.status === 401) throw new Error(t('unauthorized'));
  if (!response.ok) throw new Error(`${response.status} ${path}`);
  return response;
}

async function get(path) {
  return (await fetchTenant(path)).json();
}

/** A plain link cannot carry the key: fetch the CSV and hand the browser a file. */
async function downloadBillingCsv(event) {
  event.preventDefault();
  const blob = await (await fetchTenant(`/billing.csv?month=${$('month').value}`)).blob();
  const link = el('a', { href: URL.createObjectURL(blob), download: `billing-${$('month').value}.csv` });
  link.click();
  URL.revokeObjectURL(link.href);
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  $('lang').textContent = t('other');
}

function countdown(seconds) {
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = Math.floor(abs % 60);
  const text = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return seconds < 0 ? `${t('late')} ${text}` : text;
}

/** In the tenant's time zone (the board says which), not the browser's: a client abroad reads the office's times. */
function dateTime(iso, timeZone) {
  const options = timeZone ? { timeZone, timeZoneName: 'short' } : {};
  return iso ? new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', options) : '';
}

/** The number as the tenant's country writes it; the link dials the stored E.164. */
function callbackNumber(item) {
  return item.callbackNumber ? el('a', { href: `tel:${item.callbackNumber}` }, item.callbackNumberDisplay) : '';
}

/** When, and by whom; empty when it did not happen. */
function byWhom(at, by, timeZone) {
  return at ? `${dateTime(at, timeZone)}${by ? ` (${by})` : ''}` : '';
}

function receipt(item) {
  if (item.acknowledgedAt) {
    return el('span', { class: 'receipt receipt-acknowledged' },
      `${t('acknowledged')} ${byWhom(item.acknowledgedAt, item.acknowledgedBy, item.timeZone)}`);
  }
  return el('span', { class: `receipt${item.viewed ? ' receipt-read' : ''}` }, item.viewed ? t('read') : t('notYet'));
}

function renderBoard() {
  const body = $('board').tBodies[0];
  const elapsed = (Date.now() - boardFetchedAt) / 1000;
  body.replaceChildren(...board.map((item) => {
    const left = item.secondsLeft - elapsed;
    const state = item.state === 'ESCALATED' ? `${t('ESCALATED')} ${t('level')} ${item.escalationLevel}` : t(item.state);
    return el('tr', { 'data-call': item.callId },
      el('td', { class: item.urgency === 'URGENT' ? 'urgent' : '' }, t(item.urgency)),
      el('td', {}, dateTime(item.dueAt, item.timeZone)),
      el('td', { class: `num countdown${left < 0 ? ' late' : ''}` }, countdown(left)),
      el('td', {}, el('span', { class: `state state-${item.state}` }, state)),
      el('td', {}, item.assignee),
      el('td', { class: 'num' }, String(item.chaseCount)),
      el('td', {}, item.addressee),
      el('td', {}, item.purpose),
      el('td', { class: 'number' }, callbackNumber(item)),
      el('td', {}, receipt(item)),
      el('td', {}, deliveriesButton(item.callId)));
  }));
  $('board-empty').hidden = board.length > 0;
}

function deliveriesButton(callId) {
  const button = el('button', { type: 'button', class: 'deliveries' }, t('showDeliveries'));
  button.addEventListener('click', () => {
    deliveriesOf = callId;
    loadDeliveries().catch(showError);
  });
  return button;
}

/** Each message about the call: on which channel to whom, its outcome, and when it was sent, read and acknowledged. */
function renderDeliveries(log) {
  const zone = log.timeZone;
  $('deliveries-section').hidden = false;
  $('deliveries-call').textContent = log.callId;
  $('deliveries-ack').textContent = log.acknowledgedAt
    ? `${t('callAck')}: ${byWhom(log.acknowledgedAt, log.acknowledgedBy, zone)}` : `${t('callAck')}: ${t('notYet')}`;
  $('deliveries').tBodies[0].replaceChildren(...log.messages.map((m) => el('tr', { 'data-message': m.messageId },
    el('td', {}, m.channel ? (CHANNELS[m.channel] || t(m.channel)) : ''),
    el('td', {}, m.recipient),
    el('td', { class: m.status === 'FAILED' ? 'late' : '' }, m.status ? t(m.status) : ''),
    el('td', {}, dateTime(m.sentAt, zone)),
    el('td', {}, dateTime(m.viewedAt, zone)),
    el('td', {}, byWhom(m.acknowledgedAt, m.acknowledgedBy, zone)))));
  $('deliveries-empty').hidden = log.messages.length > 0;
}

async function loadDeliveries() {
  if (!deliveriesOf) return;
  renderDeliveries(await get(`/calls/${encodeURIComponent(deliveriesOf)}/messages`));
}

function showError(e) {
  $('error').textContent = `${t('error')} (${e.message})`;
  $('error').hidden = false;
}

function renderSla(figures) {
  const chart = $('sla-chart');
  const width = 720;
  const height = 220;
  const top = 16;
  const bottom = 40;
  const left = 36;
  const plot = height - top - bottom;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, 'aria-label': t('sla') });
  [0, 0.5, 1].forEach((v) => {
    const y = top + plot * (1 - v);
    root.append(svg('line', { class: 'axis', x1: left, x2: width, y1: y, y2: y, 'stroke-dasharray': v ? '2 3' : '' }));
    root.append(svg('text', { x: 2, y: y + 4 }, `${v * 100}%`));
  });
  const days = figures.filter((f) => f.keptShare !== null);
  if (days.length === 0) {
    root.append(svg('text', { x: left + 8, y: top + plot / 2 }, t('noSla')));
  }
  const step = (width - left) / Math.max(days.length, 1);
  days.forEach((f, i) => {
    const h = plot * f.keptShare;
    const barWidth = Math.min(step * 0.7, 48);
    const x = left + i * step + (step - barWidth) / 2;
    const bar = svg('rect', { class: 'bar', x, y: top + plot - h, width: barWidth, height: h, 'data-day': f.periodStart });
    bar.append(svg('title', {}, `${f.periodStart}: ${Math.round(f.keptShare * 100)}% (${f.keptOnTime}/${f.measured})`));
    root.append(bar);
    root.append(svg('text', { x: x + barWidth / 2, y: top + plot - h - 3, 'text-anchor': 'middle' }, `${Math.round(f.keptShare * 100)}%`));
    root.append(svg('text', { x: x + barWidth / 2, y: height - bottom + 16, 'text-anchor': 'middle' }, f.periodStart.slice(5)));
  });
  chart.replaceChildren(root);
}

function renderBilling(bill) {
  $('billing').tBodies[0].replaceChildren(...bill.lines.map((line) => el('tr', {},
    el('td', {}, `${line.from} – ${line.to}`),
    el('td', { class: 'num' }, yen(line.unitPrice)),
    el('td', { class: 'num' }, yen(line.hearingPrice)),
    el('td', { class: 'num' }, yen(line.calls)),
    el('td', { class: 'num' }, yen(line.amount)))));
  $('billing-calls').textContent = yen(bill.calls);
  $('billing-total').textContent = yen(bill.total);
}

async function loadBoard() {
  board = await get('/board');
  boardFetchedAt = Date.now();
  renderBoard();
}

async function load() {
  $('error').hidden = true;
  sessionStorage.setItem(KEY_STORE, $('key').value.trim());
  try {
    await Promise.all([
      loadBoard(),
      get(`/sla?period=day&from=${$('from').value}&to=${$('to').value}`).then(renderSla),
      get(`/billing?month=${$('month').value}`).then(renderBilling),
      loadDeliveries(),
    ]);
  } catch (e) {
    showError(e);
  }
}

function preset() {
  const today = new Date();
  const iso = (d) => d.toISOString().slice(0, 10);
  $('tenant').value = params.get('tenant') || 'acme-jp';
  $('to').value = params.get('to') || iso(today);
  $('from').value = params.get('from') || iso(new Date(today.getTime() - 13 * 86400000));
  $('month').value = params.get('month') || iso(today).slice(0, 7);
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('key')) {
    sessionStorage.setItem(KEY_STORE, fragment.get('key'));
    history.replaceState(null, '', location.pathname + location.search);
  }
  $('key').value = sessionStorage.getItem(KEY_STORE) || '';
}

$('billing-csv').addEventListener('click', (e) => downloadBillingCsv(e).catch(showError));
$('controls').addEventListener('submit', (e) => { e.preventDefault(); load(); });
$('lang').addEventListener('click', () => { lang = lang === 'ja' ? 'en' : 'ja'; applyLanguage(); load(); });
preset();
applyLanguage();
load();
setInterval(renderBoard, 1000);
setInterval(() => loadBoard().catch(() => {}), 15000);

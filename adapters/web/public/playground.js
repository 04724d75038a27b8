// The playground page: pick a roster person, chat as them, see replies and cards arrive live (Server-Sent
// Events). Cards are rendered by the official Adaptive Cards renderer from the JSON Teams would get.
import { hostConfig } from './host-config.js';
import { format, strings } from './i18n.js';
import { markdownToHtml } from './markdown.js';

const AC = globalThis.AdaptiveCards;
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdownToHtml(text);
  result.didProcess = true;
};
const acHostConfig = new AC.HostConfig(hostConfig);

const $ = (id) => document.getElementById(id);
const ui = {
  person: $('person'),
  lang: $('lang'),
  status: $('status'),
  hint: $('hint'),
  log: $('log'),
  typing: $('typing'),
  chips: $('chips'),
  suggestions: $('suggestions'),
  form: $('composer'),
  text: $('text'),
  send: $('send'),
  subtitle: $('chat-subtitle'),
};

const ROLE_ORDER = ['student', 'mentor', 'teacher', 'coach', 'admin'];
const LANG_KEY = 'leerkans.playground.lang';

const state = {
  lang: localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'nl',
  people: [],
  person: undefined,
  source: undefined,
  pending: 0,
};

const t = (key, params) => format(strings[state.lang][key] ?? key, params);
const langOf = (locale) => (String(locale ?? '').startsWith('en') ? 'en' : 'nl');

/** A fresh idempotency key per send; a retry of the same send reuses it. */
function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---- chrome language ------------------------------------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.title = t('title');
  ui.lang.value = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-aria]'))
    node.setAttribute('aria-label', t(node.dataset.i18nAria));
  for (const node of document.querySelectorAll('[data-i18n-placeholder]'))
    node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder));
  fillPicker();
  describePerson();
  setStatus(ui.status.dataset.state);
  updateHint();
}

// ---- people ---------------------------------------------------------------------------------------

const primaryRole = (p) => ROLE_ORDER.find((r) => p.roles.includes(r)) ?? p.roles[0] ?? 'student';
const roleNames = (p) => p.roles.map((r) => strings[state.lang].roles[r] ?? r).join(', ');

function fillPicker() {
  const chosen = ui.person.value;
  ui.person.replaceChildren(new Option(t('pickPerson'), ''));
  for (const role of ROLE_ORDER) {
    const members = state.people.filter((p) => primaryRole(p) === role);
    if (members.length === 0) continue;
    const group = el('optgroup');
    group.label = strings[state.lang].groups[role] ?? role;
    for (const p of members) group.append(new Option(`${p.name} — ${roleNames(p)}`, p.email));
    ui.person.append(group);
  }
  const others = state.people.filter((p) => !ROLE_ORDER.includes(primaryRole(p)));
  for (const p of others) ui.person.append(new Option(`${p.name} — ${roleNames(p)}`, p.email));
  ui.person.value = chosen;
}

function describePerson() {
  const p = state.person;
  ui.subtitle.textContent = p ? t('chattingAs', { name: p.name, roles: roleNames(p) }) : t('botSubtitle');
}

async function loadPeople() {
  const res = await fetch('/playground/people');
  const body = await res.json();
  state.people = body.people ?? [];
  fillPicker();
  ui.person.disabled = false;
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('as');
  if (fromHash && state.people.some((p) => p.email === fromHash)) {
    ui.person.value = fromHash;
    selectPerson(fromHash);
  }
}

function selectPerson(email) {
  state.source?.close();
  state.source = undefined;
  ui.log.replaceChildren();
  state.person = state.people.find((p) => p.email === email);
  history.replaceState(null, '', state.person ? `#as=${encodeURIComponent(email)}` : location.pathname);
  describePerson();
  renderChips();
  const enabled = Boolean(state.person);
  ui.text.disabled = !enabled;
  ui.send.disabled = !enabled;
  updateHint();
  if (!state.person) {
    setStatus('idle');
    return;
  }
  setStatus('connecting');
  const source = new EventSource(`/playground/events?person=${encodeURIComponent(email)}`);
  state.source = source;
  source.addEventListener('open', () => setStatus('live'));
  source.addEventListener('error', () => setStatus('offline'));
  // The server replays the person's log after every (re)connect, starting with `reset`.
  source.addEventListener('reset', () => {
    ui.log.replaceChildren();
    updateHint();
  });
  source.addEventListener('message', (event) => showEntry(JSON.parse(event.data)));
  ui.text.focus();
}

function setStatus(kind = 'idle') {
  ui.status.dataset.state = kind;
  ui.status.textContent = kind === 'idle' ? '' : t(kind);
}

function updateHint() {
  const empty = ui.log.children.length === 0;
  ui.hint.hidden = !empty;
  if (!empty) return;
  const words = state.person ? strings[langOf(state.person.locale)].words : undefined;
  ui.hint.textContent = state.person ? t('emptyConversation', { word: words.student[0] }) : t('empty');
}

function renderChips() {
  ui.chips.replaceChildren();
  const p = state.person;
  ui.suggestions.hidden = !p;
  if (!p) return;
  const words = strings[langOf(p.locale)].words;
  for (const word of p.roles.includes('student') ? words.student : words.other) {
    const chip = el('button', 'chip', word);
    chip.type = 'button';
    chip.setAttribute('aria-label', t('send_word', { word }));
    chip.addEventListener('click', () => sendText(word));
    ui.chips.append(chip);
  }
}

// ---- the conversation -----------------------------------------------------------------------------

const nearBottom = () => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 160;
const scrollToBottom = () =>
  requestAnimationFrame(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'auto' }));

function initials(name) {
  const parts = String(name ?? '?')
    .trim()
    .split(/\s+/);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

function formatTime(iso) {
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(state.lang === 'nl' ? 'nl-BE' : 'en-GB', {
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** Adds a message from the stream, or replaces the one with the same id in place (a card update). */
function showEntry(entry) {
  const existing = ui.log.querySelector(`li[data-id="${CSS.escape(entry.id)}"]`);
  if (existing && entry.from === 'person') {
    // Our own optimistic bubble, now confirmed by the server.
    existing.classList.remove('pending');
    return;
  }
  const follow = nearBottom();
  const node = renderEntry(entry);
  if (existing) existing.replaceWith(node);
  else ui.log.append(node);
  updateHint();
  if (follow || !existing) scrollToBottom();
}

function renderEntry(entry) {
  const mine = entry.from === 'person';
  const li = el('li', `msg ${mine ? 'person' : 'bot'}`);
  li.dataset.id = entry.id;
  const avatar = el('div', `avatar ${mine ? 'person' : 'bot'}`, mine ? initials(state.person?.name) : 'L');
  avatar.setAttribute('aria-hidden', 'true');
  const body = el('div', 'msg-body');
  const meta = el('div', 'meta');
  meta.append(el('span', 'author', mine ? (state.person?.name ?? t('you')) : t('bot')));
  const time = el('time', 'time', formatTime(entry.at));
  time.dateTime = entry.at;
  meta.append(time);
  if (entry.updatedAt) meta.append(el('span', 'edited', t('updated')));
  body.append(meta);

  // With a card, the text is the card's fallback; show it only when it says something the card does not.
  const fallback = entry.card?.fallbackText?.trim();
  if (!entry.card || (entry.text.trim() && entry.text.trim() !== fallback)) {
    const bubble = el('div', 'bubble');
    if (mine) bubble.textContent = entry.text;
    else bubble.innerHTML = markdownToHtml(entry.text);
    body.append(bubble);
  }
  if (entry.card) body.append(renderCard(entry));
  li.append(avatar, body);
  return li;
}

function renderCard(entry) {
  const wrapper = el('div', 'card');
  wrapper.setAttribute('role', 'group');
  wrapper.setAttribute('aria-label', t('card'));
  try {
    const card = new AC.AdaptiveCard();
    card.hostConfig = acHostConfig;
    card.onExecuteAction = (action) => void runAction(entry, action, wrapper);
    card.parse(entry.card);
    const rendered = card.render();
    if (rendered) wrapper.append(rendered);
  } catch (error) {
    console.error('card could not be rendered', error);
    wrapper.append(el('div', 'bubble', entry.text));
  }
  return wrapper;
}

function actionData(action) {
  // The action's own data (which carries the verb); input values go separately, as `inputs`.
  try {
    const json = action.toJSON();
    if (json && typeof json.data === 'object' && json.data !== null) return json.data;
  } catch {
    // fall through
  }
  return {};
}

async function runAction(entry, action, wrapper) {
  if (action instanceof AC.OpenUrlAction) {
    window.open(action.url, '_blank', 'noopener');
    return;
  }
  const data = actionData(action);
  const verb = action instanceof AC.ExecuteAction && action.verb ? action.verb : data.verb;
  if (typeof verb !== 'string' || !verb) return;
  const inputs = {};
  for (const [id, input] of Object.entries(action.getReferencedInputs?.() ?? {})) {
    if (input.isSet()) inputs[id] = String(input.value);
  }
  // One click, one effect: the card is inert until the bot has answered.
  wrapper.classList.add('busy');
  wrapper.inert = true;
  const result = await post('/playground/actions', {
    personEmail: state.person.email,
    verb,
    data,
    inputs,
    messageId: entry.id,
    key: newKey(),
  });
  wrapper.classList.remove('busy');
  wrapper.inert = false;
  const note = el('p', result.ok ? 'note' : 'note error');
  note.setAttribute('role', result.ok ? 'status' : 'alert');
  note.textContent = result.ok ? t('sent', { title: action.title ?? verb }) : t('failed', { reason: result.reason });
  wrapper.after(note);
}

async function sendText(raw) {
  const text = raw.trim();
  if (!text || !state.person) return;
  const key = newKey();
  // Shown at once; the server echoes it on the stream under the same key.
  const node = renderEntry({ id: key, from: 'person', text, at: new Date().toISOString() });
  node.classList.add('pending');
  ui.log.append(node);
  updateHint();
  scrollToBottom();
  const result = await post('/playground/messages', { personEmail: state.person.email, text, key });
  // "taal en" / "language nl" changes the person's language: the suggestion chips follow it.
  const switched = /^(?:\/?leerkans\s+)?(?:taal|language)\s+(nl|en|nederlands|dutch|vlaams|engels|english)[.!]?$/i.exec(
    text,
  );
  if (result.ok && switched) {
    state.person = { ...state.person, locale: /^(?:en|engels|english)$/i.test(switched[1]) ? 'en' : 'nl-BE' };
    renderChips();
  }
  if (!result.ok) {
    node.classList.add('failed');
    const note = el('p', 'note error', t('failed', { reason: result.reason }));
    note.setAttribute('role', 'alert');
    node.querySelector('.msg-body').append(note);
  }
}

/** Posts JSON; retries once with the same body (and so the same idempotency key) after a network error. */
async function post(url, body) {
  state.pending++;
  ui.typing.hidden = false;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const json = await res.json().catch(() => ({}));
        return res.ok ? { ok: true, json } : { ok: false, reason: json.message ?? `HTTP ${res.status}` };
      } catch (error) {
        if (attempt >= 1) return { ok: false, reason: error.message };
        await new Promise((r) => setTimeout(r, 800));
      }
    }
  } finally {
    state.pending--;
    ui.typing.hidden = state.pending === 0;
  }
}

// ---- wiring ---------------------------------------------------------------------------------------

ui.person.addEventListener('change', () => selectPerson(ui.person.value));
ui.lang.addEventListener('change', () => {
  state.lang = ui.lang.value === 'en' ? 'en' : 'nl';
  localStorage.setItem(LANG_KEY, state.lang);
  applyLanguage();
});
ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = ui.text.value;
  ui.text.value = '';
  autosize();
  void sendText(text);
});
ui.text.addEventListener('keydown', (event) => {
  // Enter sends, Shift+Enter is a new line (as in Teams and Slack); never while an IME is composing.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    ui.form.requestSubmit();
  }
});
function autosize() {
  ui.text.style.height = 'auto';
  ui.text.style.height = `${Math.min(ui.text.scrollHeight, 200)}px`;
}
ui.text.addEventListener('input', autosize);

applyLanguage();
loadPeople().catch((error) => {
  console.error('could not load the roster', error);
  setStatus('offline');
});

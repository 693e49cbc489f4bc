// The web chat page: one session per bot and browser (its user key kept in localStorage), the
// conversation's history, new messages over server-sent events, and a form to write.

const botId = decodeURIComponent(location.pathname.split('/')[2] ?? '')
const api = `/v1/bots/${encodeURIComponent(botId)}`
const storageKey = `parley.webchat.${botId}`
const PAGE = 1000

const log = document.getElementById('chat-log')
const form = document.getElementById('chat-form')
const input = document.getElementById('chat-input')
const statusLine = document.getElementById('chat-status')
const shown = new Set()

let session

async function start() {
  session = await openSession()
  localStorage.setItem(storageKey, session.userKey)
  showTitle(session.bot.title ?? session.bot.id)
  connect()
}

async function openSession() {
  const userKey = localStorage.getItem(storageKey) ?? undefined
  return request('POST', `${api}/webchat/session`, { userKey })
}

function conversationPath() {
  return `${api}/webchat/conversations/${encodeURIComponent(session.conversation.id)}`
}

async function request(method, path, body) {
  const headers = { 'Content-Type': 'application/json' }
  if (session) headers.Authorization = `Bearer ${session.userKey}`
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const data = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error(data.error?.message ?? `the server answered ${response.status}`)
  return data
}

function showTitle(title) {
  document.getElementById('chat-title').textContent = title
  document.title = `Chat with ${title}`
}

function setStatus(text) {
  statusLine.textContent = text
}

// On every (re)connection, history fills in whatever was missed while the stream was down.
function connect() {
  const stream = new EventSource(`${conversationPath()}/stream?key=${encodeURIComponent(session.userKey)}`)
  stream.addEventListener('ready', () => loadHistory().then(() => setStatus('Connected'), showError))
  stream.addEventListener('message', (event) => render(JSON.parse(event.data)))
  stream.addEventListener('error', () => setStatus('Reconnecting…'))
}

async function loadHistory() {
  for (let offset = 0; ; offset += PAGE) {
    const { messages } = await request('GET', `${conversationPath()}/messages?limit=${PAGE}&offset=${offset}`)
    messages.forEach(render)
    if (messages.length < PAGE) return
  }
}

// The log shows messages in the server's order: by creation time; at one instant (a turn's records
// may share one), the user's message before the bot's; then in the order they reached this page. A
// message being sent shows at once, after everything shown so far, and takes its stored place when the
// server answers: the bot's reply may arrive over the stream before that answer does.
let arrivals = 0
let latest = ''

let sending = Promise.resolve()

// Messages go to the server one after the other, so they are stored in the order they were written.
function send(message) {
  const item = messageItem({ direction: 'incoming', ...message })
  item.classList.add('pending')
  place(item, { direction: 'incoming', createdAt: latest })
  const sent = sending.then(() => deliver(message, item))
  sending = sent.catch(() => {})
  return sent
}

async function deliver(message, item) {
  try {
    const { message: stored, failures } = await request('POST', `${conversationPath()}/messages`, message)
    settle(item, stored).append(...failureNotes(failures ?? []))
  } catch (error) {
    item.remove()
    throw error
  }
}

// The stored message replaces the one shown while sending, unless history brought it in meanwhile.
function settle(item, stored) {
  item.classList.remove('pending')
  if (shown.has(stored.id)) {
    item.remove()
    return log.querySelector(`[data-id="${CSS.escape(stored.id)}"]`) ?? item
  }
  shown.add(stored.id)
  item.dataset.id = stored.id
  place(item, stored)
  return item
}

function render(message) {
  if (shown.has(message.id)) return
  shown.add(message.id)
  const item = messageItem(message)
  item.dataset.id = message.id
  place(item, message)
}

function messageItem(message) {
  const fromUser = message.direction === 'incoming'
  const item = document.createElement('li')
  item.className = fromUser ? 'message from-user' : 'message from-bot'
  item.append(hidden(fromUser ? 'You: ' : 'Bot: '), ...content(message))
  return item
}

function place(item, { direction, createdAt }) {
  item.dataset.createdAt = createdAt
  item.dataset.rank = direction === 'incoming' ? '0' : '1'
  item.dataset.arrival ??= String(arrivals++)
  if (createdAt > latest) latest = createdAt
  item.remove()
  log.insertBefore(item, nextAfter(item))
  item.scrollIntoView({ block: 'end' })
}

// Most messages go last: look from the end for the first one that must stay before this one.
function nextAfter(item) {
  for (let other = log.lastElementChild; other; other = other.previousElementSibling) {
    if (compare(other, item) <= 0) return other.nextElementSibling
  }
  return log.firstElementChild
}

function compare(a, b) {
  const time = a.dataset.createdAt < b.dataset.createdAt ? -1 : a.dataset.createdAt > b.dataset.createdAt ? 1 : 0
  return time || Number(a.dataset.rank) - Number(b.dataset.rank) || Number(a.dataset.arrival) - Number(b.dataset.arrival)
}

// Only a development server (`parley dev`) reports the handlers that failed on a message.
function failureNotes(failures) {
  return failures.map(({ handler, owner, message, at }) => {
    const note = paragraph(`${handler} of ${owner} failed: ${message}${at ? ` (at ${at})` : ''}`)
    note.className = 'turn-failure'
    note.setAttribute('role', 'alert')
    return note
  })
}

function content({ type, payload }) {
  switch (type) {
    case 'text': return [paragraph(payload.text)]
    case 'markdown': return [paragraph(payload.markdown)]
    case 'choice': return [paragraph(payload.text), choices(payload.options)]
    case 'image': return [image(payload)]
    case 'file': return [link(payload.fileUrl, payload.title ?? 'Download the file')]
    case 'location': return [paragraph(`${payload.title ? `${payload.title}: ` : ''}${payload.latitude}, ${payload.longitude}`)]
    default: return [paragraph(`(a message of type "${type}", which this page cannot show)`)]
  }
}

function paragraph(text) {
  const p = document.createElement('p')
  p.textContent = text ?? ''
  return p
}

function hidden(text) {
  const span = document.createElement('span')
  span.className = 'visually-hidden'
  span.textContent = text
  return span
}

function choices(options) {
  const group = document.createElement('div')
  group.className = 'choices'
  group.setAttribute('role', 'group')
  group.setAttribute('aria-label', 'Choices')
  for (const option of options ?? []) group.append(choiceButton(option, group))
  return group
}

// A choice is answered once: the value goes back as a text message and the buttons are disabled.
function choiceButton(option, group) {
  const button = document.createElement('button')
  button.type = 'button'
  button.textContent = option.label
  button.addEventListener('click', () => {
    group.querySelectorAll('button').forEach((each) => { each.disabled = true })
    send({ type: 'text', payload: { text: option.value } }).catch(showError)
  })
  return button
}

function image({ imageUrl, title }) {
  const figure = document.createElement('figure')
  const img = document.createElement('img')
  img.src = imageUrl
  img.alt = title ?? 'An image from the bot'
  figure.append(img)
  if (title) figure.append(Object.assign(document.createElement('figcaption'), { textContent: title }))
  return figure
}

// Only web addresses become links: a bot's payload must not be able to run script on this page.
function link(href, text) {
  if (!/^https?:\/\//i.test(href ?? '')) return paragraph(text)
  return Object.assign(document.createElement('a'), { href, textContent: text, target: '_blank', rel: 'noopener' })
}

function showError(error) {
  setStatus(`Error: ${error.message}`)
}

form.addEventListener('submit', (event) => {
  event.preventDefault()
  const text = input.value.trim()
  if (!text) return
  input.value = ''
  send({ type: 'text', payload: { text } }).catch((error) => {
    input.value = text
    showError(error)
  })
})

// Enter sends; Shift+Enter starts a new line.
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault()
    form.requestSubmit()
  }
})

start().catch(showError)

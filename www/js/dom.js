// Building and changing the page's elements: the only module that touches
// document.createElement.

export const doc = document;
export const root = doc.documentElement;

// el('p', { class: 'x', text: 'hi', onclick: f }, [kids]): null, undefined
// and false attributes and children are left out.
export function el(tag, attrs, kids) {
  const n = doc.createElement(tag);
  setAttrs(n, attrs);
  return add(n, kids);
}

export function svgEl(tag, attrs, text) {
  const n = doc.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(n, attrs);
  if (text) n.textContent = text;
  return n;
}

function setAttrs(n, attrs) {
  Object.keys(attrs || {}).forEach((k) => {
    const v = attrs[k];
    if (v === null || v === undefined || v === false) return;
    if (k === 'text') n.textContent = v;
    else if (k === 'class') n.setAttribute('class', v);
    else if (k.slice(0, 2) === 'on') n.addEventListener(k.slice(2), v);
    else n.setAttribute(k, v === true ? '' : v);
  });
}

export function add(n, kids) {
  (Array.isArray(kids) ? kids : [kids]).forEach((k) => {
    if (k === null || k === undefined || k === false) return;
    if (Array.isArray(k)) add(n, k);
    else n.appendChild(typeof k === 'string' ? doc.createTextNode(k) : k);
  });
  return n;
}

export function clear(n) {
  while (n.firstChild) n.removeChild(n.firstChild);
  return n;
}

export function show(n, on) {
  if (n) n.hidden = !on;
}

export function setText(n, text) {
  if (n.textContent !== text) n.textContent = text;
}

export const byId = (id) => doc.getElementById(id);

// Adds or removes one id in an attribute that lists ids (aria-describedby).
export function idList(n, attr, id, on) {
  const ids = (n.getAttribute(attr) || '').split(' ').filter((x) => x && x !== id);
  if (on) ids.push(id);
  if (ids.length) n.setAttribute(attr, ids.join(' '));
  else n.removeAttribute(attr);
}

// Opens every <details> around n (an error inside a closed section shows).
export function reveal(n) {
  for (let p = n; p; p = p.parentNode) if (p.tagName === 'DETAILS') p.open = true;
}

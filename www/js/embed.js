// Inside another page (embed.html): the height and, after a calculation,
// where the answer is, to the parent in the Pym.js message format
// ("pymxPYMx" + id + "xPYMx" + type + "xPYMx" + value): `height`, and
// `scrollToChildPos` with the answer's offset in the frame.
import { root } from './dom.js';

function send(app, type, value) {
  if (!app.embed || window.parent === window) return;
  window.parent.postMessage('pymxPYMx' + (app.query.childId || '') + 'xPYMx' + type + 'xPYMx' + value, '*');
}

export function initEmbed(app) {
  if (!app.embed) return;
  let last = -1;
  // Measuring lays the page out: only in the embed, where the parent needs it.
  app.resized = () => {
    const h = Math.ceil(root.getBoundingClientRect().height);
    if (h === last) return;
    last = h;
    send(app, 'height', h);
  };
  app.scrollParentTo = (node) => {
    app.resized();
    send(app, 'scrollToChildPos', Math.max(0, Math.floor(node.getBoundingClientRect().top + window.pageYOffset)));
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(app.resized).observe(root);
  window.addEventListener('resize', app.resized);
  document.addEventListener('toggle', app.resized, true);
  // A Pym parent announces its width; answer with the height.
  window.addEventListener('message', (e) => {
    if (e.source === window.parent && typeof e.data === 'string' && e.data.indexOf('pymxPYMx' + (app.query.childId || '') + 'xPYMx' + 'width') === 0) {
      last = -1;
      app.resized();
    }
  });
}

// WCAG checks that tests/e2e/test_portal_wcag.py runs in the page: reflow, target size,
// checkbox borders and the focus indicator. Loaded as an init script; read through
// window.wcagChecks.
(() => {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  // Relative luminance and contrast ratio as WCAG 2 defines them.
  const lum = ({ r, g, b }) => {
    const f = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  // The colour behind an element: its ancestors' backgrounds, blended, on white.
  const backdrop = (el) => {
    const layers = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    return layers.reverse().reduce((acc, c) => over(c, acc), { r: 255, g: 255, b: 255, a: 1 });
  };
  const visible = (el) => {
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.display === 'none') return false;
    const r = el.getBoundingClientRect();
    // Bootstrap's visually-hidden(-focusable) clips to 1 × 1 px until focused.
    return r.width > 1 && r.height > 1 && !el.closest('[hidden], [aria-hidden="true"]');
  };
  const describe = (el) => {
    const name = (el.getAttribute('aria-label') || el.textContent || el.value || '')
      .trim().replace(/\s+/g, ' ').slice(0, 40);
    const classes = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${classes} "${name}"`;
  };

  // 1.4.10 Reflow: the page is no wider than the screen; the outermost culprits if it is.
  const overflow = () => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const wide = [];
    if (root.scrollWidth > width) {
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > width + 1 && getComputedStyle(el).position !== 'fixed') {
          if (!wide.some((w) => w.contains(el))) wide.push(el);
        }
      }
    }
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: width,
      wide: wide.slice(0, 5).map((el) => `${describe(el)} right=${Math.round(el.getBoundingClientRect().right)}`),
    };
  };

  // 2.5.8 Target size (minimum): 24 × 24 px, or a 24 px circle on the target's centre that
  // meets no other target (nor another small target's circle). Links inside a sentence are
  // exempt.
  const SELECTOR = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[role=button], [tabindex]:not([tabindex="-1"])';
  // A control Bootstrap hides behind its label (.btn-check) is clicked through the label.
  const target = (el) => (el.matches('.btn-check') && el.labels && el.labels[0] ? el.labels[0] : el);
  const inSentence = (el) => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    return Array.from(el.parentElement.childNodes).some(
      (n) => n !== el && n.textContent.trim() && !(n.nodeType === 1 && n.matches(SELECTOR)),
    );
  };
  const targets = () => {
    const boxes = [];
    for (const el of document.querySelectorAll(SELECTOR)) {
      const t = target(el);
      if (!visible(t) || el.disabled || inSentence(el)) continue;
      // 2.5.8's "equivalent" exception: every place on the drawn body chart is also in its
      // list view ("Show as a list"), whose controls are checked when the list is open.
      if (el.closest('[data-bc-chart]')) continue;
      if (getComputedStyle(t).pointerEvents === 'none') continue;
      if (!boxes.some((b) => b.el === t)) boxes.push({ el: t, r: t.getBoundingClientRect() });
    }
    const small = boxes.filter((b) => b.r.width < 23.99 || b.r.height < 23.99);
    const centre = (r) => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
    const distance = (p, r) => Math.hypot(
      Math.max(r.left - p.x, 0, p.x - r.right), Math.max(r.top - p.y, 0, p.y - r.bottom),
    );
    const bad = [];
    for (const s of small) {
      const c = centre(s.r);
      const crowded = boxes.some((o) => {
        if (o === s || o.el.contains(s.el) || s.el.contains(o.el)) return false;
        if (small.includes(o)) {
          const d = centre(o.r);
          return Math.hypot(c.x - d.x, c.y - d.y) < 24;
        }
        return distance(c, o.r) < 12;
      });
      if (crowded) bad.push(`${describe(s.el)} ${Math.round(s.r.width)}×${Math.round(s.r.height)}`);
    }
    return bad;
  };

  // 1.4.11 Non-text contrast: an empty checkbox's or radio's border, 3:1 against what is
  // behind it (or against its own fill).
  const checkBorders = () => {
    const bad = [];
    for (const el of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
      if (!visible(el) || el.checked || el.matches('.btn-check')) continue;
      const border = parse(getComputedStyle(el).borderTopColor);
      const behind = backdrop(el.parentElement);
      const own = parse(getComputedStyle(el).backgroundColor);
      const value = ratio(over(border, behind), behind);
      const inside = own && own.a > 0 ? ratio(over(border, behind), over(own, behind)) : value;
      if (Math.max(value, inside) < 3) bad.push(`${describe(el)} border ${value.toFixed(2)}:1`);
    }
    return bad;
  };

  // The focused element's indicator: an outline (or, failing that, a box-shadow ring) at
  // least 2 px wide, 3:1 against the background around the element.
  const focus = () => {
    const el = document.activeElement;
    if (!el || el === document.body) return { name: 'body', ok: false, why: 'focus lost' };
    const s = getComputedStyle(el);
    const behind = backdrop(el.parentElement);
    let colour = null;
    let width = 0;
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) {
      colour = parse(s.outlineColor);
      width = parseFloat(s.outlineWidth);
    } else if (s.boxShadow && s.boxShadow !== 'none') {
      const m = s.boxShadow.match(/(rgba?\([^)]+\))[^,]*?(\d+(?:\.\d+)?)px\s*$/);
      if (m) {
        colour = parse(m[1]);
        width = parseFloat(m[2]);
      }
    }
    const base = {
      name: describe(el),
      inLog: !!el.closest('form.log-form'),
      key: el.type === 'radio' ? 'radio:' + el.name : (el.id || el.name || el.type),
    };
    if (!colour) return { ...base, ok: false, why: 'no focus indicator' };
    const value = ratio(over(colour, behind), behind);
    return { ...base, ok: width >= 2 && value >= 3, why: `${width}px at ${value.toFixed(2)}:1` };
  };

  // Reflow without loss: no word is cut across two lines ("departmen / t") because its box is
  // too narrow. Hyphens, dashes and slashes may end a line; email and web addresses may wrap.
  // The width of a word set unbroken in the element's font.
  const canvas = document.createElement('canvas').getContext('2d');
  const wordWidth = (word, el) => {
    const s = getComputedStyle(el);
    canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    return canvas.measureText(word).width + (parseFloat(s.letterSpacing) || 0) * word.length;
  };
  const brokenWords = () => {
    const bad = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !visible(parent) || parent.closest('script, style, svg, .visually-hidden')) continue;
      for (const match of node.textContent.matchAll(/[^\s\-\u2010-\u2015\/]+/g)) {
        const word = match[0];
        if (word.length < 2 || /[@.:]\w/.test(word) || !/\p{L}/u.test(word)) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + word.length);
        const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) {
          const box = parent.getBoundingClientRect().width;
          bad.push(`"${word}" (${Math.round(wordWidth(word, parent))} px) in ${describe(parent)} ${Math.round(box)} px wide`);
        }
      }
    }
    return bad.slice(0, 10);
  };

  // Reflow without loss: a control placed over the page (a message's close button, a
  // picture's Pause) covers none of the words around it.
  const covered = () => {
    const bad = [];
    for (const el of document.querySelectorAll(SELECTOR)) {
      if (!visible(el) || !['absolute', 'fixed'].includes(getComputedStyle(el).position)) continue;
      const r = el.getBoundingClientRect();
      const walker = document.createTreeWalker(el.offsetParent || document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!node.textContent.trim() || el.contains(node) || !parent || !visible(parent)) continue;
        if (parent.closest('script, style, .visually-hidden')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const hit = Array.from(range.getClientRects()).some((t) => t.width > 0
          && t.left < r.right - 1 && t.right > r.left + 1 && t.top < r.bottom - 1 && t.bottom > r.top + 1);
        if (hit) {
          bad.push(`${describe(el)} covers "${node.textContent.trim().slice(0, 40)}"`);
          break;
        }
      }
    }
    return bad;
  };

  window.wcagChecks = { overflow, targets, checkBorders, focus, brokenWords, covered };
})();

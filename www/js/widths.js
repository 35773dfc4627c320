// The widths at which style.css changes the layout (its `@media (min-width)`
// and `(max-width)` queries). Inside the <yibao-calculator> element they are
// the element's own width, not the window's: scripts/element-css.mjs turns
// each query into a class (yb-min-900, yb-max-480) that element.js sets on
// the element's outer box, and refuses a width that is not listed here.
export const WIDTHS = { min: [900], max: [480] };

// The classes for an element `width` CSS pixels wide.
export function widthClasses(width) {
  return WIDTHS.min.filter((w) => width >= w).map((w) => 'yb-min-' + w)
    .concat(WIDTHS.max.filter((w) => width <= w).map((w) => 'yb-max-' + w));
}

// Small DOM helpers. Views write through them so that a value that did not change does not touch
// the document: at thousands of devices most updates change a few numbers, not the page.

/** A new element: el('td', {className: 'number', dataset: {stage: 'DONE'}}, '3'). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key === 'attrs') {
      for (const [name, attrValue] of Object.entries(value)) node.setAttribute(name, attrValue);
    } else {
      node[key] = value;
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

/** Sets the text of a node when it differs. */
export function setText(node, value) {
  const text = value === null || value === undefined ? '' : String(value);
  if (node.textContent !== text) node.textContent = text;
}

/** Sets (or, for null, removes) an attribute when it differs. */
export function setAttr(node, name, value) {
  if (value === null || value === undefined) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
  } else if (node.getAttribute(name) !== String(value)) {
    node.setAttribute(name, String(value));
  }
}

export function setHidden(node, hidden) {
  if (node.hidden !== hidden) node.hidden = hidden;
}

/** The element of a view with data-field="name". */
export function field(root, name) {
  return root.querySelector(`[data-field="${name}"]`);
}

/**
 * Keeps the rows of a tbody in the order of items, reusing each key's row: new keys get a row from
 * create(item), every row gets update(row, item), rows of keys gone are removed.
 */
export function syncRows(tbody, items, keyOf, create, update) {
  const existing = new Map();
  for (const row of tbody.children) existing.set(row.dataset.key, row);
  let previous = null;
  for (const item of items) {
    const key = String(keyOf(item));
    let row = existing.get(key);
    if (row) {
      existing.delete(key);
    } else {
      row = create(item);
      row.dataset.key = key;
    }
    update(row, item);
    const expectedPlace = previous ? previous.nextSibling : tbody.firstChild;
    if (row !== expectedPlace) tbody.insertBefore(row, expectedPlace);
    previous = row;
  }
  for (const gone of existing.values()) gone.remove();
}

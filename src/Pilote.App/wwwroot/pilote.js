// Spreadsheet keys for the action grid: arrows move between cells, Enter confirms and goes down, Escape puts back
// what the cell held, Ctrl+Z (outside a cell being typed in) undoes the last saved change, and a paste of
// tab-separated lines (rows copied from Excel) fills the grid from the focused cell.
window.pilote = window.pilote || {};
window.pilote.grid = (function () {
  let owner = null;
  const cell = (r, c) => document.querySelector(`#action-grid [data-r="${r}"][data-c="${c}"]`);
  const move = (el, dr, dc) => {
    const r = +el.dataset.r + dr, c = +el.dataset.c + dc;
    const next = cell(r, c);
    if (next) { next.focus(); if (next.select) next.select(); return true; }
    return false;
  };
  document.addEventListener('focusin', e => {
    const el = e.target.closest && e.target.closest('#action-grid [data-r]');
    if (el) el.dataset.orig = el.value;
  });
  document.addEventListener('keydown', e => {
    const el = e.target.closest && e.target.closest('#action-grid [data-r]');
    if (!el) return;
    const isInput = el.tagName === 'INPUT';
    const typing = isInput && el.value !== el.dataset.orig;
    switch (e.key) {
      case 'ArrowUp': if (move(el, -1, 0)) e.preventDefault(); break;
      case 'ArrowDown': if (move(el, 1, 0)) e.preventDefault(); break;
      case 'ArrowLeft':
        if (!isInput || (el.selectionStart === 0 && el.selectionEnd === 0) || el.readOnly) { if (move(el, 0, -1)) e.preventDefault(); }
        break;
      case 'ArrowRight':
        if (!isInput || el.selectionStart === el.value.length || el.readOnly) { if (move(el, 0, 1)) e.preventDefault(); }
        break;
      case 'Enter':
        // Leaving the cell commits it (the browser's own change event): one save, never two.
        e.preventDefault();
        if (!move(el, 1, 0)) el.blur();
        break;
      case 'Escape':
        if (isInput) {
          e.preventDefault();
          el.value = el.dataset.orig ?? el.value;
          if (owner && el.getAttribute('aria-invalid') === 'true') {
            const row = el.closest('tr');
            owner.invokeMethodAsync('RevertAsync', +row.dataset.action);
          }
        }
        break;
      case 'z': case 'Z':
        if ((e.ctrlKey || e.metaKey) && !typing && owner) { e.preventDefault(); owner.invokeMethodAsync('UndoAsync'); }
        break;
    }
  });
  document.addEventListener('paste', e => {
    const el = e.target.closest && e.target.closest('#action-grid [data-r]');
    if (!el || !owner) return;
    const text = (e.clipboardData || window.clipboardData).getData('text');
    if (!text || (text.indexOf('\t') < 0 && text.indexOf('\n') < 0)) return;
    e.preventDefault();
    owner.invokeMethodAsync('PasteAsync', +el.dataset.r, +el.dataset.c, text);
  });
  return {
    register: ref => { owner = ref; },
    unregister: ref => { if (owner === ref) owner = null; },
    focusRow: id => {
      const input = document.querySelector(`#action-grid tr[data-action="${id}"] input`);
      if (input) { input.focus(); input.select(); }
    },
  };
})();

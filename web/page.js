/* page.js — the browser edition's page: takes the chosen data and options,
 * refuses data larger than the edition can hold before any run, runs the
 * program in a fresh Web Worker (web/worker.js) with a progress bar, then shows
 * the validation summary, the HTML report and a download for each output and
 * for all of them as one zip. No request, no storage: files are read with the
 * File API and outputs offered as blob links. */
'use strict';
(() => {
  const LIMIT_MB = @LIMIT_MB@;
  const LIMIT_BYTES = LIMIT_MB * 1024 * 1024;
  const FIRST_REJECTIONS = 20;
  const $ = (id) => document.getElementById(id);
  const form = $('form');
  const statusEl = $('status');
  const errorEl = $('error');
  const progress = $('progress');
  const chosenEl = $('chosen');
  let chosen = null; // { kind: 'folder'|'zip'|'files', entries: [{path, file}], label, folder }
  let urls = [];

  const setStatus = (t) => { statusEl.textContent = t; };
  const setError = (t) => { errorEl.textContent = t; };
  const mb = (n) => (n / 1048576).toFixed(n < 10485760 ? 1 : 0);
  const setProgress = (v, label) => {
    progress.value = v;
    progress.textContent = Math.round(v) + ' %';
    if (label) setStatus(label);
  };

  /* Whether a file's path is one the program reads (hidden and system files are not). */
  const wanted = (path) => !path.split('/').some((p) => p.startsWith('.') || p === '__MACOSX');

  /* The data folder's name as the report shows it (a zip's without .zip). */
  const folderName = (name) => (name || '').replace(/\.zip$/i, '').replace(/[\/\\]/g, '').replace(/^\.+/, '') || 'data';

  function choose(kind, entries, label, folder) {
    entries = entries.filter((e) => wanted(e.path));
    if (!entries.length) {
      chosen = null;
      chosenEl.textContent = 'Nothing usable was chosen: no files.';
      return;
    }
    chosen = { kind, entries, label, folder: folderName(folder) };
    const total = entries.reduce((s, e) => s + e.file.size, 0);
    chosenEl.textContent = `Chosen: ${label} (${entries.length} file${entries.length === 1 ? '' : 's'}, ${mb(total)} MB).`;
    setError('');
  }

  /* A folder chosen with the folder picker: paths below the folder itself. */
  $('folder').addEventListener('change', (ev) => {
    const files = Array.from(ev.target.files);
    if (!files.length) return;
    const top = files[0].webkitRelativePath.split('/')[0];
    choose('folder', files.map((f) => ({ path: f.webkitRelativePath.split('/').slice(1).join('/'), file: f })),
      `the folder ${top}`, top);
  });
  $('zip').addEventListener('change', (ev) => {
    const f = ev.target.files[0];
    if (f) choose('zip', [{ path: f.name, file: f }], `the zip ${f.name}`, f.name);
  });
  $('files').addEventListener('change', (ev) => {
    const files = Array.from(ev.target.files);
    if (files.length) choose('files', files.map((f) => ({ path: f.name, file: f })), 'one agency\'s files');
  });

  /* Drag and drop: a folder, a zip, or files. */
  const drop = $('drop');
  const readAll = (reader) => new Promise((resolve, reject) => {
    const out = [];
    const step = () => reader.readEntries((batch) => {
      if (!batch.length) resolve(out);
      else { out.push(...batch); step(); }
    }, reject);
    step();
  });
  const fileOf = (entry) => new Promise((resolve, reject) => entry.file(resolve, reject));
  async function walk(entry, prefix, out) {
    if (entry.isFile) out.push({ path: prefix + entry.name, file: await fileOf(entry) });
    else if (entry.isDirectory)
      for (const e of await readAll(entry.createReader())) await walk(e, prefix + entry.name + '/', out);
  }
  drop.addEventListener('dragover', (ev) => { ev.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', async (ev) => {
    ev.preventDefault();
    drop.classList.remove('over');
    const entries = Array.from(ev.dataTransfer.items).map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
    if (entries.length === 1 && entries[0].isDirectory) {
      const out = [];
      for (const e of await readAll(entries[0].createReader())) await walk(e, '', out);
      choose('folder', out, `the folder ${entries[0].name}`, entries[0].name);
    } else if (entries.length === 1 && /\.zip$/i.test(entries[0].name)) {
      choose('zip', [{ path: entries[0].name, file: await fileOf(entries[0]) }], `the zip ${entries[0].name}`,
        entries[0].name);
    } else {
      const out = [];
      for (const e of entries) if (e.isFile) out.push({ path: e.name, file: await fileOf(e) });
      choose('files', out, 'one agency\'s files');
    }
  });

  /* A CSV text as rows of fields (RFC 4180). */
  function parseCsv(text) {
    const rows = [];
    let row = [], field = '', q = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (q) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
        else if (c === '"') q = false;
        else field += c;
      } else if (c === '"') q = true;
      else if (c === ',') { row.push(field); field = ''; }
      else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        row.push(field); rows.push(row); row = []; field = '';
      } else field += c;
    }
    if (field !== '' || row.length) { row.push(field); rows.push(row); }
    return rows;
  }
  /* Rows of a CSV output as objects keyed by its header. */
  function records(bytes) {
    const rows = parseCsv(new TextDecoder().decode(bytes));
    const head = rows.shift() || [];
    return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] === undefined ? '' : r[i]])));
  }
  // the datasets a partnership folder must have; every other one is optional
  const REQUIRED = new Set(['agencies', 'staff', 'sessions']);

  function fillTable(table, rows, cols) {
    const body = table.tBodies[0];
    body.replaceChildren();
    for (const r of rows) {
      const tr = document.createElement('tr');
      for (const [key, num] of cols) {
        const td = document.createElement('td');
        td.textContent = r[key];
        if (num) td.className = 'num';
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
  }

  const TYPES = { csv: 'text/csv', pdf: 'application/pdf', html: 'text/html',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip: 'application/zip' };
  function download(name, data, text) {
    const ext = name.split('.').pop();
    const url = URL.createObjectURL(new Blob([data], { type: TYPES[ext] || 'application/octet-stream' }));
    urls.push(url);
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.textContent = text;
    li.appendChild(a);
    li.append(` (${mb(data.byteLength)} MB)`);
    $('downloads').appendChild(li);
  }

  function show(msg) {
    urls.forEach((u) => URL.revokeObjectURL(u));
    urls = [];
    $('downloads').replaceChildren();
    $('log').textContent = msg.lines.join('\n');
    const byName = Object.fromEntries(msg.outputs.map((o) => [o.name, o.data]));
    if (msg.zip) download('oversight-outputs.zip', msg.zip, 'All outputs as one zip');
    for (const o of msg.outputs) download(o.name, o.data, o.name);
    // data_quality.csv says "missing" for any file not there; on the page an
    // optional file an agency chose not to send reads "not sent", as in the report
    const dq = (byName['data_quality.csv'] ? records(byName['data_quality.csv']) : []).map((r) =>
      (r.status === 'missing' && !REQUIRED.has(r.dataset) ? { ...r, status: 'not sent' } : r));
    fillTable($('summary'), dq, [['agency_id'], ['file'], ['status'], ['rows_read', 1],
      ['rows_accepted', 1], ['rows_rejected', 1], ['warnings', 1]]);
    const rej = byName['rejections.csv'] ? records(byName['rejections.csv']).filter((r) => r.severity === 'rejected') : [];
    $('rejections-caption').textContent = rej.length
      ? `The first ${Math.min(rej.length, FIRST_REJECTIONS)} of ${rej.length} rejected rows (all of them are in rejections.csv)`
      : 'Rejected rows: none';
    fillTable($('rejections'), rej.slice(0, FIRST_REJECTIONS), [['agency_id'], ['file'], ['line', 1],
      ['field'], ['code'], ['reason']]);
    const html = msg.outputs.find((o) => /\.html$/.test(o.name));
    const frame = $('report');
    if (html) {
      frame.srcdoc = new TextDecoder().decode(html.data);
      frame.hidden = false;
      $('report-note').textContent = `${html.name}, as published; it is also among the downloads.`;
    } else {
      frame.hidden = true;
      frame.removeAttribute('srcdoc');
      $('report-note').textContent = 'The report is in the PDF and the workbook among the downloads.';
    }
    $('results').hidden = false;
  }

  /* Progress: the files into memory, then the program's own phases. */
  const PHASES = [['timing: ingest', 55, 'Checked every file; working out the figures…'],
    ['timing: metrics', 65, 'Worked out the figures; building the report…'],
    ['timing: report model', 70, 'Writing the outputs…'],
    ['timing: data-quality CSVs', 75, 'Writing the PDF and the workbook…']];

  let worker = null;
  /* The program, compiled once when the page opens; each run instantiates it
   * afresh in a new worker. */
  const program = (async () => {
    const text = document.getElementById('wasm').textContent;
    const raw = atob(text);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return WebAssembly.compile(bytes);
  })();
  program.then(() => { if (!worker) setStatus('Ready.'); }, () => setError('This browser cannot run the ' +
    'program (WebAssembly is not allowed): use a current Chrome, Edge or Firefox, or the oversight command line.'));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    setError('');
    if (worker) return;
    if (!chosen) { setError('Choose the data first: a data folder, a zip of it or one agency\'s files.'); $('folder').focus(); return; }
    const period = $('period').value.trim();
    if (!period) { setError('Give the period, such as 2025-26.'); $('period').focus(); return; }
    const total = chosen.entries.reduce((s, e) => s + e.file.size, 0);
    if (total > LIMIT_BYTES) {
      setError(`These files come to ${mb(total)} MB, more than the ${LIMIT_MB} MB the browser edition can take: ` +
        `run the oversight command line on them instead (oversight report DATA --period ${period}).`);
      return;
    }
    const args = ['--period', period];
    const agency = $('agency').value.trim();
    if (agency) args.push('--agency', agency);
    const trend = $('trend').value.trim();
    if (trend && trend !== '1') args.push('--trend', trend);
    const title = $('title').value.trim();
    if (title) args.push('--title', title);
    const asof = $('asof').value;
    if (asof) args.push('--as-of', asof);
    $('run').disabled = true;
    setProgress(2, 'Reading the files into memory…');
    let module;
    try { module = await program; } catch (e) { $('run').disabled = false; setProgress(0, 'Ready.'); return; }
    const job = { module, args, folder: chosen.folder, files: [], zip: null, standards: null, limitBytes: LIMIT_BYTES };
    const transfer = [];
    let done = 0;
    for (const e of chosen.entries) {
      let data;
      try {
        data = await e.file.arrayBuffer();
      } catch (err) {
        $('run').disabled = false;
        setProgress(0, 'Ready.');
        setError(`${e.path} could not be read (was it moved or changed since it was chosen?): choose the data again.`);
        return;
      }
      done += e.file.size;
      setProgress(2 + 18 * done / Math.max(total, 1));
      if (chosen.kind === 'zip') job.zip = data;
      else job.files.push({ path: e.path, data });
      transfer.push(data);
    }
    const sf = $('standards').files[0];
    if (sf) {
      job.standards = await sf.arrayBuffer();
      job.standardsName = sf.name.replace(/[\/\\]/g, '').replace(/^\.+/, '') || 'standards.csv';
      transfer.push(job.standards);
    }
    setProgress(22, 'Starting the program…');
    const src = document.getElementById('engine').textContent;
    const blobUrl = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
    worker = new Worker(blobUrl);
    URL.revokeObjectURL(blobUrl);
    const finish = () => { worker.terminate(); worker = null; $('run').disabled = false; };
    worker.onerror = (e) => {
      finish();
      setProgress(0, 'The run stopped.');
      setError('The program stopped in this browser: ' + (e.message || 'unknown error') +
        '. Try again, or use the oversight command line.');
    };
    worker.onmessage = (m) => {
      const msg = m.data;
      if (msg.type === 'stage') {
        if (msg.stage === 'files') setProgress(30, 'Opening the data…');
        else setProgress(35, 'Checking every file…');
      } else if (msg.type === 'line') {
        for (const [key, v, label] of PHASES) if (msg.text.startsWith('oversight: ' + key + ' ')) setProgress(v, label);
      } else if (msg.type === 'done') {
        finish();
        if (msg.outputs.length) show(msg);
        else $('results').hidden = true;
        if (msg.code === 0) {
          setProgress(100, `Done: ${msg.outputs.length} outputs. The downloads and the summary are below.`);
          $('results-h').focus();
        } else {
          // what the program said, as the command line says it
          setProgress(100, 'The run did not finish.');
          const said = msg.lines.filter((l) => /^oversight: /.test(l) && !/^oversight: (timing|by rule code)/.test(l) &&
            !/: read \d+, accepted/.test(l)).map((l) => l.replace(/^oversight: (error: )?/, ''));
          setError(said.length ? said.slice(-3).join(' ') : 'The run did not finish (status ' + msg.code + ').');
          errorEl.focus();
        }
      }
    };
    worker.postMessage(job, transfer);
  });
})();

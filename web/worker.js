/* worker.js — one run of oversight in a Web Worker, after Emscripten's loader
 * of the WebAssembly program (engine.js, createOversight) in the same script.
 * The page sends the program compiled once, the chosen files and the command
 * line; the worker makes a fresh instance of it, writes
 * the files into its memory file system, runs `oversight report`, packs the
 * outputs into one zip (libzip, in the program) and sends everything back.
 * Nothing is fetched and nothing is stored: the module and its memory go when
 * the page ends the worker. */
'use strict';

/* Folders above path made in the module's file system. */
function mkdirs(FS, path) {
  let at = '';
  for (const part of path.split('/').slice(1, -1)) {
    at += '/' + part;
    if (!FS.analyzePath(at).exists) FS.mkdir(at);
  }
}

/* The data folder itself: a zip often holds one folder that holds the data. */
function dataRoot(FS, dir) {
  for (;;) {
    const names = FS.readdir(dir).filter((n) => n !== '.' && n !== '..');
    const folders = names.filter((n) => FS.isDir(FS.stat(dir + '/' + n).mode));
    if (names.length !== 1 || folders.length !== 1) return dir;
    dir += '/' + folders[0];
  }
}

self.onmessage = async (ev) => {
  const job = ev.data;
  const lines = [];
  const post = (m, transfer) => self.postMessage(m, transfer || []);
  const fail = (text) => post({ type: 'done', code: 70, lines: lines.concat([text]), outputs: [] });
  let M;
  try {
    M = await createOversight({
      // the page's compiled program, instantiated afresh: nothing is fetched
      instantiateWasm: (imports, receive) => {
        WebAssembly.instantiate(job.module, imports).then((inst) => receive(inst),
          (e) => fail('oversight: the program could not start in this browser (' + e + ')'));
        return {};
      },
      print: (t) => lines.push(t),
      printErr: (t) => {
        lines.push(t);
        post({ type: 'line', text: t });
      },
    });
  } catch (e) {
    fail('oversight: the program could not start in this browser (' + e + ')');
    return;
  }
  const FS = M.FS;
  post({ type: 'stage', stage: 'files' });
  // the folder keeps its name: the report names the data folder
  const base = '/data/' + job.folder;
  mkdirs(FS, base + '/');
  for (const f of job.files) {
    const path = base + '/' + f.path;
    mkdirs(FS, path);
    // the file system keeps the bytes it was given: one copy of the data in all
    FS.writeFile(path, new Uint8Array(f.data), { canOwn: true });
    f.data = null;
  }
  let root = base;
  if (job.zip) {
    FS.writeFile('/in.zip', new Uint8Array(job.zip), { canOwn: true });
    job.zip = null;
    const rc = M.ccall('ov_web_unzip', 'number', ['string', 'string', 'number'],
      ['/in.zip', base, job.limitBytes]);
    FS.unlink('/in.zip');
    if (rc !== 0) {
      post({ type: 'done', code: 3, lines, outputs: [] });
      return;
    }
    root = dataRoot(FS, base);
  }
  const args = ['report', root, '--out', '/out', '-v'].concat(job.args);
  if (job.standards) { // under its own name, which the report shows
    FS.mkdir('/standards');
    FS.writeFile('/standards/' + job.standardsName, new Uint8Array(job.standards));
    args.push('--standards', '/standards/' + job.standardsName);
  }
  post({ type: 'stage', stage: 'run' });
  let code;
  try {
    code = M.callMain(args);
  } catch (e) {
    fail('oversight: the run stopped: ' + e);
    return;
  }
  const outputs = [];
  const transfer = [];
  if (FS.analyzePath('/out').exists) {
    for (const name of FS.readdir('/out').sort()) {
      if (name.startsWith('.')) continue;
      const st = FS.stat('/out/' + name);
      if (!FS.isFile(st.mode)) continue;
      const data = FS.readFile('/out/' + name);
      outputs.push({ name, data: data.buffer });
      transfer.push(data.buffer);
    }
  }
  let zip = null;
  if (outputs.length && M.ccall('ov_web_zip', 'number', ['string', 'string'], ['/out', '/outputs.zip']) === 0) {
    zip = FS.readFile('/outputs.zip').buffer;
    transfer.push(zip);
  }
  post({ type: 'done', code, lines, outputs, zip }, transfer);
};

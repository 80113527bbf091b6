// The evocnn run page: runs list and start form (#/), a run's live view (#/run/<id>). Plain JavaScript over the REST
// API, polled every few seconds; uPlot draws the charts. window.evocnn exposes the page's state to tests.
'use strict';

const POLL_MS = 3000;
const main = document.getElementById('main');
const state = { timer: null, plot: null, front: null, points: 0 };
window.evocnn = state;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return e;
}

async function api(path, options) {
  const r = await fetch(path, options);
  const text = await r.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (x) {
    if (r.ok) throw x;
  }
  if (!r.ok) throw new Error(`${r.status}: ${body && (body.errors ? body.errors.join('\n') : JSON.stringify(body)) || text}`);
  return body;
}

const fmt = {
  n: v => v === null || v === undefined ? '' : Number(v).toLocaleString('en'),
  f: (v, d = 4) => v === null || v === undefined || Number.isNaN(v) ? '' : Number(v).toFixed(d),
  time: ms => ms ? new Date(ms).toLocaleString() : '',
};

function jsonLink(href) {
  return el('a', { href, class: 'json' }, 'JSON');
}

function table(headers, rows, id) {
  return el('table', { id }, el('thead', {}, el('tr', {}, headers.map(h => el('th', { class: h.num ? 'num' : '' },
      h.label ?? h)))), el('tbody', {}, rows.map(r => el('tr', {}, r.map((c, i) => el('td', {
    class: headers[i].num ? 'num' : ''
  }, c))))));
}

function stopPolling() {
  clearInterval(state.timer);
  state.timer = null;
  state.plot = null;
  state.front = null;
  state.points = 0;
  state.lineageOf = null;
  state.lineage = null;
}

// ---- runs list and start form --------------------------------------------------------------------------------------

async function runsPage() {
  const [runs, defaults, datasets, options] = await Promise.all([api('/api/runs'), api('/api/spec/defaults'),
    api('/api/datasets'), api('/api/spec/options')]);
  main.replaceChildren(
      el('section', {}, el('h2', {}, 'Runs', jsonLink('/api/runs')),
          runs.length === 0 ? el('p', { class: 'muted' }, 'No runs yet: start one below.')
              : table(['run', 'state', 'data set', 'mode', { label: 'evaluations', num: 1 }, { label: 'best loss', num: 1 },
                { label: 'best accuracy', num: 1 }, 'started'], runs.map(r => [
                el('a', { href: `#/run/${r.runId}` }, r.runId), el('span', { class: `state ${r.state}` }, r.state),
                r.dataset ?? '', r.mode ?? '', fmt.n(r.evaluations?.completed), fmt.f(r.best?.loss),
                fmt.f(r.best?.accuracy), fmt.time(r.startedAtMillis)]), 'runs')),
      startForm(defaults, datasets, options));
}

function startForm(d, datasets, options) {
  const t = d.task, e = d.evolution;
  // the named values of an option, as the service declares them
  const choices = path => (options.find(o => o.path === path)?.choices ?? []).map(c => [c.value, c.label]);
  const field = (label, name, value, type = 'number', extra = {}) => el('label', {}, label,
      el('input', { name, value, type, step: 'any', ...extra }));
  const select = (label, name, options, value) => el('label', {}, label, el('select', { name },
      options.map(o => { const opt = el('option', { value: o[0] }, o[1]); if (o[0] === value) opt.selected = true; return opt; })));
  const error = el('p', { class: 'error', id: 'start-error' });
  const form = el('form', { class: 'start', id: 'start-form', onsubmit: async ev => {
    ev.preventDefault();
    error.textContent = '';
    try {
      const run = await api('/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(specFrom(new FormData(form))) });
      location.hash = `#/run/${run.runId}`;
    } catch (x) {
      error.textContent = x.message;
    }
  } },
  select('data set', 'dataset', datasets.map(s => [s.id, `${s.id} (${s.input}, ${s.classes} classes)`]), t.dataset),
  field('folds', 'folds', t.folds), field('epochs per evaluation', 'epochs', t.epochs),
  field('training subset (0: all)', 'trainingSubset', 2000), field('batch size', 'batchSize', t.batchSize),
  select('mode', 'mode', choices('evolution.mode'), e.mode),
  select('objective', 'objective', choices('evolution.objective'), e.objective),
  field('population', 'popSize', e.popSize), field('breed after', 'minPopSize', e.minPopSize),
  field('in flight', 'maxInFlight', e.maxInFlight), field('seed', 'seed', e.seed),
  field('budget: evaluations', 'maxEvaluations', 100), field('budget: wall seconds', 'timeBudgetSeconds', 0),
  field('budget: evaluator-seconds', 'maxEvaluatorSeconds', 0),
  el('label', { style: 'grid-column: 1 / -1' }, 'more of the spec, merged over the fields (JSON, optional)',
      el('textarea', { name: 'extra', placeholder: '{"evolution": {"fitnessCache": true}}' })),
  el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'start' }, 'Start run'), error));
  return el('section', {}, el('h2', {}, 'Start a run', jsonLink('/api/spec/defaults')), form);
}

function specFrom(f) {
  const num = k => Number(f.get(k));
  const spec = {
    task: { dataset: f.get('dataset'), folds: num('folds'), epochs: num('epochs'),
      trainingSubset: num('trainingSubset'), batchSize: num('batchSize') },
    evolution: { mode: f.get('mode'), objective: f.get('objective'), popSize: num('popSize'),
      minPopSize: num('minPopSize'), maxInFlight: num('maxInFlight'), seed: num('seed'),
      termination: { maxEvaluations: num('maxEvaluations'), timeBudgetSeconds: num('timeBudgetSeconds'),
        maxEvaluatorSeconds: num('maxEvaluatorSeconds') } },
  };
  const extra = (f.get('extra') || '').trim();
  return extra ? merge(spec, JSON.parse(extra)) : spec;
}

function merge(a, b) {
  for (const [k, v] of Object.entries(b)) {
    a[k] = v && typeof v === 'object' && !Array.isArray(v) && a[k] && typeof a[k] === 'object' ? merge(a[k], v) : v;
  }
  return a;
}

// ---- a run ---------------------------------------------------------------------------------------------------------

async function runPage(id) {
  const base = `/api/runs/${encodeURIComponent(id)}`;
  const status = await api(base);
  if (status.damage && !status.damage.recoverable) {
    // nothing of the run can be read: say where and why, instead of the parts it does not have
    main.replaceChildren(el('p', {}, el('a', { href: '#/' }, '← all runs')),
        el('section', { id: 'unreadable' }, el('h2', {}, `${id}: damaged`, jsonLink(base)),
            el('p', { class: 'error' }, `Its journal ${status.damage.file} cannot be read (line ${status.damage.line}: `
                + `${status.damage.reason}), and nothing of the run can be rebuilt from it: it cannot be recovered.`)));
    return;
  }
  const spec = await api(`${base}/spec`);
  const pareto = spec.evolution.objective === 'pareto';
  const topRung = (spec.evolution.fidelity?.rungs || []).length; // the task's own fidelity (0 without halving)
  const v = {
    title: el('h2', {}), counts: el('div', { class: 'counts', id: 'counts' }), broker: el('div', { id: 'broker' }),
    plot: el('div', { id: 'fitness-plot' }), front: el('div', { id: 'front-plot' }),
    population: el('div', { id: 'population' }), best: el('div', { id: 'best' }), failed: el('div', { id: 'failed' }),
    finals: el('div', { id: 'finals' }), message: el('p', { class: 'error', id: 'run-error' }),
  };
  const repeats = el('input', { type: 'number', value: 1, min: 1, max: 100, id: 'final-repeats', style: 'width:4em' });
  const epochs = el('input', { type: 'number', value: 1, min: 1, id: 'final-epochs', style: 'width:4em' });
  const act = (fn) => async () => { v.message.textContent = ''; try { await fn(); await refresh(); } catch (x) { v.message.textContent = x.message; } };
  main.replaceChildren(
      el('p', {}, el('a', { href: '#/' }, '← all runs')),
      el('section', {}, v.title,
          el('div', { class: 'actions' },
              el('button', { id: 'stop', onclick: act(() => api(`${base}/stop`, { method: 'POST' })) }, 'Stop'),
              el('span', {}, 'final training of the best:'), repeats, el('span', {}, 'repeats ×'), epochs,
              el('span', {}, 'epochs'),
              el('button', { id: 'final', onclick: act(() => api(`${base}/final`, { method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ repeats: Number(repeats.value), epochs: Number(epochs.value) }) })) },
              'Train on the whole set'),
              jsonLink(base), jsonLink(`${base}/spec`)),
          v.message, v.counts),
      el('div', { class: 'grid' },
          el('section', {}, el('h3', {}, 'Fitness of every evaluation and the best so far', jsonLink(`${base}/fitness`)),
              v.plot),
          pareto ? el('section', {}, el('h3', {}, 'Pareto front: loss against parameters', jsonLink(`${base}/best`)),
              v.front) : '',
          el('section', {}, el('h3', {}, 'Best network', jsonLink(`${base}/best`)), v.best)),
      el('section', {}, el('h3', {}, 'Population', jsonLink(`${base}/population`)), v.population),
      el('div', { class: 'grid' },
          el('section', {}, el('h3', {}, 'Broker queues', jsonLink('/api/broker')), v.broker),
          el('section', {}, el('h3', {}, 'Final trainings', jsonLink(`${base}/final`)), v.finals)),
      el('section', {}, el('h3', {}, 'Failed, stopped and dead-lettered evaluations'), v.failed));

  const series = { x: [], loss: [], best: [] };
  const frontData = { all: [[], []] };
  let tick = 0;
  // each plot as wide as its own panel (not the page), and again when the window changes
  const widthOf = (box, max) => Math.max(200, Math.min(max, (box.clientWidth || main.clientWidth) - 10));
  state.plot = new uPlot({ width: widthOf(v.plot, 900), height: 300,
    scales: { x: { time: false } },
    axes: [{ label: 'evaluation' }, { label: 'mean cross-validation loss' }],
    series: [{ label: 'evaluation' },
      { label: 'loss', stroke: '#4a7ebb', width: 0, points: { show: true, size: 4, fill: '#4a7ebb' } },
      { label: 'best so far', stroke: '#c0392b', width: 2, points: { show: false } }] },
  [series.x, series.loss, series.best], v.plot);
  window.onresize = () => {
    state.plot.setSize({ width: widthOf(v.plot, 900), height: 300 });
    if (state.front) state.front.setSize({ width: widthOf(v.front, 600), height: 300 });
  };

  async function refresh() {
    const [status, fitness] = await Promise.all([api(base), api(`${base}/fitness?since=${state.points}`)]);
    showStatus(status);
    appendFitness(fitness);
    if (tick % 2 === 0 || status.state !== 'running') {
      const [population, broker, finals] = await Promise.all([api(`${base}/population`), api('/api/broker'),
        api(`${base}/final`)]);
      showPopulation(population);
      showBroker(broker);
      showFinals(finals);
      if (status.best) {
        const best = await api(`${base}/best`);
        showBest(best);
        // the lineage only changes with the best
        if (best.individual.sequence !== state.lineageOf) {
          state.lineageOf = best.individual.sequence;
          state.lineage = await api(`${base}/evaluations/${best.individual.sequence}/lineage?max=60`);
        }
        showLineage(state.lineage);
      }
    }
    if (tick % 4 === 0 || status.state !== 'running') {
      const bad = await Promise.all(['failed', 'invalid', 'stopped'].map(s => api(`${base}/evaluations?status=${s}&size=20`)));
      showFailed(bad, await api(`${base}/dead-letters`), status);
    }
    tick++;
  }

  function showStatus(s) {
    v.title.replaceChildren(`Run ${s.runId} `, el('span', { class: `state ${s.state}`, id: 'run-state' }, s.state),
        el('span', { class: 'muted' }, ` ${s.dataset} (${spec.evolution.input.height}x${spec.evolution.input.width}x`
            + `${spec.evolution.input.channels}), ${s.mode}, objective ${spec.evolution.objective}`
            + (s.terminationReason ? `, ended: ${s.terminationReason}` : '')));
    const stop = document.getElementById('stop');
    if (stop) stop.disabled = s.state !== 'running'; // a finished run cannot be stopped
    const c = s.evaluations || {};
    const item = (label, value, id) => el('div', { id }, el('b', {}, value), label);
    v.counts.replaceChildren(item('evaluations', fmt.n(c.completed), 'count-completed'), item('ok', fmt.n(c.ok)),
        item('invalid', fmt.n(c.invalid)), item('failed', fmt.n(c.failed)), item('stopped early', fmt.n(c.stopped)),
        item('in flight', fmt.n(c.inFlight), 'count-in-flight'), item('per minute', fmt.f(s.evaluationsPerMinute, 1)),
        item('evaluator-seconds', fmt.n(Math.round(c.evaluatorSeconds || 0))),
        item('from the cache', fmt.n(c.cacheHits)), item('promotions', fmt.n(c.promotions)),
        item('dead letters', fmt.n(c.deadLetters)),
        ...(s.mode === 'islands' ? [item('migrations', fmt.n(c.migrations))] : []),
        item('surrogate rank corr.', c.surrogateRankCorrelation == null ? '–' : fmt.f(c.surrogateRankCorrelation, 2)),
        item('best loss', s.best ? fmt.f(s.best.loss) : '–', 'best-loss'),
        item('elapsed', `${Math.round(s.elapsedSeconds)} s`));
  }

  function appendFitness(f) {
    let best = series.best.length ? series.best[series.best.length - 1] : null;
    for (let i = 0; i < f.status.length; i++) {
      if (f.sequence[i] === null) continue; // a final training
      const fullFidelity = f.rung[i] === null || f.rung[i] === topRung;
      const loss = f.loss[i] !== null && fullFidelity ? f.loss[i] : null;
      if (loss !== null) best = best === null ? loss : Math.min(best, loss);
      series.x.push(series.x.length + 1);
      series.loss.push(loss);
      series.best.push(best);
      if (loss !== null) { frontData.all[0].push(f.params[i]); frontData.all[1].push(loss); }
    }
    state.points = f.total;
    state.plot.setData([series.x, series.loss, series.best]);
  }

  function showPopulation(members) {
    v.population.replaceChildren(table([{ label: 'rank', num: 1 }, { label: 'evaluation', num: 1 }, 'layers',
      { label: 'params', num: 1 }, { label: 'FLOPs', num: 1 }, { label: 'loss', num: 1 }, { label: 'accuracy', num: 1 }],
    members.map((m, i) => [i + 1, m.sequence, el('pre', {}, m.layers), fmt.n(m.trainableParams), fmt.n(m.flops),
      lossOf(m), fmt.f(m.accuracy)]), 'population-table'));
  }

  // with rung-adjusted selection a member below the top rung shows its loss estimated at the top rung
  function lossOf(m) {
    return m.rung < topRung ? `${fmt.f(m.loss)} (rung ${m.rung}, adjusted)` : fmt.f(m.loss);
  }

  function showBest(b) {
    v.best.replaceChildren(el('p', {}, `evaluation ${b.individual.sequence}: loss ${fmt.f(b.individual.loss)}, `
        + `accuracy ${fmt.f(b.individual.accuracy)}, ${fmt.n(b.individual.trainableParams)} parameters`),
    el('pre', { id: 'best-summary' }, b.summary));
    if (pareto) showFront(b.front || []);
  }

  // the best network's ancestors, nearest first, with the operators that made each; with weight inheritance, what
  // each took from its parents and the epochs of training its weights hold
  function showLineage(ancestors) {
    const inherits = !!spec.evolution.inheritance;
    const columns = ['generation', { label: 'evaluation', num: 1 }, 'made by', 'parents', { label: 'loss', num: 1 },
      { label: 'params', num: 1 }, ...(inherits ? [{ label: 'inherited params', num: 1 },
        { label: 'lineage epochs', num: 1 }] : [])];
    v.best.append(el('h4', {}, 'How it came about', jsonLink(`${base}/evaluations/${state.lineageOf}/lineage`)),
      table(columns, (ancestors || []).map(a => [a.generation === 0 ? 'the best' : `−${a.generation}`,
        String(a.sequence), a.origin || '', (a.parents || []).join(', '), fmt.f(a.loss), fmt.n(a.trainableParams),
        ...(inherits ? [fmt.n(a.inheritedParams), fmt.n(a.lineageEpochs)] : [])]),
      'lineage'));
  }

  function showFront(front) {
    const sorted = [...front].sort((a, b) => a.trainableParams - b.trainableParams);
    const xs = [...new Set([...frontData.all[0], ...sorted.map(m => m.trainableParams)])].sort((a, b) => a - b);
    const allAt = new Map(); frontData.all[0].forEach((p, i) => allAt.set(p, Math.min(allAt.get(p) ?? Infinity, frontData.all[1][i])));
    const frontAt = new Map(sorted.map(m => [m.trainableParams, m.loss]));
    const data = [xs, xs.map(x => allAt.get(x) ?? null), xs.map(x => frontAt.get(x) ?? null)];
    if (!state.front) {
      state.front = new uPlot({ width: widthOf(v.front, 600), height: 300,
        scales: { x: { time: false, distr: 3 } }, axes: [{ label: 'trainable parameters' }, { label: 'loss' }],
        series: [{ label: 'parameters' },
          { label: 'evaluations', stroke: '#4a7ebb', width: 0, points: { show: true, size: 4, fill: '#4a7ebb' } },
          { label: 'Pareto front', stroke: '#c0392b', width: 2, spanGaps: true, points: { show: true, size: 6 } }] },
      data, v.front);
    } else {
      state.front.setData(data);
    }
  }

  function showBroker(queues) {
    v.broker.replaceChildren(table(['queue', 'name', { label: 'waiting', num: 1 }, { label: 'consumers', num: 1 }],
        queues.map(q => [q.role, q.queue, q.messages < 0 ? '?' : fmt.n(q.messages),
          q.consumers < 0 ? '?' : fmt.n(q.consumers)]), 'broker-table'),
    el('p', { class: 'muted' }, 'consumers of the genomes queue are the connected evaluators; ? while the broker '
        + 'cannot be asked'));
  }

  // what the network of each final training said about the last image given to it, by training id
  const predicted = {};
  let lastFinals = [];

  function showFinals(finals) {
    lastFinals = finals;
    v.finals.replaceChildren(finals.length === 0 ? el('p', { class: 'muted' }, 'none yet') : table(['training', 'label',
      { label: 'repeats', num: 1 }, { label: 'epochs', num: 1 }, { label: 'avg', num: 1 }, { label: 'std', num: 1 },
      { label: 'min', num: 1 }, { label: 'max', num: 1 }, 'done', 'network'], finals.map(f => [f.id, f.label, f.repeats,
      f.epochs, fmt.f(f.testAccuracy.avg), fmt.f(f.testAccuracy.std), fmt.f(f.testAccuracy.min),
      fmt.f(f.testAccuracy.max), f.done ? 'yes' : `${f.results.length}/${f.repeats}`, network(f)]), 'finals-table'));
  }

  // the best kept network of a final training: downloads, and an image to classify (chosen or dropped)
  function network(f) {
    const kept = f.results.filter(r => r.status === 'ok' && r.model && r.model.sha256);
    if (kept.length === 0) {
      const why = f.results.map(r => r.model?.error ?? (r.status === 'ok' ? 'its evaluator keeps none' : r.status));
      return el('span', { class: 'muted' }, why.length === 0 ? '' : why[0]);
    }
    const at = `${base}/final/${encodeURIComponent(f.id)}`;
    const shown = predicted[f.id];
    const classify = async file => {
      try {
        const answer = await api(`${at}/predict?top=3`, { method: 'POST',
          headers: { 'Content-Type': file.type || 'application/octet-stream' }, body: file });
        predicted[f.id] = { file: file.name, classes: answer.classes };
      } catch (x) {
        predicted[f.id] = { file: file.name, error: x.message };
      }
      showFinals(lastFinals);
    };
    const input = el('input', { type: 'file', accept: 'image/*', class: 'predict-file', 'data-final': f.id,
      onchange: e => e.target.files[0] && classify(e.target.files[0]) });
    return el('div', { class: 'network', 'data-final': f.id,
        ondragover: e => e.preventDefault(),
        ondrop: e => { e.preventDefault(); if (e.dataTransfer.files[0]) classify(e.dataTransfer.files[0]); } },
      el('a', { href: `${at}/model?format=dl4j`, download: '', class: 'download-dl4j' }, 'DL4J'), ' ',
      el('a', { href: `${at}/model?format=onnx`, download: '', class: 'download-onnx' }, 'ONNX'), ' ',
      el('a', { href: `${at}/manifest`, class: 'json' }, 'manifest'),
      el('label', { class: 'muted' }, ' classify an image (or drop one here): ', input),
      shown ? el('div', { class: 'prediction', id: `prediction-${f.id}` }, shown.error
          ? el('span', { class: 'error' }, `${shown.file}: ${shown.error}`)
          : `${shown.file}: ` + shown.classes.map(c => `${c.name} ${(c.probability * 100).toFixed(1)}%`).join(', '))
          : '');
  }

  function showFailed(pages, deadLetters, status) {
    const rows = pages.flatMap(p => p.evaluations).sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0))
        .map(e => [e.evaluationId, e.status, el('span', { class: 'error' }, e.error ?? '')]);
    const more = pages.reduce((n, p) => n + p.total - p.evaluations.length, 0);
    v.failed.replaceChildren(rows.length === 0 ? el('p', { class: 'muted' }, 'none') : table(['evaluation', 'status',
      'why'], rows, 'failed-table'), more > 0 ? el('p', { class: 'muted' }, `and ${more} more (see the JSON)`) : '',
    deadLetters.length === 0 ? '' : el('div', {}, el('h3', {}, 'Dead letters', jsonLink(`${base}/dead-letters`)),
        table(['evaluation', 'why', 'queue'], deadLetters.map(d => [d.evaluationId, d.reason, d.originalQueue]))),
    el('p', {}, ['failed', 'invalid', 'stopped'].map(s => el('a', { href: `${base}/evaluations?status=${s}`,
      class: 'json' }, `${s} (JSON)`))));
  }

  await refresh();
  state.loadedAt = performance.now(); // first complete view: what the browser test reports
  let inFlight = false; // a slow answer must not make two polls append the same evaluations
  state.timer = setInterval(async () => {
    if (inFlight) return;
    inFlight = true;
    try {
      await refresh();
    } catch (x) {
      v.message.textContent = x.message;
    } finally {
      inFlight = false;
    }
  }, POLL_MS);
}

async function route() {
  stopPolling();
  const m = location.hash.match(/^#\/run\/(.+)$/);
  try {
    if (m) await runPage(decodeURIComponent(m[1]));
    else await runsPage();
  } catch (x) {
    main.replaceChildren(el('p', { class: 'error' }, x.message), el('a', { href: '#/' }, 'all runs'));
  }
}

window.addEventListener('hashchange', route);
route();

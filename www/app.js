/*
 * 医保算 (yibao): the page. Plain ES2017 in a classic script, no dependencies,
 * no requests other than this site's own files.
 *
 * The rules live in the WebAssembly core, loaded by yibao.iife.js (global
 * `yibao`): yibao.quote(request) answers one person, yibao.policies() lists
 * the policy sets. This file builds the form from policies(), turns it into a
 * request (with today's date: the core has no clock), and shows the answer
 * with the clause behind each figure. index.html and embed.html
 * (<html data-embed="1">, for an <iframe sandbox="allow-scripts">) share it.
 */
(function () {
  'use strict';

  var doc = document;
  var root = doc.documentElement;
  var EMBED = root.getAttribute('data-embed') === '1';
  var REGION_ORDER = ['yuyao', 'cixi', 'baiyin'];
  var BILL_IDS = ['in_scope', 'self_paid', 'cancer_drugs', 'rare_disease_drugs', 'proton_heavy_ion'];
  // Where each 甬宁保 amount is printed: [short name, help].
  var SLIP = {
    in_scope: ['个人自付', '医院结算单（出院结算单）上“个人自付”一栏：医保范围内的费用，经基本医保、大病保险、医疗救助报销后仍由个人负担的部分。'],
    self_paid: ['个人自费', '医院结算单上“个人自费”一栏：医保目录外的自费药品、诊疗项目和医用耗材。'],
    cancer_drugs: ['医保目录外抗肿瘤药', '不在住院结算单上：凭专科医生处方，在浙江省内、上海市内医保定点药店购买的医保目录外恶性肿瘤治疗药品，看药店的发票。'],
    rare_disease_drugs: ['特定罕见病药品', '不在住院结算单上：凭处方在浙江省内、上海市内医保定点药店购买的特定罕见病药品，看药店的发票。'],
    proton_heavy_ion: ['质子、重离子治疗', '恶性肿瘤质子、重离子治疗的定位、放疗计划及放射治疗费用（不含床位费、化疗费等），看治疗机构的结算单。'],
  };
  var BILL_PARTS = [
    { key: '', path: 'bill.', label: '' },
    { key: 'out_', path: 'bill.outside_ningbo.', label: '其中在宁波市外：' },
    { key: 'before_', path: 'bill.counted_before.', label: '此前已累计：' },
  ];
  var STATUS = { not_yet: '尚未开始', open: '正在进行', closed: '已结束' };
  var SCHOOLS = [
    ['none', '不在读（或非全日制）'],
    ['primary_secondary', '全日制在读：中小学、职高、技校或特殊教育学校'],
    ['college', '全日制在读：大中专院校（大学生）'],
  ];
  var DISCLAIMER = '按公开文件估算，以医保经办机构核定为准。';
  var NO_WASM = '这个浏览器无法运行本计算器：它不支持 WebAssembly，或者 WebAssembly 被关闭了（例如 iPhone、iPad 开启了“锁定模式”）。' +
    '请在锁定模式设置中把本网站（或所用的 App）设为例外后重新打开，或换用其他浏览器；也可以拨打当地医保服务热线咨询。';

  var core = null; // the wasm-bindgen module once loaded
  var POLICIES = [];
  var F = {}; // form controls by key
  var FIELDS = {}; // request field path -> { controls, err, label, box }
  var UI = {}; // other parts of the page
  var policy = null; // the policy set the form currently shows
  var last = null; // { req, q } of the result on the page
  var birthCommitted = false;
  var summaryInView = true;
  var peekText = '';
  var chartTimer = 0;
  var firstResultMarked = false; // scripts/bench.mjs times the first result by this mark
  var query = parseParams(location.search.slice(1));

  // ---------------------------------------------------------------- helpers

  function el(tag, attrs, kids) {
    var n = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') n.textContent = v;
      else if (k === 'class') n.className = v;
      else if (k.slice(0, 2) === 'on') n.addEventListener(k.slice(2), v);
      else n.setAttribute(k, v === true ? '' : v);
    });
    add(n, kids);
    return n;
  }

  function add(n, kids) {
    (Array.isArray(kids) ? kids : [kids]).forEach(function (k) {
      if (k === null || k === undefined || k === false) return;
      if (Array.isArray(k)) add(n, k);
      else n.appendChild(typeof k === 'string' ? doc.createTextNode(k) : k);
    });
    return n;
  }

  function clear(n) {
    while (n.firstChild) n.removeChild(n.firstChild);
    return n;
  }

  function show(n, on) {
    n.hidden = !on;
  }

  function setText(n, text) {
    if (n.textContent !== text) n.textContent = text;
  }

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function today() {
    // Test seam: the browser tests may fix the date; the page always asks with a date.
    var fixed = window.__yibaoToday;
    if (typeof fixed === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
    var d = new Date();
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  function parseParams(s) {
    var out = {};
    s.split('&').forEach(function (part) {
      if (!part) return;
      var i = part.indexOf('=');
      out[decode(i < 0 ? part : part.slice(0, i))] = i < 0 ? '' : decode(part.slice(i + 1));
    });
    return out;
  }

  function decode(s) {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch (e) {
      return s;
    }
  }

  // Full-width digits and punctuation (Chinese input methods) to ASCII.
  function ascii(s) {
    return String(s).replace(/[\uFF01-\uFF5E]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    }).replace(/\u3000/g, ' ');
  }

  // "1980-5-17", "1980/05/17", "1980.5.17", "1980年5月17日", "19800517" -> "1980-05-17".
  function normDate(raw) {
    var s = ascii(raw).trim();
    var m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) || /^(\d{4})(\d{2})(\d{2})$/.exec(s);
    return m ? m[1] + '-' + pad(+m[2]) + '-' + pad(+m[3]) : null;
  }

  function normAmount(raw) {
    return ascii(raw).replace(/[,，\s元¥￥]/g, '');
  }

  function dateWords(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || '');
    return m ? m[1] + '年' + +m[2] + '月' + +m[3] + '日' : s;
  }

  function span(a, b) {
    return dateWords(a) + '至' + dateWords(b);
  }

  // "2090.00" -> "2,090.00 元"; null -> "—".
  function yuan(s) {
    if (s === null || s === undefined) return '—';
    var parts = String(s).split('.');
    return parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (parts[1] ? '.' + parts[1] : '') + ' 元';
  }

  // "6000.00" -> "6,000"
  function plain(s) {
    return yuan(s).replace(/\.00 元$/, '').replace(/ 元$/, '');
  }

  function short(n) {
    if (n >= 10000) return +(n / 10000).toFixed(1) + '万';
    return String(Math.round(n));
  }

  function store(key, value) {
    try {
      if (value === undefined) return window.localStorage.getItem(key);
      window.localStorage.setItem(key, value);
    } catch (e) {
      // No storage in a sandboxed iframe or in private mode: nothing to remember.
    }
    return null;
  }

  // ------------------------------------------------------------ page parts

  function source(text, what) {
    if (!text) return null;
    return el('details', { class: 'src' }, [
      el('summary', null, ['依据', what ? el('span', { class: 'vh', text: '：' + what }) : null]),
      el('p', { text: text }),
    ]);
  }

  function fig(key, label, value, src, note) {
    return el('div', { class: 'fig' + (key === 'to_pay' || key === 'ynb_total' ? ' fig-strong' : '') }, [
      el('p', { class: 'fig-main' }, [
        el('span', { class: 'fig-k', text: label }),
        el('strong', { class: 'fig-v', 'data-fig': key, text: value }),
        note ? el('span', { class: 'fig-note', text: note }) : null,
      ]),
      source(src, label),
    ]);
  }

  function badge(text, kind) {
    return el('span', { class: 'badge badge-' + kind, text: text });
  }

  function sourced(tag, text, src, attrs) {
    return el(tag, attrs || { class: 'sourced' }, [el('span', { text: text }), ' ', source(src)]);
  }

  // The header and footer are built with the form, once the core is ready
  // (or with an error): while it loads, the page is index.html's one status
  // line, so the whole page is laid out once, and sooner, when it is ready.
  function buildChrome() {
    if (UI.main) return;
    var app = doc.getElementById('app');
    var elder = root.classList.contains('elder');
    UI.elder = el('button', { type: 'button', id: 'elder-toggle', class: 'btn btn-elder', 'aria-pressed': elder ? 'true' : 'false', text: elder ? '大字模式：开' : '大字模式', onclick: function () {
      setElder(!root.classList.contains('elder'), true);
    } });
    var header = el('header', { class: 'top' }, [
      el('div', { class: 'wrap top-in' }, [
        el('h1', null, ['医保算', el('span', { class: 'sub', text: EMBED ? '居民医保和天一甬宁保计算器' : '居民医保缴费和天一甬宁保赔付估算' })]),
        UI.elder,
      ]),
    ]);
    UI.main = el('main', { id: 'main', class: 'wrap' });
    UI.docs = el('div', { class: 'docs' });
    var footer = el('footer', { class: 'foot' }, [
      el('div', { class: 'wrap' }, [
        el('p', { class: 'disclaimer', text: DISCLAIMER }),
        UI.docs,
        el('p', { text: '计算在您的设备上完成：填写的内容不会发送到任何服务器，本页不使用 Cookie，也不做访问统计。' }),
      ]),
    ]);
    if (!EMBED) app.parentNode.insertBefore(el('a', { class: 'skip', href: '#result-h', text: '跳到计算结果', onclick: toResult }), app);
    app.insertBefore(header, app.firstChild);
    UI.main.appendChild(UI.status);
    var noscript = app.getElementsByTagName('noscript')[0];
    if (noscript) app.removeChild(noscript);
    app.appendChild(UI.main);
    app.appendChild(footer);
  }

  function fatal(message, detail, retry) {
    buildChrome();
    UI.status.hidden = false;
    clear(UI.status);
    UI.status.className = 'status status-error';
    add(UI.status, [el('strong', { text: message }), detail ? el('span', { class: 'small', text: ' ' + detail }) : null]);
    if (retry) UI.status.appendChild(el('button', { type: 'button', class: 'btn', text: '重试', onclick: retry }));
    postHeight();
  }

  // ---------------------------------------------------------------- loading

  /** The .wasm bytes from yibao_bg.wasm.js (base64 in a classic script). */
  function wasmFromScript() {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = 'yibao_bg.wasm.js';
      s.onload = function () {
        try {
          var bin = atob(window.yibao_wasm_base64);
          var bytes = new Uint8Array(bin.length);
          for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
          resolve(bytes.buffer);
        } catch (e) {
          reject(e);
        }
      };
      s.onerror = function () {
        reject(new Error('yibao_bg.wasm.js'));
      };
      document.head.appendChild(s);
    });
  }

  // The response as application/wasm, whatever the server said, so that the
  // engine compiles it while it downloads (instantiateStreaming insists on
  // that type); on engines that cannot stream (Chrome 57-60), its bytes.
  function streamable(r) {
    if (typeof WebAssembly.instantiateStreaming === 'function' && typeof Response === 'function' && r.body) {
      try {
        return new Response(r.body, { headers: { 'Content-Type': 'application/wasm' } });
      } catch (e) {
        // A Response cannot wrap a stream here: read the bytes instead.
      }
    }
    return r.arrayBuffer();
  }

  function loadCore() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      fatal(NO_WASM);
      return;
    }
    if (typeof yibao !== 'object' || typeof yibao.default !== 'function' || typeof fetch !== 'function') {
      fatal('计算器没有加载完整（yibao.iife.js），请刷新页面重试。', null, function () {
        location.reload();
      });
      return;
    }
    setText(UI.status, '正在加载计算器……');
    UI.status.className = 'status';
    // The .wasm is fetched here and handed to the loader, relabelled
    // application/wasm (streamable), so that a server sending it with the
    // wrong MIME type does not matter. In a sandboxed iframe (opaque origin)
    // a fetch would need a CORS header from the host, so the same bytes come
    // from a classic script instead; that script is also the fallback when
    // the .wasm cannot be fetched or compiled.
    var init = function (source) {
      return yibao.default({ module_or_path: source });
    };
    var fromScript = function () {
      return wasmFromScript().then(init);
    };
    (String(self.origin) === 'null'
      ? fromScript()
      : fetch('yibao_bg.wasm')
        .then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return init(streamable(r));
        })
        .catch(fromScript))
      .then(function () {
        core = yibao;
        POLICIES = core.policies();
        buildChrome();
        UI.status.hidden = true;
        buildForm();
        restore();
        window.addEventListener('hashchange', restore);
      }, function (e) {
        fatal('计算器组件下载失败，请检查网络后重试。', e && e.message ? '（' + e.message + '）' : '', loadCore);
      })
      .catch(function (e) {
        fatal('计算器出错了，请刷新页面后重试。', '（' + (e && e.message ? e.message : e) + '）');
      });
  }

  // ------------------------------------------------------------------- form

  function register(path, f) {
    FIELDS[path] = f;
  }

  function errEl(id) {
    return el('p', { class: 'err', id: 'err-' + id, hidden: true });
  }

  function hintEl(id, text) {
    return text ? el('p', { class: 'hint', id: 'hint-' + id, text: text }) : null;
  }

  function field(key, path, label, control, hint) {
    var err = errEl(key);
    if (hint) control.setAttribute('aria-describedby', 'hint-' + key);
    F[key] = control;
    var box = el('div', { class: 'field', id: 'box-' + key }, [
      el('label', { for: control.id }, label),
      hintEl(key, hint),
      control,
      err,
    ]);
    if (path) register(path, { controls: [control], err: err, label: control.getAttribute('data-label') || label, box: box });
    return box;
  }

  function textInput(key, attrs) {
    return el('input', Object.assign({ id: 'f-' + key, name: key, type: 'text', autocomplete: 'off', spellcheck: 'false' }, attrs));
  }

  function check(key, path, label, hint) {
    var input = el('input', { type: 'checkbox', id: 'f-' + key, name: key });
    var err = errEl(key);
    if (hint) input.setAttribute('aria-describedby', 'hint-' + key);
    F[key] = input;
    var box = el('div', { class: 'field', id: 'box-' + key }, [
      el('div', { class: 'opt' }, [input, el('label', { for: input.id, text: label })]),
      hintEl(key, hint),
      err,
    ]);
    if (path) register(path, { controls: [input], err: err, label: label, box: box });
    return box;
  }

  function radios(key, path, legend, options, hint) {
    var err = errEl(key);
    var inputs = options.map(function (o) {
      return el('input', { type: 'radio', id: 'f-' + key + '-' + o[0], name: key, value: o[0] });
    });
    var set = el('fieldset', { class: 'group', id: 'box-' + key }, [
      el('legend', { text: legend }),
      hintEl(key, hint),
      el('div', { class: 'opts' }, options.map(function (o, i) {
        return el('div', { class: 'opt' }, [inputs[i], el('label', { for: inputs[i].id, text: o[1] })]);
      })),
      err,
    ]);
    if (hint) set.setAttribute('aria-describedby', 'hint-' + key);
    F[key] = inputs;
    register(path, { controls: inputs, err: err, label: legend, box: set });
    return set;
  }

  function radioValue(key) {
    var on = F[key].filter(function (r) {
      return r.checked;
    })[0];
    return on ? on.value : '';
  }

  function setRadio(key, value) {
    F[key].forEach(function (r) {
      r.checked = r.value === value;
    });
  }

  function buildForm() {
    var regions = [];
    POLICIES.forEach(function (p) {
      if (regions.indexOf(p.region) < 0) regions.push(p.region);
    });
    regions.sort(function (a, b) {
      var ia = REGION_ORDER.indexOf(a), ib = REGION_ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    });
    var region = el('select', { id: 'f-region', name: 'region' }, regions.map(function (r) {
      var p = setsOf(r)[0];
      return el('option', { value: r, text: p.region_name });
    }));
    UI.regionNote = el('p', { class: 'note', id: 'region-note', hidden: true });
    var year = el('select', { id: 'f-year', name: 'year' });
    var district = el('select', { id: 'f-district', name: 'district' });
    var birth = textInput('birth', { inputmode: 'decimal', placeholder: '例如 1980-05-17', autocomplete: 'bday', maxlength: '16', 'data-label': '出生日期' });
    UI.birthEcho = el('span', { class: 'echo', 'aria-hidden': 'true' });

    UI.identities = el('div', { class: 'opts' });
    var idErr = errEl('identities');
    UI.idBox = el('fieldset', { class: 'group', id: 'box-identities', 'aria-describedby': 'hint-identities' }, [
      el('legend', { text: '特殊身份（可多选，没有就不选）' }),
      hintEl('identities', '只列出所选地区和年度的文件写到的身份；是否属于这些身份，以民政、残联等部门的认定为准。'),
      UI.identities,
      idErr,
    ]);
    register('identities', { controls: [], err: idErr, label: '特殊身份', box: UI.idBox });

    UI.newborn = el('fieldset', { class: 'group', id: 'box-newborn', hidden: true }, [
      el('legend', { text: '新生儿的父母情况' }),
      hintEl('newborn', '非本市户籍、没有居住证的6个月以内婴儿，能否参保取决于父母一方的情况。'),
    ]);
    var npErr = errEl('newborn');
    register('newborn_parent', { controls: [], err: npErr, label: '新生儿的父母情况', box: UI.newborn });
    add(UI.newborn, [
      radios('np_permit', 'newborn_parent.residence_permit', '父母一方是否持有本市有效居住证？', [['yes', '是'], ['no', '否']]),
      field('np_months', 'newborn_parent.employee_insurance_months', '父母一方职工医保累计缴费月数',
        textInput('np_months', { inputmode: 'numeric', placeholder: '例如 12', maxlength: '4' }),
        '没有参加职工医保填 0；不清楚可不填。'),
      radios('np_normal', 'newborn_parent.insured_normal', '父母一方目前的医保待遇是否正常？', [['yes', '是'], ['no', '否']]),
      npErr,
    ]);

    var person = el('section', { class: 'card', 'aria-labelledby': 'h-person' }, [
      el('h2', { id: 'h-person', text: '填写情况' }),
      el('p', { class: 'hint', text: '结果随填写自动更新。' }),
      field('region', 'region', '地区', region),
      UI.regionNote,
      field('district', 'district', '县区', district),
      check('qianwan', 'qianwan', '前湾新区参保人员', '前湾新区的财政补助由前湾新区财政负担。'),
      field('year', 'benefit_year', '待遇年度（享受医保待遇的年份）', year, '一般不用选：计算器按今天的日期选择适用的文件。'),
      field('birth', 'birth_date', ['出生日期 ', UI.birthEcho], birth, '按“年-月-日”填写，例如 1980-05-17，也可以写 19800517。'),
      radios('hukou', 'hukou', '户籍', [['local', '本市户籍'], ['nonlocal', '非本市户籍']]),
      check('permit', 'residence_permit', '持有本市有效居住证'),
      radios('school', 'school', '在读情况', SCHOOLS),
      check('employee', 'employee_insurance', '已参加职工医保（职工基本医疗保险）', '已参加职工医保的人不能再参加居民医保。'),
      UI.idBox,
      UI.newborn,
    ]);

    UI.bill = el('section', { class: 'card', id: 'bill', 'aria-labelledby': 'h-bill', hidden: true });
    var billMain = el('div', { class: 'bill-main' });
    var billOut = el('div');
    var billBefore = el('div');
    BILL_PARTS.forEach(function (part) {
      var box = part.key === '' ? billMain : part.key === 'out_' ? billOut : billBefore;
      BILL_IDS.forEach(function (id) {
        var key = 'bill_' + part.key + id;
        var name = el('span', { class: 'lk', text: part.label + SLIP[id][0] });
        var resp = el('span', { class: 'lsub', id: 'resp-' + key });
        box.appendChild(field(key, part.path + id, [name, ' ', resp],
          textInput(key, { inputmode: 'decimal', placeholder: '元', maxlength: '14', 'data-label': part.label + SLIP[id][0] }),
          part.key === '' ? SLIP[id][1] : null));
      });
    });
    UI.billTitle = el('h2', { id: 'h-bill' });
    var billFields = [
      el('p', { class: 'hint', text: '有一张住院或特殊病种门诊的结算单，想知道能赔多少？按单上的金额填写（单位：元），没有的项目不填。' }),
      billMain,
      el('details', { class: 'more', id: 'more-out' }, [
        el('summary', { text: '其中在宁波市外就医或购药的部分' }),
        el('p', { class: 'hint', text: '上面各项金额中，在宁波市以外的医院或药店发生的部分（不能大于该项金额）。' }),
        billOut,
      ]),
      el('details', { class: 'more', id: 'more-before' }, [
        el('summary', { text: '本保障年度此前已累计的金额' }),
        el('p', { class: 'hint', text: '本年度之前的结算单已经计入甬宁保的同类金额（起付线和分段按全年累计计算）。' }),
        billBefore,
      ]),
    ];
    // The embed is compact: the bill fields fold away.
    add(UI.bill, [UI.billTitle, EMBED ? el('details', { class: 'more', id: 'more-bill' }, [el('summary', { text: '填写结算单金额' })].concat(billFields)) : billFields]);

    var submit = el('button', { type: 'submit', class: 'btn btn-primary', text: '计算' });
    UI.form = el('form', { id: 'form', class: 'col-form', novalidate: true, 'aria-label': '填写情况' }, [person, UI.bill, el('p', { class: 'submit' }, submit)]);
    UI.form.addEventListener('submit', function (e) {
      e.preventDefault();
      birthCommitted = true;
      compute();
      UI.resultH.focus();
    });
    UI.form.addEventListener('input', onInput);
    UI.form.addEventListener('change', onChange);

    buildResult();
    UI.main.appendChild(el('div', { class: 'layout' }, [UI.form, UI.result]));
    // A bar with the main figure while the result is out of sight (the form
    // is long on a phone). Not in the embed, which has no viewport of its own.
    if (!EMBED && typeof IntersectionObserver === 'function') {
      UI.main.appendChild(UI.peek);
      new IntersectionObserver(function (entries) {
        summaryInView = entries[entries.length - 1].isIntersecting;
        setPeek(peekText);
      }).observe(UI.summary);
    }

    setRadio('hukou', 'local');
    setRadio('school', 'none');
    var preset = query.region && setsOf(query.region).length ? query.region : regions[0];
    region.value = preset;
    fillYears(query.year);
    updatePolicy();
    if (!EMBED) renderDocs();
  }

  function setsOf(region) {
    return POLICIES.filter(function (p) {
      return p.region === region;
    }).sort(function (a, b) {
      return a.benefit_year - b.benefit_year;
    });
  }

  function fillYears(want) {
    var sets = setsOf(F.region.value);
    clear(F.year);
    F.year.appendChild(el('option', { value: '', text: '自动（按今天的日期选择）' }));
    sets.slice().reverse().forEach(function (p) {
      F.year.appendChild(el('option', { value: String(p.benefit_year), text: p.benefit_year + '年度' }));
    });
    F.year.value = sets.some(function (p) {
      return String(p.benefit_year) === want;
    }) ? want : '';
  }

  // The policy set the core will use for the region and year on the form.
  function chosenPolicy() {
    var sets = setsOf(F.region.value);
    var year = F.year.value;
    var found = sets.filter(function (p) {
      return String(p.benefit_year) === year;
    })[0];
    if (found) return found;
    // "Automatic": ask the core with a stand-in person, so the choice is the core's.
    var probe = { region: F.region.value, date: today(), birth_date: '1990-01-01', hukou: 'local' };
    if (sets[0].districts.length) probe.district = sets[0].districts[0].id;
    try {
      var id = core.quote(probe).policy.id;
      return sets.filter(function (p) {
        return p.id === id;
      })[0] || sets[sets.length - 1];
    } catch (e) {
      return sets[sets.length - 1];
    }
  }

  // Shows the inputs that the chosen policy set asks about.
  function updatePolicy() {
    var p = chosenPolicy();
    if (policy && p.id === policy.id) return;
    policy = p;
    var note = p.region_note;
    setText(UI.regionNote, note ? '注意：' + note : '');
    show(UI.regionNote, !!note);

    var district = F.district.value;
    clear(F.district);
    F.district.appendChild(el('option', { value: '', text: '请选择县区' }));
    p.districts.forEach(function (d) {
      F.district.appendChild(el('option', { value: d.id, text: d.name }));
    });
    F.district.value = p.districts.some(function (d) {
      return d.id === district;
    }) ? district : '';
    show(doc.getElementById('box-district'), p.districts.length > 0);
    show(doc.getElementById('box-qianwan'), p.subareas.some(function (s) { return s.flag === 'qianwan'; }));

    var checked = checkedIdentities();
    clear(UI.identities);
    FIELDS.identities.controls = p.identities.map(function (i) {
      var input = el('input', { type: 'checkbox', id: 'f-id-' + i.id, name: 'identities', value: i.id });
      input.checked = checked.indexOf(i.id) >= 0;
      UI.identities.appendChild(el('div', { class: 'opt' }, [input, el('label', { for: input.id, text: i.name })]));
      return input;
    });
    show(UI.idBox, p.identities.length > 0);

    var y = p.yongningbao;
    show(UI.bill, !!y);
    if (y) {
      setText(UI.billTitle, y.name + '：估算结算单的赔付（可不填）');
      BILL_IDS.forEach(function (id) {
        var resp = y.responsibilities.filter(function (r) {
          return r.id === id;
        })[0];
        BILL_PARTS.forEach(function (part) {
          var key = 'bill_' + part.key + id;
          show(doc.getElementById('box-' + key), !!resp);
          setText(doc.getElementById('resp-' + key), resp ? '（' + resp.name + '）' : '');
        });
      });
    }
    updateVisibility();
  }

  function updateVisibility() {
    show(doc.getElementById('box-permit'), radioValue('hukou') === 'nonlocal');
  }

  function checkedIdentities() {
    return FIELDS.identities.controls.filter(function (c) {
      return c.checked;
    }).map(function (c) {
      return c.value;
    });
  }

  function visible(key) {
    var box = doc.getElementById('box-' + key);
    return !!box && !box.hidden;
  }

  // ----------------------------------------------------------------- request

  function readRequest() {
    var req = { region: F.region.value, date: today() };
    if (F.year.value) req.benefit_year = Number(F.year.value);
    if (visible('district') && F.district.value) req.district = F.district.value;
    if (visible('qianwan') && F.qianwan.checked) req.qianwan = true;
    var raw = F.birth.value.trim();
    req.birth_date = normDate(raw) || raw;
    req.hukou = radioValue('hukou');
    if (req.hukou === 'nonlocal') req.residence_permit = F.permit.checked;
    req.school = radioValue('school') || 'none';
    req.employee_insurance = F.employee.checked;
    req.identities = checkedIdentities();
    if (policy && policy.yongningbao) {
      var bill = {};
      BILL_PARTS.forEach(function (part) {
        var target = bill;
        if (part.key) target = bill[part.key === 'out_' ? 'outside_ningbo' : 'counted_before'] = {};
        BILL_IDS.forEach(function (id) {
          var key = 'bill_' + part.key + id;
          var v = normAmount(F[key].value);
          if (v && visible(key)) target[id] = v;
        });
        if (part.key && !Object.keys(target).length) delete bill[part.key === 'out_' ? 'outside_ningbo' : 'counted_before'];
      });
      if (Object.keys(bill).length) req.bill = bill;
    }
    return req;
  }

  // The parent's answers, or null while the two yes/no questions are open.
  function readParent() {
    var permit = radioValue('np_permit'), normal = radioValue('np_normal');
    if (!permit || !normal) return null;
    var np = { residence_permit: permit === 'yes', insured_normal: normal === 'yes' };
    var months = ascii(F.np_months.value).trim();
    if (months) np.employee_insurance_months = /^\d+$/.test(months) ? Number(months) : months;
    return np;
  }

  // Asks the core; the core also decides whether the newborn's parent
  // questions apply (it asks for `newborn_parent` exactly when they do).
  function ask(req) {
    try {
      var q = core.quote(req);
      show(UI.newborn, false);
      return q;
    } catch (e) {
      if (e.field !== 'newborn_parent') throw e;
      show(UI.newborn, true);
      var np = readParent();
      if (!np) throw e;
      req.newborn_parent = np;
      return core.quote(req);
    }
  }

  // ----------------------------------------------------------------- compute

  function onInput(e) {
    if (e.target === F.birth) birthCommitted = false;
    compute();
  }

  function onChange(e) {
    var t = e.target;
    if (t === F.region) fillYears(F.year.value);
    if (t === F.region || t === F.year) updatePolicy();
    if (t === F.birth) birthCommitted = true;
    if (t.name === 'hukou') updateVisibility();
    compute();
  }

  function compute() {
    if (!core) return;
    updatePolicy();
    clearErrors();
    var req = readRequest();
    var birthOk = !!normDate(F.birth.value);
    setText(UI.birthEcho, birthOk ? '（' + dateWords(req.birth_date) + '）' : '');
    if (!req.birth_date || (!birthOk && !birthCommitted)) {
      prompt(req.birth_date ? '请把出生日期填完整，例如 1980-05-17。' : '请先填写出生日期（例如 1980-05-17），结果会随填写自动显示。');
      return;
    }
    var q;
    try {
      q = ask(req);
    } catch (e) {
      showError(e);
      return;
    }
    render(q, req);
  }

  function clearErrors() {
    Object.keys(FIELDS).forEach(function (path) {
      var f = FIELDS[path];
      if (f.err.hidden) return;
      f.err.hidden = true;
      f.err.textContent = '';
      f.controls.concat([f.box]).forEach(function (c) {
        c.removeAttribute('aria-invalid');
        var ids = (c.getAttribute('aria-describedby') || '').split(' ').filter(function (id) {
          return id && id !== f.err.id;
        });
        if (ids.length) c.setAttribute('aria-describedby', ids.join(' '));
        else c.removeAttribute('aria-describedby');
      });
      f.box.classList.remove('invalid');
    });
    show(UI.fix, false);
  }

  function fieldFor(path) {
    var p = path || '';
    while (p) {
      if (FIELDS[p] && !FIELDS[p].box.hidden) return FIELDS[p];
      p = p.slice(0, Math.max(p.lastIndexOf('.'), 0));
    }
    return null;
  }

  function showError(e) {
    var message = e && e.message ? e.message : String(e);
    if (!e || !e.code) {
      // Not a QuoteError: a defect, or the module trapped and is gone.
      message = '计算器出错了，请刷新页面后重试。（' + message + '）';
    }
    var f = e && e.code ? fieldFor(e.field) : null;
    resetResult();
    if (!f) {
      setSummary(message, 'error');
      setPeek('出错了');
      return;
    }
    f.err.textContent = message;
    f.err.hidden = false;
    f.box.classList.add('invalid');
    for (var n = f.box; n; n = n.parentNode) {
      if (n.tagName === 'DETAILS') n.open = true;
    }
    f.controls.concat(f.controls.length ? [] : [f.box]).forEach(function (c) {
      c.setAttribute('aria-invalid', 'true');
      c.setAttribute('aria-describedby', ((c.getAttribute('aria-describedby') || '') + ' ' + f.err.id).trim());
    });
    setSummary('请修改“' + f.label + '”：' + message, 'error');
    setPeek('有一项需要修改');
    UI.fixTarget = f.controls[0] || f.box.querySelector('input, select');
    show(UI.fix, true);
  }

  function prompt(text) {
    resetResult();
    setSummary(text, 'prompt');
    setPolicyLine(policy, policy.benefit_year);
  }

  function toResult(e) {
    e.preventDefault();
    UI.resultH.focus();
  }

  function setPeek(text) {
    peekText = text;
    if (text) setText(UI.peek, text + ' · 查看结果');
    show(UI.peek, !!text && !summaryInView);
  }

  function setSummary(text, kind) {
    setText(UI.summary, text);
    UI.summary.className = 'summary' + (kind ? ' summary-' + kind : '');
  }

  // -------------------------------------------------------------- the result

  function buildResult() {
    UI.resultH = el('h2', { id: 'result-h', tabindex: '-1', text: '计算结果' });
    UI.policyLine = el('p', { class: 'policy-line', id: 'policy-line' });
    UI.policyNote = el('p', { class: 'note', id: 'policy-note', hidden: true });
    UI.summary = el('p', { class: 'summary', id: 'summary', 'aria-live': 'polite' });
    UI.fix = el('button', { type: 'button', class: 'btn btn-small', hidden: true, text: '转到需要修改的一项', onclick: function () {
      if (UI.fixTarget) UI.fixTarget.focus();
    } });
    UI.out = el('div', { id: 'out' });
    UI.actions = el('div', { class: 'actions', hidden: true }, [
      el('button', { type: 'button', class: 'btn', id: 'copy', text: '复制结果', onclick: copyResult }),
      el('button', { type: 'button', class: 'btn', id: 'share', text: '生成分享链接', onclick: shareLink }),
      EMBED ? null : el('button', { type: 'button', class: 'btn', id: 'print', text: '打印', onclick: function () {
        window.print();
      } }),
    ]);
    UI.peek = el('a', { class: 'peek', href: '#result-h', hidden: true, onclick: toResult });
    UI.copyMsg = el('p', { class: 'copy-msg', role: 'status' });
    UI.copyBox = el('div', { class: 'copy-box', hidden: true });
    UI.result = el('section', { id: 'result', class: 'card col-result', 'aria-labelledby': 'result-h' }, [
      UI.resultH,
      UI.policyLine,
      UI.policyNote,
      UI.summary,
      UI.fix,
      UI.out,
      UI.actions,
      UI.copyMsg,
      UI.copyBox,
      el('p', { class: 'disclaimer', text: DISCLAIMER }),
    ]);
  }

  function resetResult() {
    setPeek('');
    clear(UI.out);
    clearTimeout(chartTimer);
    show(UI.actions, false);
    show(UI.copyBox, false);
    setText(UI.copyMsg, '');
    last = null;
    postHeight();
  }

  function setPolicyLine(p, year) {
    var name = p.region_name, doc_ = p.document, title = p.document_title;
    setText(UI.policyLine, name + ' · ' + year + '年度 · 依据' + (title ? '《' + title + '》' : '') + doc_);
    setText(UI.policyNote, p.region_note ? '注意：' + p.region_note : '');
    show(UI.policyNote, !!p.region_note);
  }

  function render(q, req) {
    last = { req: req, q: q };
    setPolicyLine(q.policy, q.benefit_year);
    setSummary(q.summary, q.eligible ? '' : 'no');
    var pay = q.yongningbao && q.yongningbao.payout;
    setPeek((q.to_pay !== null ? '实际需缴 ' + yuan(q.to_pay) : q.eligible ? q.tier.name : '不能参加居民医保') +
      (pay ? '，甬宁保赔付 ' + yuan(pay.total) : ''));
    clear(UI.out);
    add(UI.out, [
      renderFees(q),
      renderEnrollment(q),
      q.yongningbao ? renderYnb(q.yongningbao, req) : null,
      renderNotes(q),
    ]);
    show(UI.actions, true);
    show(UI.copyBox, false);
    setText(UI.copyMsg, '');
    postHeight();
    if (!firstResultMarked && window.performance && performance.mark) {
      firstResultMarked = true;
      performance.mark('yibao-first-result');
    }
  }

  function block(title, kids, id) {
    return el('section', { class: 'block', 'aria-labelledby': id }, [el('h3', { id: id, text: title })].concat(kids));
  }

  function renderFees(q) {
    var s = q.sources;
    var kids = [sourced('div', q.reason, s.eligibility, { class: 'sourced reason' })];
    if (q.eligible && q.tier) kids.push(fig('tier', '档次', q.tier.name, q.tier.source));
    if (q.eligible && q.personal_fee !== null) {
      var aid = q.assistance !== null && Number(q.assistance) > 0;
      kids.push(
        fig('personal_fee', '个人缴费', yuan(q.personal_fee), s.personal_fee),
        q.ltc_fee !== null ? fig('ltc_fee', '其中长护险', yuan(q.ltc_fee), s.ltc_fee, '已含在个人缴费中，不另外收') : null,
        fig('assistance', '资助', (aid ? '− ' : '') + yuan(q.assistance), s.assistance),
        fig('to_pay', '实际需缴', yuan(q.to_pay), null, '＝ 个人缴费 − 资助'),
        fig('subsidy', '财政补助', yuan(q.subsidy), s.subsidy, '政府为每位参保人出的钱'),
        fig('total_funding', '人均筹资合计', yuan(q.total_funding), null, '＝ 个人缴费 ＋ 财政补助'),
        splitTable('财政补助由谁出', q.subsidy_split, 'subsidy-split'),
        splitTable('资助由谁出', q.assistance_split, 'assistance-split'));
    }
    kids.push(sourced('div', '待遇期（参保后可以报销的时间）：' + span(q.benefit_period.start, q.benefit_period.end), q.benefit_period.source));
    return block(q.eligible && q.personal_fee !== null ? '缴多少钱' : '能否参保', kids, 'h-fees');
  }

  function splitTable(caption, rows, id) {
    if (!rows.length) return null;
    return el('table', { class: 'split', id: id }, [
      el('caption', { text: caption }),
      el('thead', null, el('tr', null, [el('th', { scope: 'col', text: '出资方' }), el('th', { scope: 'col', class: 'num', text: '金额' })])),
      rows.map(function (r) {
        return el('tbody', { 'data-payer': r.payer }, [
          el('tr', null, [
            el('th', { scope: 'row', text: r.name }),
            el('td', { class: 'num', text: r.amount === null ? '文件未列金额' : yuan(r.amount) }),
          ]),
          el('tr', { class: 'rule' }, el('td', { colspan: '2' }, [el('span', { text: r.rule }), ' ', source(r.source, r.name)])),
        ]);
      }),
    ]);
  }

  function windowLine(label, e, key) {
    return el('div', { class: 'sourced window', 'data-window': key }, [
      el('span', { text: label + span(e.start, e.end) }),
      e.status ? badge(STATUS[e.status], e.status) : null,
      source(e.source, label),
    ]);
  }

  function renderEnrollment(q) {
    var e = q.enrollment;
    var kids = [windowLine('集中参保期：', e, 'enrollment')];
    if (e.how.length) {
      kids.push(el('ol', { class: 'steps' }, e.how.map(function (h) {
        return sourced('li', h.text, h.source);
      })));
    }
    return block('什么时候、怎么参保', kids, 'h-enroll');
  }

  function renderYnb(y, req) {
    var s = y.sources;
    var kids = [sourced('div', y.reason, s.eligibility, { class: 'sourced reason' })];
    if (y.premium !== null) {
      kids.push(
        fig('ynb_premium', '保费', yuan(y.premium), s.premium),
        y.paid_by_government ? fig('ynb_free', '政府资助', '全额资助', s.free) : null,
        fig('ynb_to_pay', '个人需缴', yuan(y.to_pay), y.paid_by_government ? s.free : s.premium));
    }
    kids.push(
      windowLine('参保时间：', y.enrollment, 'ynb_enrollment'),
      sourced('div', '保障期：' + span(y.cover.start, y.cover.end), y.cover.source),
      sourced('div', y.waiting_period.text, y.waiting_period.source));
    if (y.payout_reason) kids.push(el('p', { class: 'warn', text: y.payout_reason }));
    if (y.payout) kids.push(renderPayout(y.payout, req));
    return block(y.name + '（' + y.year + '年度）', kids, 'h-ynb');
  }

  function renderPayout(pay, req) {
    var total = fig('ynb_total', '赔付合计', yuan(pay.total), pay.source, pay.upper_bound ? '这是上限，实际可能更少' : null);
    if (pay.upper_bound) total.querySelector('.fig-main').appendChild(badge('上限', 'upper'));
    var kids = [
      total,
      fig('ynb_bill_total', '本次账单合计', yuan(pay.bill_total)),
      fig('ynb_own_share', '赔付后个人仍需负担', yuan(pay.own_share), null, '＝ 账单合计 − 赔付合计'),
    ];
    if (pay.notes.length) {
      kids.push(el('ul', { class: 'warn', id: 'payout-notes' }, pay.notes.map(function (n) {
        return el('li', { text: n });
      })));
    }
    pay.items.forEach(function (item) {
      kids.push(renderItem(item));
    });
    kids.push(el('p', { class: 'small', text: '取整：' + pay.rounding }));
    var chart = el('div', { class: 'chart', id: 'chart' });
    kids.push(chart);
    clearTimeout(chartTimer);
    // Deferred: about forty quotes, not needed on every keystroke.
    chartTimer = setTimeout(function () {
      drawChart(chart, req);
    }, 120);
    return el('section', { class: 'payout', 'aria-labelledby': 'h-payout' }, [el('h3', { id: 'h-payout', text: '这张结算单能赔多少' })].concat(kids));
  }

  function renderItem(item) {
    var facts = ['本次 ' + yuan(item.amount)];
    if (Number(item.outside_ningbo) > 0) facts.push('其中宁波市外 ' + yuan(item.outside_ningbo));
    if (Number(item.counted_before) > 0) facts.push('此前已累计 ' + yuan(item.counted_before) + '，已赔 ' + yuan(item.paid_before));
    facts.push('起付线 ' + yuan(item.deductible), '保险金额 ' + yuan(item.cap));
    var bands = item.bands.map(function (b) {
      var range = b.to !== null ? plain(b.from) + '–' + plain(b.to) + ' 元段' : Number(b.from) > 0 ? plain(b.from) + ' 元以上段' : '全部金额';
      var hit = Number(b.counted) > 0;
      return el('li', { class: hit ? '' : 'zero' }, [
        el('span', { class: 'band-k', text: range + '（赔 ' + b.rate + '%）：' }),
        hit ? yuan(b.counted) + ' × ' + b.rate + '% = ' : '本次没有计入这一段，',
        el('strong', { 'data-band': b.from, text: yuan(b.amount) }),
      ]);
    });
    return el('div', { class: 'item', 'data-item': item.id }, [
      el('h4', null, [item.name, item.upper_bound ? badge('上限', 'upper') : null]),
      el('p', { class: 'small', text: item.what }),
      el('p', { text: facts.join('；') + '。' }),
      el('p', { class: 'bands-h', text: '按全年累计金额分段计算：' }),
      el('ul', { class: 'bands' }, bands),
      el('p', { class: 'working' }, [el('strong', { text: '算式：' }), item.working]),
      item.capped ? el('p', { class: 'warn', text: '受保险金额限制：保险金额 ' + yuan(item.cap) + '，本次之前剩余 ' + yuan(item.cap_left) + '。' }) : null,
      fig('payout_' + item.id, '本项赔付', yuan(item.payout), item.source),
    ]);
  }

  function renderNotes(q) {
    var lines = q.assumptions.map(function (a) {
      return el('li', null, [el('strong', { text: '假设：' }), a.text]);
    }).concat(q.notes.map(function (n) {
      return el('li', null, [el('strong', { text: '注：' }), n]);
    }));
    var kids = [];
    if (q.info.length) {
      kids.push(el('h4', { text: '文件中的其他要点' }), el('ul', { class: 'plain' }, q.info.map(function (i) {
        return sourced('li', i.text, i.source);
      })));
    }
    if (lines.length) kids.push(el('h4', { text: '本结果用到的假设和说明' }), el('ul', { class: 'plain', id: 'assumptions' }, lines));
    kids.push(el('details', { class: 'more', id: 'steps' }, [
      el('summary', { text: '计算过程（每一步及其依据）' }),
      el('ol', { class: 'steps' }, q.steps.map(function (st) {
        return el('li', null, [st.text, el('span', { class: 'step-src', text: '依据：' + st.source })]);
      })),
    ]));
    return block('说明', kids, 'h-notes');
  }

  // ------------------------------------------------------------------- chart

  // 甬宁保 responsibility 1 (个人自付) payout against the amount, same person,
  // each point a call to quote().
  function drawChart(box, req) {
    if (!last || last.req !== req) return;
    var before = req.bill && req.bill.counted_before && req.bill.counted_before.in_scope;
    var now = Number((req.bill && req.bill.in_scope) || 0);
    var xmax = Math.max(100000, Math.ceil(now * 1.2 / 20000) * 20000);
    var pts = [];
    var N = 40;
    for (var i = 0; i <= N; i++) {
      var x = xmax * i / N;
      var r = Object.assign({}, req, { bill: { in_scope: String(x) } });
      if (before) r.bill.counted_before = { in_scope: before };
      try {
        pts.push([x, payoutOf(core.quote(r))]);
      } catch (e) {
        return;
      }
    }
    var mine = payoutOf(last.q);
    var ymax = Math.max.apply(null, pts.map(function (p) {
      return p[1];
    }).concat([mine, 1]));
    var step = niceStep(ymax / 4);
    ymax = Math.ceil(ymax / step) * step;
    var W = 340, H = 220, L = 46, R = 20, T = 28, B = 40;
    var sx = function (x) {
      return L + (W - L - R) * x / xmax;
    };
    var sy = function (y) {
      return T + (H - T - B) * (1 - y / ymax);
    };
    var svg = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-labelledby': 'chart-cap', focusable: 'false' });
    for (var y = 0; y <= ymax + 0.5; y += step) {
      svg.appendChild(svgEl('line', { x1: L, x2: W - R, y1: sy(y), y2: sy(y), class: 'grid' }));
      svg.appendChild(svgEl('text', { x: L - 5, y: sy(y) + 4, 'text-anchor': 'end' }, short(y)));
    }
    var xstep = xmax / 5;
    for (var xv = 0; xv <= xmax + 0.5; xv += xstep) {
      svg.appendChild(svgEl('text', { x: sx(xv), y: H - B + 16, 'text-anchor': 'middle' }, short(xv)));
    }
    svg.appendChild(svgEl('text', { x: (L + W - R) / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis' }, '个人自付金额（元）'));
    svg.appendChild(svgEl('text', { x: 4, y: 12, class: 'axis' }, '赔付（元）'));
    svg.appendChild(svgEl('polyline', { class: 'curve', points: pts.map(function (p) {
      return sx(p[0]).toFixed(1) + ',' + sy(p[1]).toFixed(1);
    }).join(' ') }));
    if (now > 0) {
      svg.appendChild(svgEl('line', { x1: sx(now), x2: sx(now), y1: sy(0), y2: sy(mine), class: 'mark-line' }));
      svg.appendChild(svgEl('circle', { cx: sx(now), cy: sy(mine), r: 5, class: 'mark' }));
      var right = sx(now) > W / 2;
      svg.appendChild(svgEl('text', { x: sx(now) + (right ? -8 : 8), y: Math.max(sy(mine) - 8, T + 10), 'text-anchor': right ? 'end' : 'start', class: 'mark-text' }, '本次赔付 ' + plain(mine.toFixed(2))));
    }
    var caption = '责任一（个人自付）的赔付随金额变化' + (before ? '（此前已累计 ' + yuan(before) + '）' : '') +
      (now > 0 ? '：本次 ' + yuan(String(now)) + '，赔付 ' + yuan(mine.toFixed(2)) + '。' : '。') + '起付线以下不赔付，其余条件同上。';
    clear(box);
    add(box, el('figure', null, [svg, el('figcaption', { id: 'chart-cap', text: caption })]));
    postHeight();
  }

  function payoutOf(q) {
    var p = q.yongningbao && q.yongningbao.payout;
    var item = p && p.items.filter(function (i) {
      return i.id === 'in_scope';
    })[0];
    return item ? Number(item.payout) : 0;
  }

  function niceStep(raw) {
    var mag = Math.pow(10, Math.floor(Math.log(Math.max(raw, 1)) / Math.LN10));
    var n = raw / mag;
    return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
  }

  function svgEl(tag, attrs, text) {
    var n = doc.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.keys(attrs).forEach(function (k) {
      n.setAttribute(k, attrs[k]);
    });
    if (text) n.textContent = text;
    return n;
  }

  // ---------------------------------------------------- copy, share, print

  function copyText(text, label, note) {
    var done = function () {
      setText(UI.copyMsg, '已复制' + label + '。' + (note || ''));
      show(UI.copyBox, false);
    };
    var fallback = function () {
      // No clipboard (e.g. a sandboxed iframe): a selectable text instead.
      clear(UI.copyBox);
      var id = 'copy-text';
      var area = el('textarea', { id: id, readonly: true, rows: String(Math.min(12, text.split('\n').length + 1)) });
      area.value = text;
      add(UI.copyBox, [el('label', { for: id, text: '无法直接复制。请全选下面的' + label + '后复制（电脑按 Ctrl+C，手机长按）：' }), area]);
      show(UI.copyBox, true);
      setText(UI.copyMsg, note || '');
      area.focus();
      area.select();
      postHeight();
    };
    // Where the embedding page does not allow the clipboard, do not even try.
    var perms = doc.permissionsPolicy || doc.featurePolicy;
    var allowed = !perms || typeof perms.allowsFeature !== 'function' || perms.allowsFeature('clipboard-write');
    if (allowed && navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  function copyResult() {
    if (last) copyText(core.quoteText(last.req), '结果');
  }

  // The form as a URL fragment (never sent to a server).
  function hashOf() {
    var p = [];
    var put = function (k, v) {
      if (v !== '' && v !== null && v !== undefined && v !== false) p.push(k + '=' + encodeURIComponent(v === true ? '1' : v));
    };
    put('region', F.region.value);
    put('year', F.year.value);
    if (visible('district')) put('district', F.district.value);
    if (visible('qianwan')) put('qianwan', F.qianwan.checked);
    put('birth', F.birth.value.trim());
    put('hukou', radioValue('hukou'));
    if (visible('permit')) put('permit', F.permit.checked);
    put('school', radioValue('school'));
    put('employee', F.employee.checked);
    put('id', checkedIdentities().join(','));
    if (!UI.newborn.hidden) {
      put('np_permit', radioValue('np_permit'));
      put('np_months', F.np_months.value.trim());
      put('np_normal', radioValue('np_normal'));
    }
    if (!UI.bill.hidden) {
      BILL_PARTS.forEach(function (part) {
        BILL_IDS.forEach(function (id) {
          put(part.key + id, normAmount(F['bill_' + part.key + id].value));
        });
      });
    }
    return p.join('&');
  }

  function shareLink() {
    var base = EMBED ? String(new URL('index.html', location.href)) : location.href.split('#')[0];
    var url = base.split('?')[0] + '#' + hashOf();
    copyText(url, '分享链接', '链接里含有出生日期等个人情况（只在“#”后面，不会发送到服务器），请只发给信任的人。');
  }

  function restore() {
    var h = parseParams(location.hash.slice(1));
    if (location.hash.indexOf('=') < 0) {
      compute();
      return;
    }
    if (h.region && setsOf(h.region).length) F.region.value = h.region;
    fillYears(h.year || '');
    policy = null;
    updatePolicy();
    if (h.district !== undefined) F.district.value = h.district;
    F.qianwan.checked = h.qianwan === '1';
    F.birth.value = h.birth || '';
    setRadio('hukou', h.hukou || 'local');
    F.permit.checked = h.permit === '1';
    setRadio('school', h.school || 'none');
    F.employee.checked = h.employee === '1';
    var ids = (h.id || '').split(',');
    FIELDS.identities.controls.forEach(function (c) {
      c.checked = ids.indexOf(c.value) >= 0;
    });
    setRadio('np_permit', h.np_permit || '');
    F.np_months.value = h.np_months || '';
    setRadio('np_normal', h.np_normal || '');
    BILL_PARTS.forEach(function (part) {
      var any = false;
      BILL_IDS.forEach(function (id) {
        var v = h[part.key + id] || '';
        F['bill_' + part.key + id].value = v;
        any = any || !!v;
      });
      var more = doc.getElementById(part.key === 'out_' ? 'more-out' : part.key ? 'more-before' : 'more-bill');
      if (any && more) more.open = true;
    });
    updateVisibility();
    birthCommitted = true;
    compute();
  }

  function renderDocs() {
    clear(UI.docs);
    add(UI.docs, [
      el('p', { text: EMBED ? '依据的文件：' : '本计算器依据的公开文件：' }),
      el('ul', { class: 'plain' }, POLICIES.map(function (p) {
        return el('li', null, [
          p.region_name + ' ' + p.benefit_year + '年度：' + p.document + (p.document_title ? '《' + p.document_title + '》' : '') +
            (p.document_date ? '，' + dateWords(p.document_date) : ''),
          p.region_note ? el('span', { class: 'small', text: '（' + p.region_note + '）' }) : null,
        ]);
      })),
    ]);
  }

  // Print the sources too: open every "依据" while printing.
  var openedForPrint = [];
  window.addEventListener('beforeprint', function () {
    openedForPrint = Array.prototype.filter.call(doc.querySelectorAll('#result details'), function (d) {
      return !d.open;
    });
    openedForPrint.forEach(function (d) {
      d.open = true;
    });
  });
  window.addEventListener('afterprint', function () {
    openedForPrint.forEach(function (d) {
      d.open = false;
    });
    openedForPrint = [];
  });

  // ------------------------------------------------------------ elder mode

  function setElder(on, byUser) {
    root.classList.toggle('elder', on);
    if (UI.elder) {
      UI.elder.setAttribute('aria-pressed', on ? 'true' : 'false');
      UI.elder.textContent = on ? '大字模式：开' : '大字模式';
    }
    if (byUser) store('yibao-mode', on ? 'elder' : 'normal');
    postHeight();
  }

  // ?mode=elder|normal, else the visitor's last choice, else 浙里办's setting.
  function initElder() {
    var mode = query.mode || store('yibao-mode');
    if (mode === 'elder' || mode === 'normal') {
      setElder(mode === 'elder');
      return;
    }
    try {
      var bridge = window.ZWJSBridge;
      if (!bridge || typeof bridge.getUiStyle !== 'function') return;
      var ask = function () {
        try {
          var p = bridge.getUiStyle({});
          if (p && typeof p.then === 'function') {
            p.then(function (r) {
              if (r && r.uiStyle === 'elder' && !store('yibao-mode')) setElder(true);
            }, function () {});
          }
        } catch (e) {
          // The bridge may be absent or broken outside 浙里办: normal mode.
        }
      };
      if (typeof bridge.onReady === 'function') bridge.onReady(ask);
      else ask();
    } catch (e) {
      // As above.
    }
  }

  // ----------------------------------------------------------- embedding

  // Pym.js protocol: "pymxPYMx" + id + "xPYMx" + "height" + "xPYMx" + px.
  var lastHeight = -1;
  function postHeight() {
    if (!EMBED || window.parent === window) return;
    var h = Math.ceil(root.getBoundingClientRect().height);
    if (h === lastHeight) return;
    lastHeight = h;
    window.parent.postMessage('pymxPYMx' + (query.childId || '') + 'xPYMx' + 'height' + 'xPYMx' + h, '*');
  }

  function initEmbed() {
    if (!EMBED) return;
    if (typeof ResizeObserver === 'function') new ResizeObserver(postHeight).observe(root);
    window.addEventListener('resize', postHeight);
    doc.addEventListener('toggle', postHeight, true);
    // A Pym parent announces its width; answer with the height.
    window.addEventListener('message', function (e) {
      if (e.source === window.parent && typeof e.data === 'string' && e.data.indexOf('pymxPYMx' + (query.childId || '') + 'xPYMx' + 'width') === 0) {
        lastHeight = -1;
        postHeight();
      }
    });
  }

  UI.status = doc.getElementById('status');
  initElder();
  initEmbed();
  loadCore();
  postHeight();
})();

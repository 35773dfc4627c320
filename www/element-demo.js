// element-demo.html: the host's own script. It lists every answer the
// calculators send (the `yibao-result` event, bubbling from each element).
document.addEventListener('yibao-result', (e) => {
  const q = e.detail.quote;
  const li = document.createElement('li');
  li.setAttribute('data-from', e.target.id);
  li.textContent = e.target.id + '：' + q.policy.region_name + ' ' + q.benefit_year + '年度，' +
    (q.to_pay === null ? q.reason : '实际需缴 ' + q.to_pay + ' 元');
  document.getElementById('results').appendChild(li);
});

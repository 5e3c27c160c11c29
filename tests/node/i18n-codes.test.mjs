// Every code the ingestion core can put into a report reaches the marketer in
// German and English words, never as the raw code: the skip reasons of the
// row accounting (skip.<code>), the issues of the first-problems list
// (issue.<code>, German; English shows the core's message) and the fatal
// errors (error.<code>), the warnings of the CLV models (clv.warning.<code>) and
// of the analytics report (report.warning.<code>).
// The codes are read from the core's source, so a new code without its texts
// fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { analysisMessages } from '../../web/app/i18n-analysis.js';

const root = new URL('../../', import.meta.url);
const ingestSource = await readFile(new URL('src/ingest/ingest.cpp', root), 'utf8');

// constexpr const char* kNoDate = "no_date";  (the skip codes)
const skipCodes = [...ingestSource.matchAll(/constexpr const char\* k\w+ = "(\w+)";/g)].map((m) => m[1])
  .filter((code) => !['too_few_fields', 'too_many_fields', 'bad_margin'].includes(code));  // warnings, not skips
// add_issue("ambiguous_date_order", ...)  (the file-level warnings)
const warningCodes = [...ingestSource.matchAll(/add_issue\("(\w+)"/g)].map((m) => m[1]);
// throw Error("no_customer_column", ...)  (fatal errors of ingestion)
const fatalCodes = [...ingestSource.matchAll(/Error\("(\w+)"/g)].map((m) => m[1]);
// kColumnReasons[] = {{"user", "set by the user"}, ...}  (why a column has its role)
const reasonTable = ingestSource.match(/kColumnReasons\[\] = \{([\s\S]*?)\n\};/)[1];
const reasonEntries = [...reasonTable.matchAll(/\{"(\w+)", "((?:[^"\\]|\\.)*)"\}/g)].map((m) => [m[1], m[2]]);
const reasonCodes = reasonEntries.map(([code]) => code);
// case ValueType::integer: return "integer";  (the column types)
const typeSource = ingestSource.match(/const char\* value_type_name[\s\S]*?\n\}/)[0];
const typeCodes = [...typeSource.matchAll(/return "(\w+)";/g)].map((m) => m[1]);

// detail::add_warning(fit, "too_little_data", "...")  and  out.warnings.push_back({"spend_model_unusable", "..."})
// in src/clv and src/api: the warnings a clv_predict result can carry, with the source of their message.
const clvSources = [];
for (const folder of ['src/clv/', 'src/api/']) {
  for (const name of (await readdir(new URL(folder, root))).filter((f) => f.endsWith('.cpp') || f.endsWith('.h')))
    clvSources.push(await readFile(new URL(folder + name, root), 'utf8'));
}
const clvWarnings = new Map();
for (const source of clvSources) {
  for (const m of source.matchAll(/(?:add_warning\(\w+,\s*|warnings\.push_back\(\{)"(\w+)",\s*([^;]*)/g))
    clvWarnings.set(m[1], (clvWarnings.get(m[1]) || '') + m[2]);
}

// rep.warnings.push_back({"window_longer_than_data", ...})  in src/analytics: the report's warnings.
const analyticsSource = await readFile(new URL('src/analytics/analytics.cpp', root), 'utf8');
const reportWarningCodes = [...analyticsSource.matchAll(/warnings\.push_back\(\{"(\w+)"/g)].map((m) => m[1]);

test('the core source yields the codes this test checks', () => {
  assert.deepEqual(reportWarningCodes.sort(), ['after_reference', 'window_longer_than_data', 'window_shorter_than_period']);
  assert.ok(skipCodes.includes('no_customer_id') && skipCodes.includes('cancelled_order'), skipCodes.join());
  assert.ok(warningCodes.includes('ambiguous_date_order') && warningCodes.includes('invalid_encoding'), warningCodes.join());
  assert.ok(fatalCodes.includes('no_customer_column') && fatalCodes.includes('no_header_column'), fatalCodes.join());
  assert.ok(reasonCodes.length >= 15 && reasonCodes.includes('named_too'), reasonCodes.join());
  assert.deepEqual(typeCodes.sort(), ['date', 'empty', 'flag', 'integer', 'number', 'text']);
  assert.ok(clvWarnings.has('parameter_extreme') && clvWarnings.has('invalid_prediction_replaced') && clvWarnings.size >= 10,
    [...clvWarnings.keys()].join());
});

test('every column reason and type has a German and an English text with the same placeholders', () => {
  // The indices of the args a text uses: the app's texts use the args the core's sentence uses.
  const argsUsed = (text) => [...new Set((text.match(/\{\d/g) || []).map((p) => p[1]))].sort().join();
  for (const [code, sentence] of reasonEntries) {
    const de = analysisMessages.de[`reason.${code}`], en = analysisMessages.en[`reason.${code}`];
    assert.ok(de && en, `reason.${code}`);
    assert.equal(argsUsed(de), argsUsed(sentence), `de reason.${code}`);
    assert.equal(argsUsed(en), argsUsed(sentence), `en reason.${code}`);
  }
  for (const type of typeCodes) {
    for (const lang of ['de', 'en']) assert.ok(analysisMessages[lang][`type.${type}`], `${lang} type.${type}`);
  }
});

test('every skip reason has a German and an English label', () => {
  for (const code of skipCodes) {
    for (const lang of ['de', 'en']) assert.ok(analysisMessages[lang][`skip.${code}`], `${lang} skip.${code}`);
  }
});

test('every issue code has a German text', () => {
  for (const code of [...skipCodes, 'too_few_fields', 'too_many_fields', 'bad_margin', ...warningCodes]) {
    assert.ok(analysisMessages.de[`issue.${code}`], `de issue.${code}`);
  }
});

test('every fatal ingestion error a file can cause has a German and an English message', () => {
  // session_finished is a programming error of the caller, never caused by a file.
  for (const code of fatalCodes.filter((c) => c !== 'session_finished')) {
    for (const lang of ['de', 'en']) assert.ok(analysisMessages[lang][`error.${code}`], `${lang} error.${code}`);
  }
});

test('every CLV warning has a German and an English text; a message that starts with a count keeps it', () => {
  for (const [code, message] of clvWarnings) {
    for (const lang of ['de', 'en']) {
      const text = analysisMessages[lang][`clv.warning.${code}`];
      assert.ok(text, `${lang} clv.warning.${code}`);
      // {model}: the models it came from (clv.model.*); {count}: the number the core's message starts with.
      assert.deepEqual((text.match(/\{\w+\}/g) || []).filter((p) => p !== '{model}' && p !== '{count}'), [], `${lang} clv.warning.${code}`);
      assert.equal(text.includes('{count}'), message.includes('std::to_string'), `${lang} clv.warning.${code}: ${message}`);
    }
  }
  // The models whose fits clv_predict reports ("bgnbd:…", "pnbd:…", "gg:…" in src/api/clv_ops.cpp).
  const api = clvSources.find((s) => s.includes('json clv_predict('));
  assert.ok(api.includes('"gg:"') && api.includes('model + ":"'));
  for (const model of ['bgnbd', 'pnbd', 'gg', 'unknown']) {
    for (const lang of ['de', 'en']) assert.ok(analysisMessages[lang][`clv.model.${model}`], `${lang} clv.model.${model}`);
  }
});

test('every warning of the analytics report has a German and an English text, with only {span} and {window} to fill', () => {
  for (const code of reportWarningCodes) {
    for (const lang of ['de', 'en']) {
      const text = analysisMessages[lang][`report.warning.${code}`];
      assert.ok(text, `${lang} report.warning.${code}`);
      assert.deepEqual((text.match(/\{\w+\}/g) || []).filter((p) => p !== '{span}' && p !== '{window}'), [], `${lang} report.warning.${code}`);
    }
  }
});

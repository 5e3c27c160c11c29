// Every code the ingestion core can put into a report reaches the marketer in
// German and English words, never as the raw code: the skip reasons of the
// row accounting (skip.<code>), the issues of the first-problems list
// (issue.<code>, German; English shows the core's message) and the fatal
// errors (error.<code>). The codes are read from the core's source, so a new
// code without its texts fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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

test('the core source yields the codes this test checks', () => {
  assert.ok(skipCodes.includes('no_customer_id') && skipCodes.includes('cancelled_order'), skipCodes.join());
  assert.ok(warningCodes.includes('ambiguous_date_order') && warningCodes.includes('invalid_encoding'), warningCodes.join());
  assert.ok(fatalCodes.includes('no_customer_column') && fatalCodes.includes('no_header_column'), fatalCodes.join());
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

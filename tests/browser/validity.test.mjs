// The built HTML is valid: the Nu HTML Checker (npm vnu-jar) reports no errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { buildSite, repo } from './support.mjs';

test('the Nu HTML Checker finds no errors in any page', () => {
  const site = buildSite();
  const jar = path.join(repo, 'tests', 'browser', 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  const result = spawnSync('java', ['-jar', jar, '--errors-only', '--skip-non-html', site], { encoding: 'utf8' });
  assert.equal(result.error, undefined, String(result.error));
  assert.equal(result.stderr + result.stdout, '');
  assert.equal(result.status, 0);
});

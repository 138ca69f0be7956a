import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { openPlantedFixture, raided } from '../../../test/support/open-planted-fixture.ts';
import type { TestStore } from '../../../test/support/open-test-store.ts';
import { generateStreamReport } from './generate-stream-report.ts';
import { renderReportHtml } from './render-report-html.ts';
import { renderReportMarkdown } from './render-report-markdown.ts';

describeEachBackend('the report says what a raid did', (backend) => {
  let fx: TestStore;
  before(async () => {
    fx = await openPlantedFixture(backend);
  });
  after(() => fx.close());

  it('has a Raids section in Markdown and HTML with retention and the VOD link', async () => {
    const report = await generateStreamReport(fx.store, raided.raidStream, { now: () => 0 });
    const markdown = renderReportMarkdown(report);
    const raids = markdown.slice(markdown.indexOf('## Raids'));
    assert.match(
      raids,
      /29:30 — BigBear raided with 60 viewers: 80 watching before, peak 140 after; 2\d stayed \(3\d% of the raid\) after 10 min, \d stayed/,
    );
    assert.match(raids, /3 raiders chatted — https:\/\/www\.twitch\.tv\/videos\/2100100100\?t=0h29m0s/);
    // Viewer changes carry their VOD link too.
    assert.match(markdown, /## Viewer changes[\s\S]*— https:\/\/www\.twitch\.tv\/videos\/2100100100\?t=/);
    const html = renderReportHtml(report);
    assert.match(html, /<h2>Raids<\/h2>\s*<ul>\s*<li>29:30 — BigBear raided with 60 viewers/);
    const none = renderReportMarkdown(await generateStreamReport(fx.store, 'c-dual', { now: () => 0 }));
    assert.doesNotMatch(none, /## Raids/);
  });
});

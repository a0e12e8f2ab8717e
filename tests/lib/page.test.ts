// lib/page.ts: the "Ask the guru" page built for a stage's URL, which its HTML names and its
// Content-Security-Policy lets it call, and nothing else.
import { describe, expect, it } from 'vitest';
import { contractTitle } from '../../lib/contract.ts';
import { buildGuruPage, guruPageCsp } from '../../lib/page.ts';
import { projectFile } from '../../lib/project.ts';

describe('the "Ask the guru" page', () => {
  it("lets the page call the API's origin, and load nothing but its own files", () => {
    // Act
    const policy = guruPageCsp('https://abc123defg.execute-api.eu-west-1.amazonaws.com/v1');

    // Assess
    expect(policy.split('; ')).toEqual([
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self' https://abc123defg.execute-api.eu-west-1.amazonaws.com",
      "base-uri 'none'",
      "form-action 'none'",
    ]);
  });

  it('calls only its own origin when the API is a path there', () => {
    expect(guruPageCsp('/v1')).toContain("connect-src 'self';");
  });

  it("names the API's URL in the HTML, escaped, and bundles the client into one script", async () => {
    // Act
    const page = await buildGuruPage('https://api.example.com/v1?a="b"&c=<d>');

    // Assess
    const html = page['index.html'].toString();
    expect(html).toContain(
      '<meta name="api-url" content="https://api.example.com/v1?a=&quot;b&quot;&amp;c=&lt;d&gt;" />',
    );
    expect(html).not.toMatch(/%[A-Z_]+%/);
    expect(html).toContain(`<title>Ask the guru · ${contractTitle(projectFile('openapi.yaml'))}</title>`);
    const script = page['app.js'].toString();
    expect(script).not.toMatch(/\bimport\b[^(]*from\s*["']/);
    expect(script).toContain('x-amzn-RequestId');
  });
});

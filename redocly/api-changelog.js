// A Redocly decorator: the published contract (the docs page, the bundled openapi.yaml) ends its
// description with CHANGELOG-API.md under a "Changelog" heading, which Redoc lists in its menu,
// so readers of the docs see what changed in each version beside the version itself.
// https://redocly.com/docs/cli/custom-plugins/custom-decorators
import { readFileSync } from 'node:fs';

const CHANGELOG = new URL('../CHANGELOG-API.md', import.meta.url);

const appendChangelog = () => ({
  Info: {
    leave(info) {
      // The file's own title gives way to the section's.
      const entries = readFileSync(CHANGELOG, 'utf8').replace(/^# .*\n/, '');
      info.description = `${info.description ?? ''}\n# Changelog\n${entries}`;
    },
  },
});

export default function apiPlugin() {
  return {
    id: 'api',
    decorators: {
      oas3: { changelog: appendChangelog },
    },
  };
}

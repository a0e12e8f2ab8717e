// `npm run bundle`: every function of template.yaml bundled as `sam build` bundles it, into dist/.
import { bundleAll } from '../lib/bundle.ts';
import { PROJECT_ROOT } from '../lib/project.ts';

for (const bundle of await bundleAll()) {
  const bytes = Object.values(bundle.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  console.log(
    `${bundle.logicalId}: ${bundle.file.replace(PROJECT_ROOT, '')} (${bundle.exportName}), ${bytes} bytes with source map`,
  );
}

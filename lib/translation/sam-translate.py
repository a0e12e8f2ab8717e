"""The AWS::Serverless-2016-10-31 transform, run by the open-source SAM translator (aws-sam-translator).

`npm run translate` (lib/translation/translate.ts) runs this with SAM_TRANSLATOR_PYTHON, or python3.
It reads one JSON object on stdin, {"template": ..., "parameters": {...}, "record": {...}}: the
template as CloudFormation would hand it to the transform (parsed, AWS::Include files inlined, local
code folders replaced by S3 placeholders), and what the translation records of how it was made. It
writes the CloudFormation the transform makes as JSON on stdout, keys in the translator's own
order, the record (with the translator's version) under Metadata.Translation. It needs no AWS
credentials and no network: the managed policies come from the map the translator bundles.

Exit codes: 0 translated; 1 the translator refused the template (its reasons on stderr);
3 samtranslator cannot be imported here; 4 it can, at another version than the one asked for.
"""

import json
import os
import sys

# The translator reads the partition from the region of a boto3 session; fixed, so that the output
# never depends on the machine's AWS configuration, and nothing asks the instance metadata service.
os.environ["AWS_DEFAULT_REGION"] = "us-east-1"
os.environ["AWS_REGION"] = "us-east-1"
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"


class BundledManagedPolicies:
    """The translator's ManagedPolicyLoader, offline: the AWS managed policies it ships a map of."""

    def load(self):
        from samtranslator.internal.managed_policies import get_bundled_managed_policy_map

        return get_bundled_managed_policy_map("aws") or {}


def main():
    expected_version = sys.argv[1] if len(sys.argv) > 1 else None
    try:
        import samtranslator
    except ImportError as error:
        print(f"cannot import samtranslator: {error}", file=sys.stderr)
        return 3
    if expected_version and getattr(samtranslator, "__version__", None) != expected_version:
        print(getattr(samtranslator, "__version__", "of no known version"), file=sys.stderr)
        return 4
    from samtranslator.model.exceptions import InvalidDocumentException, InvalidEventException, InvalidResourceException
    from samtranslator.translator.transform import transform

    request = json.load(sys.stdin)
    try:
        translated = transform(request["template"], request["parameters"], BundledManagedPolicies())
    except InvalidDocumentException as error:
        print(error.message, file=sys.stderr)
        for cause in error.causes:
            print(f"  - {cause.message}", file=sys.stderr)
        return 1
    except (InvalidResourceException, InvalidEventException) as error:
        print(error.message, file=sys.stderr)
        return 1
    record = {"translator": f"aws-sam-translator {samtranslator.__version__}", **request["record"]}
    translated.setdefault("Metadata", {})["Translation"] = record
    json.dump(translated, sys.stdout, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())

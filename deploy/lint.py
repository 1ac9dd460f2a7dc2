#!/usr/bin/env python3
"""Lints deploy/template.yaml the way CloudFormation will process it.

The template's first transform, AWS::LanguageExtensions, resolves each Fn::If whose condition
depends on parameters alone before the SAM transform runs (SAM takes no intrinsic function in an
event's Auth). cfn-lint and `sam validate --lint` run the SAM translator without that step and so
report E0001 on the /userinfo authorizer. This script does the step for both values of
CookieSessions, then runs cfn-lint (pip install cfn-lint) on each result.

Usage: python3 deploy/lint.py [template]   (exit status: cfn-lint's worst)
"""
import json
import os
import subprocess
import sys
import tempfile

from cfnlint.decode import decode

NO_VALUE = object()

VARIANTS = {
    "CookieSessions=false": {"CookieSessions": "false"},
    "CookieSessions=true": {
        "CookieSessions": "true",
        "CognitoDomain": "https://example.auth.eu-west-1.amazoncognito.com",
        "SessionRedirectUri": "https://app.example.com/auth/callback",
        "SessionSecretArn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:userinfo/session-AbCdEf",
    },
}


def resolved(template, values):
    def value(node):
        if isinstance(node, dict) and "Ref" in node:
            return values.get(node["Ref"], template["Parameters"].get(node["Ref"], {}).get("Default"))
        return node

    def holds(condition):
        if "Fn::Equals" in condition:
            left, right = condition["Fn::Equals"]
            return value(left) == value(right)
        if "Fn::Not" in condition:
            return not holds(condition["Fn::Not"][0])
        raise ValueError("a condition this script does not evaluate: %r" % condition)

    def walk(node):
        if isinstance(node, dict):
            if list(node) == ["Fn::If"]:
                name, then, otherwise = node["Fn::If"]
                return walk(then if holds(template["Conditions"][name]) else otherwise)
            if node == {"Ref": "AWS::NoValue"}:
                return NO_VALUE
            return {k: w for k, w in ((k, walk(v)) for k, v in node.items()) if w is not NO_VALUE}
        if isinstance(node, list):
            return [w for w in (walk(v) for v in node) if w is not NO_VALUE]
        return node

    out = walk(dict(template))
    out["Transform"] = "AWS::Serverless-2016-10-31"
    for name, v in values.items():
        out["Parameters"][name]["Default"] = v
    # Conditions now used by nothing but the removed Fn::Ifs.
    out.pop("Conditions", None)
    for output in out.get("Outputs", {}).values():
        output.pop("Condition", None)
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "template.yaml")
    template, errors = decode(path)
    if errors:
        print(errors)
        return 2
    worst = 0
    for name, values in VARIANTS.items():
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(resolved(template, values), f, indent=1, default=str)
        result = subprocess.run(["cfn-lint", f.name])
        print("%s: cfn-lint exit %d" % (name, result.returncode))
        worst = max(worst, result.returncode)
        os.unlink(f.name)
    return worst


if __name__ == "__main__":
    sys.exit(main())

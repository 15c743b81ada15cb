"""The CloudFormation template ask-cli's cfn-deployer deploys: read as AWS would, checked by AWS's own linter.

What the code relies on must exist in the deployed stack: the table the DynamoDB adapter reads (string key
`id`, TTL on `expires_at`), only the calls it makes, the variables it reads, the SKILL_DISABLED endpoint.
"""

from __future__ import annotations

import inspect
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from mairie.alexa import dynamodb
from mairie.alexa.persistence import EXPIRES_AT, RETENTION_DAYS
from mairie.tools.deploy import TEMPLATE

ROOT = Path(__file__).resolve().parents[2]


class _CloudFormationLoader(yaml.SafeLoader):
    """YAML with CloudFormation's short forms (`!Ref X` → {"Ref": "X"}, `!GetAtt A.B` → {"Fn::GetAtt": ...})."""


def _short_form(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> dict[str, Any]:
    name = "Ref" if tag_suffix == "Ref" else f"Fn::{tag_suffix}"
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if tag_suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return {name: value}


_CloudFormationLoader.add_multi_constructor("!", _short_form)


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.load((ROOT / TEMPLATE).read_text(encoding="utf-8"), _CloudFormationLoader)
    return loaded


def _of_type(template: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [resource for resource in template["Resources"].values() if resource["Type"] == kind]


def _one(template: dict[str, Any], kind: str) -> dict[str, Any]:
    found = _of_type(template, kind)
    assert len(found) == 1, kind
    return found[0]


def _name_of(template: dict[str, Any], kind: str) -> str:
    return next(name for name, resource in template["Resources"].items() if resource["Type"] == kind)


def test_cfn_lint_passes_on_the_template() -> None:
    cfn_lint = shutil.which("cfn-lint") or str(Path(ROOT / ".venv" / "bin" / "cfn-lint"))
    done = subprocess.run([cfn_lint, str(ROOT / TEMPLATE)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_table_is_the_one_the_adapter_reads(template: dict[str, Any]) -> None:
    table = _one(template, "AWS::DynamoDB::Table")["Properties"]
    assert table["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    assert table["AttributeDefinitions"] == [{"AttributeName": "id", "AttributeType": "S"}]
    assert table["TimeToLiveSpecification"] == {"AttributeName": EXPIRES_AT, "Enabled": True}
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    assert "ProvisionedThroughput" not in table
    assert '{"id": {"S":' in inspect.getsource(dynamodb)  # the key the adapter reads and writes
    assert RETENTION_DAYS == 400  # the TTL the adapter writes in `expires_at` (README "Données personnelles")


def test_the_role_may_only_touch_items_of_its_own_table_and_write_its_own_log(template: dict[str, Any]) -> None:
    role = _one(template, "AWS::IAM::Role")["Properties"]
    assert role["AssumeRolePolicyDocument"]["Statement"] == [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ]
    assert "ManagedPolicyArns" not in role
    statements = [statement for policy in role["Policies"] for statement in policy["PolicyDocument"]["Statement"]]
    assert all(statement["Effect"] == "Allow" for statement in statements)
    table_name = _name_of(template, "AWS::DynamoDB::Table")
    log_name = _name_of(template, "AWS::Logs::LogGroup")
    granted = {(action, json.dumps(each["Resource"])) for each in statements for action in each["Action"]}
    table_arn = json.dumps({"Fn::GetAtt": [table_name, "Arn"]})
    log_arn = json.dumps({"Fn::GetAtt": [log_name, "Arn"]})
    # UpdateItem: field-level writes of one user's document (concurrent requests), no scan, no query, no index
    allowed_on_table = {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"}
    assert granted == {(action, table_arn) for action in allowed_on_table} | {
        ("logs:CreateLogStream", log_arn),
        ("logs:PutLogEvents", log_arn),
    }
    # every call the adapter makes (`self._client.get_item(`...) is allowed: get_item → dynamodb:GetItem
    source = inspect.getsource(dynamodb)
    calls = set(re.findall(r"_client\.([a-z_]+)\(", source))
    assert calls >= {"get_item", "delete_item"}
    for call in calls:
        assert "dynamodb:" + call.title().replace("_", "") in allowed_on_table, call


def test_the_function_gets_the_variables_the_code_reads(template: dict[str, Any]) -> None:
    function = _one(template, "AWS::Lambda::Function")["Properties"]
    table_name = _name_of(template, "AWS::DynamoDB::Table")
    assert function["Environment"]["Variables"] == {
        "DYNAMODB_PERSISTENCE_TABLE_NAME": {"Ref": table_name},
        "DYNAMODB_PERSISTENCE_REGION": {"Ref": "AWS::Region"},
        "SKILL_ID": {"Ref": "SkillId"},
    }
    persistence = (ROOT / "lambda" / "mairie" / "alexa").glob("*.py")
    read = "\n".join(path.read_text(encoding="utf-8") for path in persistence)
    for variable in function["Environment"]["Variables"]:
        assert f'"{variable}"' in read, variable
    assert function["Runtime"] == {"Ref": "LambdaRuntime"}
    runtimes = template["Parameters"]["LambdaRuntime"]["AllowedValues"]
    assert all(tuple(map(int, runtime.removeprefix("python").split("."))) >= (3, 12) for runtime in runtimes)
    resources = json.loads((ROOT / "ask-resources.json").read_text(encoding="utf-8"))
    user_config = resources["profiles"]["default"]["skillInfrastructure"]["userConfig"]
    assert user_config["runtime"] in runtimes
    assert function["Handler"] == {"Ref": "LambdaHandler"}
    assert user_config["handler"] == "lambda_function.lambda_handler"


def test_only_alexa_may_invoke_the_function_for_this_skill(template: dict[str, Any]) -> None:
    permissions = _of_type(template, "AWS::Lambda::Permission")
    assert [permission["Properties"] for permission in permissions] == [
        {
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Fn::GetAtt": [_name_of(template, "AWS::Lambda::Function"), "Arn"]},
            "Principal": "alexa-appkit.amazon.com",
            "EventSourceToken": {"Ref": "SkillId"},
        }
    ]


def test_logs_are_kept_as_long_as_the_usage_report_needs_and_no_longer(template: dict[str, Any]) -> None:
    log_group = _one(template, "AWS::Logs::LogGroup")
    assert log_group["Properties"]["RetentionInDays"] == 30
    function = _one(template, "AWS::Lambda::Function")["Properties"]
    assert function["LoggingConfig"]["LogGroup"] == {"Ref": _name_of(template, "AWS::Logs::LogGroup")}


def test_ask_cli_gets_its_parameters_and_the_endpoint_for_requests_and_skill_events(template: dict[str, Any]) -> None:
    # ask-cli lib/builtins/deploy-delegates/cfn-deployer/index.js `_mapStackParameters`, helper.js `SkillEndpoint`
    assert set(template["Parameters"]) == {
        "SkillId",
        "LambdaRuntime",
        "LambdaHandler",
        "CodeBucket",
        "CodeKey",
        "CodeVersion",
    }
    assert template["Outputs"]["SkillEndpoint"]["Value"] == {
        "Fn::GetAtt": [_name_of(template, "AWS::Lambda::Function"), "Arn"]
    }
    resources = json.loads((ROOT / "ask-resources.json").read_text(encoding="utf-8"))
    infrastructure = resources["profiles"]["default"]["skillInfrastructure"]
    assert infrastructure["type"] == "@ask-cli/cfn-deployer"
    assert infrastructure["userConfig"]["templatePath"] == f"./{TEMPLATE.as_posix()}"
    # ask-cli writes the events endpoint into skill.json only when skillEvents is configured
    assert infrastructure["userConfig"]["skillEvents"] == {"subscriptions": ["SKILL_DISABLED"]}
    manifest = json.loads((ROOT / "skill-package" / "skill.json").read_text(encoding="utf-8"))
    assert manifest["manifest"]["events"]["subscriptions"] == [{"eventName": "SKILL_DISABLED"}]

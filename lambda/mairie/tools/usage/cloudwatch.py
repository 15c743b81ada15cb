"""Reading the skill's log lines from CloudWatch Logs (the deployed Lambda's log group).

`mairie deploy` (ask-cli's cfn-deployer) records the stack's outputs in `.ask/ask-states.json`: the
template's `LogGroupName` output names the group, the stack's ARN its region. A project deployed earlier
with ask-cli's lambda-deployer has the function's ARN there instead, and its group is
`/aws/lambda/<function name>`. Either way the group is found there unless given. Lines come from
`FilterLogEvents` (boto3 `logs` client), every page, between two days, narrowed on the server to lines
holding "latency_ms" (a quoted term pattern). boto3 reads the credentials like the AWS CLI (environment,
`~/.aws`, `--aws-profile`), and honours `AWS_ENDPOINT_URL` (a local CloudWatch-compatible server, as in
the tests).

Every failure becomes a `LogSourceError` with a French message: no credentials, no region, no
network, no such group, no permission. Never imported by the Lambda (boto3 is a dev dependency here).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from mairie.tools.usage.records import UsageRecord, parse_line

FILTER_PATTERN = '"latency_ms"'
"""Every per-request line has this key, and no other line of the skill's log has it."""
MAX_PAGES = 10_000
ASK_STATES = Path(".ask") / "ask-states.json"
LAMBDA_DEPLOYER = "@ask-cli/lambda-deployer"
CFN_DEPLOYER = "@ask-cli/cfn-deployer"
LOG_GROUP_OUTPUT = "LogGroupName"
"""The output of infrastructure/cfn-deployer/skill-stack.yaml that names the function's log group."""


class LogSourceError(Exception):
    """The log lines could not be read; the message is for staff, in French."""


@dataclass(frozen=True)
class LogGroup:
    name: str
    region: str | None


def deployed_log_group(root: Path, profile: str = "default") -> LogGroup | None:
    """The log group of the Lambda `ask deploy` created, from `.ask/ask-states.json`, if any."""
    try:
        states = json.loads((root / ASK_STATES).read_text(encoding="utf-8"))
        infrastructures = states["profiles"][profile]["skillInfrastructure"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(infrastructures, dict):
        return None
    return _stack_log_group(infrastructures.get(CFN_DEPLOYER)) or _function_log_group(
        infrastructures.get(LAMBDA_DEPLOYER)
    )


def _stack_log_group(infrastructure: Any) -> LogGroup | None:
    """From the cfn-deployer's state: the stack's `LogGroupName` output, in the stack's region."""
    try:
        state = infrastructure["deployState"]["default"]
        outputs = {str(o["OutputKey"]): str(o["OutputValue"]) for o in state["outputs"]}
        parts = str(state["stackId"]).split(":")  # arn:aws:cloudformation:eu-west-1:123456789012:stack/NAME/ID
    except (KeyError, TypeError):
        return None
    name = outputs.get(LOG_GROUP_OUTPUT)
    if not name:
        return None
    return LogGroup(name, parts[3] if len(parts) > 3 and parts[3] else None)


def _function_log_group(infrastructure: Any) -> LogGroup | None:
    """From the lambda-deployer's state: `/aws/lambda/<function>`, in the function's region."""
    try:
        arn = str(infrastructure["deployState"]["default"]["lambda"]["arn"])
    except (KeyError, TypeError):
        return None
    parts = arn.split(":")  # arn:aws:lambda:eu-west-1:123456789012:function:NAME[:ALIAS]
    if len(parts) < 7 or parts[2] != "lambda" or parts[5] != "function":
        return None
    return LogGroup(f"/aws/lambda/{parts[6]}", parts[3] or None)


def read_log_group(group: LogGroup, first: date, last: date, aws_profile: str | None = None) -> list[UsageRecord]:
    """The skill's records logged from the start of `first` to the end of `last` (UTC days)."""
    client = _client(group.region, aws_profile)
    start = datetime.combine(first, time.min, UTC)
    end = datetime.combine(last + timedelta(days=1), time.min, UTC)
    records = []
    for event in _events(client, group.name, _millis(start), _millis(end) - 1):
        logged_at = datetime.fromtimestamp(int(event.get("timestamp", 0)) / 1000, UTC)
        record = parse_line(str(event.get("message", "")), logged_at)
        if record is not None:
            records.append(record)
    return records


def _millis(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _client(region: str | None, aws_profile: str | None) -> Any:
    try:
        import boto3
        from botocore.config import Config
        from botocore.exceptions import BotoCoreError
    except ImportError as error:
        raise LogSourceError(
            "boto3 n'est pas installé : lancez « make test » une fois (il installe les outils), "
            "ou « .venv/bin/pip install boto3 »."
        ) from error
    config = Config(retries={"max_attempts": 2, "mode": "standard"}, connect_timeout=5, read_timeout=30)
    try:
        session = boto3.Session(profile_name=aws_profile, region_name=region)
        if session.region_name is None:
            raise LogSourceError(
                "Région AWS inconnue : indiquez-la avec --region (par exemple eu-west-1, celle de la "
                "fonction Lambda dans ask-resources.json)."
            )
        return session.client("logs", config=config)
    except BotoCoreError as error:
        raise LogSourceError(_explain(error)) from error


def _events(client: Any, group: str, start_ms: int, end_ms: int) -> Iterator[dict[str, Any]]:
    from botocore.exceptions import BotoCoreError, ClientError

    request: dict[str, Any] = {
        "logGroupName": group,
        "startTime": start_ms,
        "endTime": end_ms,
        "filterPattern": FILTER_PATTERN,
    }
    for _ in range(MAX_PAGES):
        try:
            page = client.filter_log_events(**request)
        except ClientError as error:
            raise LogSourceError(_explain_client_error(error, group)) from error
        except BotoCoreError as error:
            raise LogSourceError(_explain(error)) from error
        yield from page.get("events", [])
        token = page.get("nextToken")
        if not token or token == request.get("nextToken"):
            return
        request["nextToken"] = token


def _explain(error: Exception) -> str:
    name = type(error).__name__
    if name in ("NoCredentialsError", "PartialCredentialsError", "CredentialRetrievalError"):
        return (
            "Aucun identifiant AWS trouvé : configurez l'accès au compte AWS de la ville "
            "(« aws configure », ou les variables AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY), "
            "ou indiquez un profil avec --aws-profile."
        )
    if name == "ProfileNotFound":
        return f"Profil AWS introuvable ({error}) : vérifiez le nom donné à --aws-profile (fichier ~/.aws/config)."
    if name == "NoRegionError":
        return "Région AWS inconnue : indiquez-la avec --region (par exemple eu-west-1)."
    if name in ("EndpointConnectionError", "ConnectTimeoutError", "ReadTimeoutError", "ConnectionClosedError"):
        return (
            "Impossible de joindre CloudWatch Logs (pas de réseau, ou service injoignable) : "
            "vérifiez la connexion à Internet, puis recommencez."
        )
    return f"Lecture des journaux CloudWatch impossible : {name}."


def _explain_client_error(error: Any, group: str) -> str:
    code = str(error.response.get("Error", {}).get("Code", ""))
    if code == "ResourceNotFoundException":
        return (
            f"Le groupe de journaux « {group} » n'existe pas dans cette région : vérifiez --log-group "
            "et --region (la fonction Lambda a-t-elle déjà répondu à une requête ?)."
        )
    if code in ("AccessDeniedException", "AccessDenied", "UnauthorizedOperation"):
        return (
            f"Le compte AWS utilisé n'a pas le droit de lire « {group} » : il faut la permission "
            "logs:FilterLogEvents sur ce groupe."
        )
    if code in ("UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException"):
        return "Les identifiants AWS sont refusés (clé inconnue ou expirée) : vérifiez « aws configure »."
    if code == "ThrottlingException":
        return "CloudWatch Logs limite le nombre de requêtes : attendez une minute, puis recommencez."
    return f"CloudWatch Logs a refusé la lecture de « {group} » ({code or 'erreur inconnue'})."

"""Reading the Lambda event into the SDK's `RequestEnvelope`, faster than the SDK's serializer.

`DefaultSerializer.deserialize` takes JSON text (so the event dict is dumped and parsed again), looks
up every model class by name with `__import__`, and parses every timestamp with dateutil, on every
request: more than half of a warm request. `read_envelope` builds the same objects from the event
dict, with the same rules (discriminators, enums, primitives, unknown fields kept as attributes),
but resolves each type name once per container and reads ISO timestamps with
`datetime.fromisoformat` (dateutil stays the fallback). Values typed `object` (session attributes)
are copied, so that handlers never change the caller's event.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

from ask_sdk_core.exceptions import SerializationException
from ask_sdk_model import RequestEnvelope

Reader = Callable[[Any], Any]

_NATIVE: dict[str, type] = {
    "int": int,
    "long": int,
    "float": float,
    "str": str,
    "bool": bool,
    "date": date,
    "datetime": datetime,
    "object": object,
}
_PRIMITIVES = (float, bool, bytes, str, int)
_READERS: dict[Any, Reader] = {}
_FIELDS: dict[type, tuple[tuple[tuple[str, str, str], ...], frozenset[str]]] = {}


def read_envelope(event: dict[str, Any]) -> RequestEnvelope:
    """The request envelope of a Lambda event (what `DefaultSerializer.deserialize` would return)."""
    envelope: RequestEnvelope = reader(RequestEnvelope)(event)
    return envelope


def reader(obj_type: Any) -> Reader:
    """The function that reads a payload of `obj_type` (a class, or the SDK's type string)."""
    found = _READERS.get(obj_type)
    if found is None:
        found = _READERS[obj_type] = _make_reader(obj_type)
    return found


def _make_reader(obj_type: Any) -> Reader:
    if isinstance(obj_type, str):
        if obj_type.startswith("list["):
            return _list_reader(obj_type)
        if obj_type.startswith("dict("):
            return _dict_reader(obj_type)
        obj_type = _NATIVE[obj_type] if obj_type in _NATIVE else _load_class(obj_type)
    if obj_type in _PRIMITIVES:
        return _primitive_reader(obj_type)
    if obj_type is object:
        return _none_or(_copy)
    if obj_type is date or obj_type is datetime:
        return _none_or(lambda payload: _read_datetime(payload, obj_type))
    return _none_or(lambda payload: _read_model(payload, obj_type))


def _none_or(read: Reader) -> Reader:
    return lambda payload: None if payload is None else read(payload)


def _list_reader(obj_type: str) -> Reader:
    """`list[T]` (or `list[T1, T2]`: one type per position), as the SDK matches `list\\[(.*)\\]`."""
    end = obj_type.rfind("]")
    if end < len("list["):
        return _none_or(lambda payload: [])
    inner = obj_type[len("list[") : end]
    if "," in inner:
        readers = [reader(name.strip()) for name in inner.split(",")]
        return _none_or(lambda payload: [read(item) for item, read in zip(payload, readers, strict=False)])
    read_item = reader(inner.strip())
    return _none_or(lambda payload: [read_item(item) for item in payload])


def _dict_reader(obj_type: str) -> Reader:
    """`dict(K, V)`, as the SDK matches `dict\\(([^,]*), (.*)\\)`."""
    rest = obj_type[len("dict(") :]
    comma, end = rest.find(","), rest.rfind(")")
    if comma < 0 or rest[comma : comma + 2] != ", " or end < comma + 2:
        return _none_or(lambda payload: {})
    read_value = reader(rest[comma + 2 : end])
    return _none_or(lambda payload: {key: read_value(value) for key, value in payload.items()})


def _primitive_reader(obj_type: type) -> Reader:
    def read(payload: Any) -> Any:
        try:
            return obj_type(payload)
        except UnicodeEncodeError:
            return str(payload)
        except TypeError:
            return payload
        except ValueError as error:
            raise SerializationException(f"Failed to parse {payload} into '{obj_type.__name__}' object") from error

    return _none_or(read)


def _copy(value: Any) -> Any:
    """A copy of a JSON value (dicts and lists copied, the rest is immutable)."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _read_datetime(payload: Any, obj_type: type) -> Any:
    parsed: datetime | None = None
    if isinstance(payload, str):
        try:
            parsed = datetime.fromisoformat(payload)
        except ValueError:
            parsed = None
    if parsed is None:
        from dateutil.parser import parse  # type: ignore[import-untyped]

        try:
            parsed = parse(payload)
        except ValueError as error:
            raise SerializationException(f"Failed to parse {payload} into '{obj_type.__name__}' object") from error
    return parsed.date() if obj_type is date else parsed


def _fields(model: type) -> tuple[tuple[tuple[str, str, str], ...], frozenset[str]]:
    """(attribute, payload key, type) of a model class, and its payload keys: once per class."""
    found = _FIELDS.get(model)
    if found is None:
        types: dict[str, str] = model.deserialized_types  # type: ignore[attr-defined]
        names: dict[str, str] = dict(getattr(model, "attribute_map", {}))
        names.update({key: key for key in types if key not in names})
        found = tuple((attribute, key, types[attribute]) for attribute, key in names.items()), frozenset(names.values())
        _FIELDS[model] = found
    return found


def _read_model(payload: Any, obj_type: Any) -> Any:
    try:
        if issubclass(obj_type, Enum):
            return obj_type(payload)
        if not hasattr(obj_type, "deserialized_types"):
            return payload
        if hasattr(obj_type, "get_real_child_model"):
            child = obj_type.get_real_child_model(payload)
            if not child:
                raise SerializationException(f"Couldn't resolve object by discriminator type for {obj_type} class")
            obj_type = _load_class(child)
        fields, known = _fields(obj_type)
        model = obj_type()
        for attribute, key, type_name in fields:
            if key in payload:
                setattr(model, attribute, reader(type_name)(payload[key]))
        for key in payload:
            if key not in known:
                setattr(model, key, _copy(payload[key]))
        return model
    except Exception as error:
        raise SerializationException(str(error)) from error


_CLASSES: dict[str, type] = {}


def _load_class(name: str) -> type:
    found = _CLASSES.get(name)
    if found is None:
        module_name, _, class_name = name.rpartition(".")
        try:
            found = getattr(__import__(module_name, fromlist=[class_name]), class_name)
        except Exception as error:
            raise SerializationException(f"Unable to resolve class {name} from installed modules: {error}") from error
        _CLASSES[name] = found
    return found

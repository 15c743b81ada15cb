"""`dataclass(frozen=True)` without generating code when the module is imported.

`dataclasses.dataclass` writes the source of `__init__`, `__repr__`, `__eq__`, `__hash__`,
`__setattr__` and `__delattr__` for each class and compiles it with `exec` at every import: about
1 ms per class, 15 ms for the catalogue model, on every cold start (bytecode caches cannot keep it).
`frozen_dataclass` lets `dataclasses` do everything else (fields, defaults, `fields()`, `replace()`,
`asdict()`, `__match_args__`) and attaches generic methods with the same behaviour: keyword or
positional construction with defaults and `__post_init__`, equality and hash over the compared
fields, the same `repr`, and `FrozenInstanceError` on assignment.

Modules declare `@dataclass(frozen=True)` for the type checker and bind `dataclass` to this function
at run time (see `catalogue.model`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")
_MISSING = dataclasses.MISSING


def frozen_dataclass(cls: type[T] | None = None, /, *, frozen: bool = True) -> Any:
    """`@dataclass(frozen=True)` (the only form supported), with generic methods."""
    if not frozen:
        raise ValueError("frozen_dataclass only makes frozen classes")

    def wrap(cls: type[T]) -> type[T]:
        return _frozen(cls)

    return wrap if cls is None else wrap(cls)


def _frozen(cls: type[T]) -> type[T]:
    if cls.__doc__ is None:  # else `dataclasses` writes one from `inspect.signature`, parsing text (slow)
        cls.__doc__ = f"{cls.__name__}(...)"
    cls = dataclasses.dataclass(cls, init=False, repr=False, eq=False)  # fields only: no code generated
    every = dataclasses.fields(cls)  # type: ignore[arg-type]
    init_fields = [f for f in every if f.init]
    names = tuple(f.name for f in init_fields)
    defaults = {f.name: f.default for f in init_fields if f.default is not _MISSING}
    factories = {f.name: f.default_factory for f in init_fields if f.default_factory is not _MISSING}
    required = frozenset(name for name in names if name not in defaults and name not in factories)
    known = frozenset(names)
    all_names = frozenset(f.name for f in every)
    post_init = getattr(cls, "__post_init__", None)
    compared = _getter(tuple(f.name for f in every if f.compare))
    hashed = _getter(tuple(f.name for f in every if (f.compare if f.hash is None else f.hash)))
    shown = tuple(f.name for f in every if f.repr)

    count = len(names)

    def _bind(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        """Arguments to field values, like a generated `__init__` (defaults, errors)."""
        if len(args) > count:
            raise TypeError(f"{cls.__name__}() takes {count} arguments but {len(args)} were given")
        values = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in known:
                raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {name!r}")
            if name in values:
                raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
            values[name] = value
        if len(values) < count:
            missing = [name for name in names if name in required and name not in values]
            if missing:
                raise TypeError(f"{cls.__name__}() missing required arguments: {', '.join(missing)}")
            for name, default in defaults.items():
                values.setdefault(name, default)
            for name, factory in factories.items():
                if name not in values:
                    values[name] = factory()
        return values

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if not args and len(kwargs) == count and known.issuperset(kwargs):  # every field, by name
            self.__dict__.update(kwargs)
        elif not kwargs and len(args) == count:  # every field, in order
            self.__dict__.update(zip(names, args, strict=True))
        else:
            self.__dict__.update(_bind(args, kwargs))
        if post_init is not None:
            post_init(self)

    def __repr__(self: Any) -> str:
        return f"{cls.__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in shown)})"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(compared(self) == compared(other))

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in all_names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in all_names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        object.__delattr__(self, name)

    for method in (__init__, __repr__, __eq__, __hash__, __setattr__, __delattr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    return cls


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of these attributes of an object (at C speed)."""
    if not names:
        return lambda _: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    many: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
    return many

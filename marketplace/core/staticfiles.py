"""The static files storage: hashed names and compressed copies (whitenoise).

Django's manifest storage also rewrites ``sourceMappingURL`` comments to the hashed
name of the ``.map`` file, and refuses to collect a file whose map is missing. Packaged
front-end builds (GraphiQL's, from ``graphene-django-graphiql-static``) keep the comment
but ship no map, and a rewritten file would no longer match the Subresource Integrity
hash its page names. This storage leaves those comments alone; ``url()`` and
``@import`` in stylesheets are still rewritten.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(
    patterns: tuple[tuple[str, tuple[object, ...]], ...],
) -> tuple[tuple[str, tuple[object, ...]], ...]:
    def keep(pattern: object) -> bool:
        text = pattern[0] if isinstance(pattern, tuple) else pattern
        return "sourceMappingURL" not in str(text)

    kept = tuple((glob, tuple(p for p in rules if keep(p))) for glob, rules in patterns)
    return tuple((glob, rules) for glob, rules in kept if rules)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)

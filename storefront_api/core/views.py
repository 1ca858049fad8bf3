"""The GraphQL HTTP endpoint with Saleor's wire conventions.

* ``POST`` ``application/json`` ``{query, variables, operationName}``, or a JSON array of
  those (batching, at most ``settings.GRAPHQL_BATCH_MAX_COUNT`` operations, default 30;
  more is refused with HTTP 400). ``application/graphql`` bodies are accepted too.
* HTTP 200 whenever execution ran, even with errors in the result; HTTP 400 and no
  ``data`` key when the request cannot be parsed or validated. A batch answers with
  the highest status of its operations.
* Before anything runs, each operation's document is parsed (at most
  ``GRAPHQL_QUERY_MAX_TOKENS`` tokens) and measured (:mod:`storefront_api.core.query_cost`):
  over ``GRAPHQL_QUERY_MAX_COST``, ``GRAPHQL_QUERY_MAX_DEPTH`` or
  ``GRAPHQL_QUERY_MAX_ALIASES`` it is refused with HTTP 400 (``QueryCostExceeded``,
  ``QueryTooDeep``, ``QueryTooManyAliases``), as Saleor refuses an over-cost query. Every
  answer after that carries ``extensions.cost`` (``requestedQueryCost``,
  ``maximumAvailable``).
* Text no field can store (NUL, lone surrogates) in the variables or the query is refused
  with HTTP 400 (``UnsupportedCharacter``, :mod:`storefront_api.core.input_guard`); a body
  that is not JSON, not UTF-8 or nested deeper than the decoder goes is HTTP 400 "Unable
  to parse query.", never a stack trace.
* Every error carries ``extensions.exception.code``: ``GraphQLError`` for syntax and
  validation errors, otherwise the class name of the exception behind it
  (``PermissionDenied``, ``ExpiredSignatureError``, ``InvalidSignatureError``, ...).
  ``extensions.code`` repeats it. Unexpected exceptions are logged and, unless
  ``DEBUG``, their message is replaced with ``Internal Server Error``.
* An anonymous catalog read (no token; only ``products``, ``categories``, ``shop``, ...
  at the root) is answered from :mod:`storefront_api.core.response_cache` when the same
  document, variables and language were answered since the catalog last changed.
* ``GET`` from a browser (``Accept: text/html``) shows GraphiQL, its scripts served from
  this site (``graphene-django-graphiql-static``, nothing from another host), unless
  ``settings.GRAPHQL_PLAYGROUND_ENABLED`` is false. CSRF-exempt: clients authenticate
  with JWT headers, not cookies.
* CORS for browser storefronts: origins matching ``settings.ALLOWED_GRAPHQL_ORIGINS``
  (shell patterns, default ``["*"]``) may POST with ``Authorization`` headers.
* ``request.user`` comes from the JWT (:mod:`storefront_api.core.auth`); a refresh token
  issued by ``tokenCreate`` is also set as the http-only ``refreshToken`` cookie.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections import OrderedDict
from datetime import UTC, datetime
from fnmatch import fnmatchcase
from threading import Lock
from typing import Any

import graphene
import jwt
from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView as GrapheneDjangoView
from graphene_django_graphiql_static.views import GraphiQLOfflineView
from graphql import DocumentNode, ExecutionResult, GraphQLError, execute, parse, validate

from marketplace.accounts import tokens
from storefront_api.core import input_guard, query_cost, response_cache
from storefront_api.core.auth import authenticate_request
from storefront_api.core.dataloaders import clear_request_state
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.execution import ExecutionContext, never_awaitable

logger = logging.getLogger(__name__)

DEFAULT_BATCH_MAX_COUNT = 30
DEFAULT_MAX_TOKENS = 5_000
INTERNAL_ERROR_MESSAGE = "Internal Server Error"

# Exceptions whose message is meant for the client; anything else is a bug.
ALLOWED_ERRORS: tuple[type[BaseException], ...] = (
    GraphQLError,
    jwt.PyJWTError,
    PermissionDenied,
    DjangoPermissionDenied,
    ValidationError,
)


def _original_error(error: BaseException) -> BaseException:
    while isinstance(error, GraphQLError) and error.original_error is not None:
        error = error.original_error
    return error


def format_error(error: BaseException) -> dict[str, Any]:
    """One entry of a response's ``errors``, with Saleor's ``extensions.exception.code``."""
    result: dict[str, Any] = (
        dict(error.formatted) if isinstance(error, GraphQLError) else {"message": str(error)}
    )
    exc = _original_error(error)
    if isinstance(exc, ValidationError):
        result["message"] = " ".join(exc.messages)
    code = type(exc).__name__
    extensions = dict(result.get("extensions") or {})
    exception: dict[str, Any] = {"code": code}
    if isinstance(exc, ALLOWED_ERRORS):
        logger.debug("graphql_error", extra={"error_code": code})
    else:
        logger.error(
            "graphql_unhandled_error",
            exc_info=(type(exc), exc, exc.__traceback__),
            extra={"error_code": code, "path": result.get("path")},
        )
        if settings.DEBUG:
            exception["stacktrace"] = [
                line
                for chunk in traceback.format_exception(exc)
                for line in chunk.rstrip().splitlines()
            ]
        else:
            result["message"] = INTERNAL_ERROR_MESSAGE
    extensions["exception"] = exception
    extensions.setdefault("code", code)
    result["extensions"] = extensions
    return result


def place_uploaded_files(request: HttpRequest) -> Any:
    """The operations of a multipart request, with each file put where ``map`` says.

    ``operations`` is the JSON body, ``map`` is ``{"0": ["variables.image"]}`` and each
    key names a file part. A path that does not lead into the operations is refused.
    """
    operations = json.loads(request.POST.get("operations", ""))
    file_map = json.loads(request.POST.get("map", "{}"))
    if not isinstance(operations, dict | list) or not isinstance(file_map, dict):
        raise ValueError("Invalid multipart request.")
    for key, paths in file_map.items():
        upload = request.FILES.get(key)
        if upload is None or not isinstance(paths, list):
            raise ValueError("Invalid multipart request.")
        for path in paths:
            *parents, last = str(path).split(".")
            target = operations
            try:
                for part in parents:
                    target = target[int(part)] if isinstance(target, list) else target[part]
                if isinstance(target, list):
                    target[int(last)] = upload
                elif isinstance(target, dict) and last in target:
                    target[last] = upload
                else:
                    raise ValueError("Invalid multipart request.")
            except (KeyError, IndexError, TypeError) as exc:
                raise ValueError("Invalid multipart request.") from exc
    return operations


def _error_response(message: str, status: int) -> JsonResponse:
    return JsonResponse({"errors": [format_error(GraphQLError(message))]}, status=status)


class _ParsedDocument:
    """A query's parse result, and graphql-core's validation of it once it was run."""

    __slots__ = ("document", "errors", "unsupported_character", "validation_errors")

    def __init__(self, document: DocumentNode | None, errors: list[GraphQLError]) -> None:
        self.document = document
        self.errors = errors
        self.unsupported_character: GraphQLError | None = None
        self.validation_errors: list[GraphQLError] | None = None


class _DocumentCache:
    """Parsed and validated documents by schema and query text (LRU, thread-safe).

    Storefronts send the same few dozen documents over and over; parsing and validating
    them costs more than executing most of them. Parsing stops at
    ``settings.GRAPHQL_QUERY_MAX_TOKENS``; validation runs only after the document was
    found within the cost limits (:mod:`storefront_api.core.query_cost`).
    """

    max_query_length = 50_000  # storefront documents are a few KB; do not hoard huge ones

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[graphene.Schema, str], _ParsedDocument] = OrderedDict()
        self._lock = Lock()

    def get(self, schema: graphene.Schema, query: str) -> _ParsedDocument:
        key = (schema, query)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                return entry
        max_tokens = getattr(settings, "GRAPHQL_QUERY_MAX_TOKENS", DEFAULT_MAX_TOKENS) or None
        try:
            entry = _ParsedDocument(parse(query, max_tokens=max_tokens), [])
        except GraphQLError as error:
            entry = _ParsedDocument(None, [error])
        except RecursionError:
            entry = _ParsedDocument(None, [GraphQLError("The query is nested too deeply.")])
        entry.unsupported_character = input_guard.query_error(query, entry.document)
        if len(query) > self.max_query_length:
            return entry
        with self._lock:
            self._entries[key] = entry
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return entry

    @staticmethod
    def validation_errors(schema: graphene.Schema, entry: _ParsedDocument) -> list[GraphQLError]:
        if entry.validation_errors is None:
            assert entry.document is not None
            entry.validation_errors = validate(schema.graphql_schema, entry.document)
        return entry.validation_errors


_documents = _DocumentCache()


class GraphQLView(View):
    schema: graphene.Schema | None = None
    http_method_names = ["get", "post", "options"]

    def __init__(self, *, schema: graphene.Schema | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if schema is not None:
            self.schema = schema
        if self.schema is None:
            raise TypeError("GraphQLView needs a schema.")
        self.graphql_schema = self.schema.graphql_schema

    @method_decorator(csrf_exempt)
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = super().dispatch(request, *args, **kwargs)
        if request.method != "OPTIONS":
            self._add_cors_headers(request, response)
        return response

    # --- HTTP methods ------------------------------------------------------------------
    def options(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """CORS preflight."""
        origin_allowed = self._allowed_origin(request) is not None
        response = HttpResponse(status=200 if origin_allowed else 400)
        response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = (
            "Origin, Content-Type, Accept, Authorization, Authorization-Bearer"
        )
        response["Access-Control-Max-Age"] = "600"
        self._add_cors_headers(request, response)
        return response

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        playground = getattr(settings, "GRAPHQL_PLAYGROUND_ENABLED", True)
        if playground and GrapheneDjangoView.request_wants_html(request):
            return self.render_graphiql(request)
        response = _error_response("Send GraphQL operations as POST requests.", status=405)
        response["Allow"] = "POST, OPTIONS"
        return response

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        authenticate_request(request)
        try:
            data = self.parse_body(request)
        except RequestDataTooBig:
            return _error_response("Request body exceeds maximum size.", status=413)
        except (ValueError, RecursionError, MultiPartParserError):
            # Malformed JSON, a body that is not UTF-8, JSON nested deeper than the
            # decoder goes, a broken multipart body.
            return _error_response("Unable to parse query.", status=400)

        if isinstance(data, list):
            max_count = getattr(settings, "GRAPHQL_BATCH_MAX_COUNT", DEFAULT_BATCH_MAX_COUNT)
            if len(data) > max_count:
                logger.info("graphql_batch_refused", extra={"batch_size": len(data)})
                return _error_response(
                    f"Number of batch queries exceeded: at most {max_count} per request.",
                    status=400,
                )
            responses = [self.execute_operation(request, entry) for entry in data]
            result: Any = [body for body, _status in responses]
            status = max((status for _body, status in responses), default=200)
        else:
            result, status = self.execute_operation(request, data)

        response = JsonResponse(result, status=status, safe=False)
        self._set_refresh_token_cookie(request, response)
        return response

    # --- GraphQL -----------------------------------------------------------------------
    @staticmethod
    def parse_body(request: HttpRequest) -> Any:
        content_type = request.content_type
        if content_type == "application/graphql":
            return {"query": request.body.decode()}
        if content_type == "application/json":
            data = json.loads(request.body)
            if isinstance(data, dict | list):
                return data
        if content_type == "multipart/form-data":
            return place_uploaded_files(request)
        raise ValueError("Unsupported request body.")

    def execute_operation(self, request: HttpRequest, data: Any) -> tuple[dict[str, Any], int]:
        """Run one operation; ``(response body, HTTP status)``."""
        if not isinstance(data, dict):
            return {"errors": [format_error(GraphQLError("Unable to parse query."))]}, 400
        query = data.get("query")
        variables = data.get("variables")
        operation_name = data.get("operationName")
        if not isinstance(query, str) or not query.strip():
            return {"errors": [format_error(GraphQLError("Must provide a query string."))]}, 400
        if variables is not None and not isinstance(variables, dict):
            return {"errors": [format_error(GraphQLError("Variables must be an object."))]}, 400
        if not isinstance(operation_name, str) or operation_name == "null":
            operation_name = None

        bad_input = input_guard.variables_error(variables)
        if bad_input is not None:
            return {"errors": [format_error(bad_input)]}, 400
        entry = _documents.get(self.schema, query)
        if entry.unsupported_character is not None:
            return {"errors": [format_error(entry.unsupported_character)]}, 400
        if entry.errors:
            return {"errors": [format_error(error) for error in entry.errors]}, 400
        assert entry.document is not None

        # Cost, depth and aliases first: graphql-core's validation is slower than this
        # measure on a hostile document, and nothing may run for an over-limit one.
        limits = query_cost.QueryLimits.from_settings()
        measure = query_cost.measure_document(self.graphql_schema, entry.document, variables)
        extensions = {"cost": query_cost.cost_extension(measure, limits)}

        errors = query_cost.limit_errors(measure, limits)
        if errors:
            logger.info(
                "graphql_query_refused",
                extra={"cost": measure.cost, "depth": measure.depth, "aliases": measure.aliases},
            )
        else:
            errors = _documents.validation_errors(self.schema, entry)
        if errors:
            body = {"errors": [format_error(error) for error in errors], "extensions": extensions}
            return body, 400

        cached = response_cache.cache_key(request, entry.document, query, variables, operation_name)
        if cached is not None:
            hit = response_cache.get(cached[0])
            if hit is not None:
                return hit, 200
        try:
            result = execute(
                self.graphql_schema,
                entry.document,
                context_value=request,
                variable_values=variables,
                operation_name=operation_name,
                execution_context_class=ExecutionContext,
                is_awaitable=never_awaitable,
            )
        except Exception as exc:  # errors outside resolvers: a bug, still answered in shape
            return {"errors": [format_error(exc)], "extensions": extensions}, 400
        finally:
            clear_request_state(request)
        # _never_awaitable: graphql-core never returns an awaitable here
        assert isinstance(result, ExecutionResult)
        body, status = self._result_body(result)
        body["extensions"] = extensions
        if cached is not None and status == 200:
            response_cache.put(cached[0], cached[1], body)
        return body, status

    @staticmethod
    def _result_body(result: ExecutionResult) -> tuple[dict[str, Any], int]:
        body: dict[str, Any] = {}
        if result.errors:
            body["errors"] = [format_error(error) for error in result.errors]
            if result.data is None and all(error.path is None for error in result.errors):
                # Unknown operation name, variables of the wrong type, ...: not executed.
                return body, 400
        body["data"] = result.data
        return body, 200

    # --- Helpers -----------------------------------------------------------------------
    def render_graphiql(self, request: HttpRequest) -> HttpResponse:
        """GraphiQL with every script and stylesheet served from this site's static files
        (``graphene-django-graphiql-static``), each checked by its integrity hash."""
        view = GraphiQLOfflineView
        context = {
            name: getattr(view, name)
            for name in (
                "whatwg_fetch_sri", "react_sri", "react_dom_sri", "graphiql_sri",
                "graphiql_css_sri", "subscriptions_transport_ws_sri",
                "graphiql_plugin_explorer_sri", "graphiql_plugin_explorer_css_sri",
            )
        }  # fmt: skip
        context.update(
            subscription_path=None,
            graphiql_header_editor_enabled=True,
            graphiql_should_persist_headers=False,
        )
        return render(request, view.graphiql_template, context)

    @staticmethod
    def _allowed_origin(request: HttpRequest) -> str | None:
        origin = request.headers.get("Origin")
        if not origin:
            return None
        patterns = getattr(settings, "ALLOWED_GRAPHQL_ORIGINS", ["*"])
        return origin if any(fnmatchcase(origin, pattern) for pattern in patterns) else None

    def _add_cors_headers(self, request: HttpRequest, response: HttpResponseBase) -> None:
        origin = self._allowed_origin(request)
        if origin is not None:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Allow-Credentials"] = "true"
        patch_vary_headers(response, ["Origin"])

    @staticmethod
    def _set_refresh_token_cookie(request: HttpRequest, response: HttpResponse) -> None:
        refresh_token = getattr(request, "refresh_token", None)
        if not refresh_token:
            return
        secure = not settings.DEBUG
        expires = datetime.now(tz=UTC) + tokens.refresh_token_ttl()
        response.set_cookie(
            tokens.REFRESH_TOKEN_COOKIE,
            refresh_token,
            expires=expires,
            httponly=True,
            secure=secure,
            samesite="None" if secure else "Lax",
        )

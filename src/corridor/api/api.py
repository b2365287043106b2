"""The JSON API at /api/v1/: one router per app (the app's api.py), mounted here, and the
answers to the errors every endpoint may meet."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI, Swagger

from corridor.api.throttling import throttle_writes
from corridor.community.api import router as community_router
from corridor.extraction.api import router as extraction_router
from corridor.learning.api import router as learning_router
from corridor.lib.isolated import Busy
from corridor.lib.schemas import (
    NUL_FREE,
    Message,
    ValidationErrors,
    only_missing_records,
    validation_message,
)
from corridor.organisations.api import router as organisations_router
from corridor.plans.api import router as plans_router
from corridor.projects.api import router as projects_router
from corridor.regions.api import router as regions_router
from corridor.search.api import router as search_router

# What any operation may answer besides the statuses it declares itself: ninja's 422 when
# the path, query or body does not fit the document; and, for an operation that needs a
# signed-in user, 401 without one and 403 when the CSRF check fails or the user may not;
# for a write, 429 past its rate (api/throttling.py), with Retry-After.
EVERY_OPERATION = {422: ValidationErrors}
SIGNED_IN = {401: Message, 403: Message}
THROTTLED = {429: Message}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "required": True,
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    }
}


class CorridorAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        # Client generators name their methods after these; ninja's default prefixes the module.
        return operation.view_func.__name__

    def _get_bound_routers(self):
        # The operations as served (ninja binds a copy of each router once): every write is
        # throttled, which its document then declares.
        routers = super()._get_bound_routers()
        for router in routers:
            for path_view in router.path_operations.values():
                for operation in path_view.operations:
                    throttle_writes(operation)
        return routers

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        for router in self._get_bound_routers():
            for path_view in router.path_operations.values():
                for operation in path_view.operations:
                    declare_common_errors(operation)
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for methods in document["paths"].values():
            for operation in methods.values():
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "query":
                        refuse_nul(parameter["schema"])
                for status in (429, 503):
                    if status in operation["responses"]:
                        operation["responses"][status]["headers"] = RETRY_AFTER
        return document


def refuse_nul(schema: dict) -> None:
    """Says in the document that a query parameter's text holds no NUL character, as
    `api.middleware.RefuseNul` answers."""
    for option in [schema, schema.get("items", {}), *schema.get("anyOf", [])]:
        if option.get("type") == "string" and "pattern" not in option and "enum" not in option:
            option["pattern"] = NUL_FREE


def declare_common_errors(operation) -> None:
    """Adds to the operation's documented answers those it does not declare itself."""
    errors = {
        **EVERY_OPERATION,
        **(SIGNED_IN if operation.auth_callbacks else {}),
        **(THROTTLED if operation.throttle_objects else {}),
    }
    for status, schema in errors.items():
        if status not in operation.response_models:
            operation.response_models[status] = operation._create_response_model(schema)


api = CorridorAPI(
    title="Corridor API",
    version="1",
    description="Interregional cooperation knowledge: projects, programmes, organisations and "
    "regions; events, good practices, documents and news; action plans, their progress and the "
    "programme indicators. Read-only but for the steps of the good-practice workflow, document "
    "uploads, and the steps and progress reports of action plans, which need a signed-in user. "
    "Amounts are EUR and rates percent, both as decimal strings. Writes are rate-limited per "
    "user and per address (429, with Retry-After); a write naming a record that does not "
    "exist is answered 404.",
    # Swagger UI would otherwise send the schema to validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)


@api.exception_handler(Http404)
def not_found(request, exc):
    # The read functions' 404 says what is missing; ninja's default hides it outside DEBUG.
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


# The services raise Django's own errors; every endpoint answers them the same way, so none
# catches them itself.
@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    detail = str(exc) or "You may not do this."
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    # An input that only names records that do not exist: 404, as a path's missing record.
    status = 404 if only_missing_records(exc) else 400
    return api.create_response(request, {"detail": validation_message(exc)}, status=status)


@api.exception_handler(Busy)
def busy(request, exc):
    response = api.create_response(request, {"detail": str(exc)}, status=503)
    response["Retry-After"] = str(exc.retry_after)
    return response


api.add_router("/", projects_router)
api.add_router("/", organisations_router)
api.add_router("/", regions_router)
api.add_router("/search", search_router)
api.add_router("/", learning_router)
api.add_router("/", plans_router)
api.add_router("/", community_router)
api.add_router("/", extraction_router)

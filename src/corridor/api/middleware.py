"""Under /api/ every answer is JSON. Django answers an unknown path, a server error or a
refused request with an HTML page, and ninja a method not allowed with a bare text;
`JsonErrors` turns each such error into `{"detail": ...}` with the same status (and the same
Allow header), after Django has logged it. `RefuseNul` refuses a NUL character in any query
parameter, as the document says (`api.api.NO_NUL`): PostgreSQL cannot compare text with one."""

from django.http import HttpRequest, HttpResponse, JsonResponse

API_PREFIX = "/api/"

DETAILS = {
    404: "Not found: no operation of the API has this path (see /api/v1/docs).",
    500: "Server error: it has been logged.",
}


class JsonErrors:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path_info.startswith(API_PREFIX)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            detail = DETAILS.get(response.status_code, f"{response.reason_phrase}.")
            answer = JsonResponse({"detail": detail}, status=response.status_code)
            if response.has_header("Allow"):
                answer["Allow"] = response["Allow"]
            return answer
        return response


class RefuseNul:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX):
            names = [
                name for name, values in request.GET.lists() if any("\x00" in v for v in values)
            ]
            if names:
                errors = [
                    {"type": "value_error", "loc": ["query", name],
                     "msg": "Value error, must not contain NUL characters"}
                    for name in names
                ]  # fmt: skip
                return JsonResponse({"detail": errors}, status=422)
        return self.get_response(request)

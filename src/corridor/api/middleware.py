"""Under /api/ every answer is JSON. Django answers an unknown path, a server error or a
refused request with an HTML page, and ninja a method not allowed with a bare text; this
middleware turns each such error into `{"detail": ...}` with the same status (and the same
Allow header), after Django has logged it."""

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

// `visie serve --review`: requests under /api routed to the review handler.
#include <map>

#include "serve/detail/server.hpp"

namespace visie::serve::detail {

namespace {

MHD_Result collect_query(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto& query = *static_cast<std::map<std::string, std::string>*>(cls);
  if (key != nullptr) query.emplace(key, value != nullptr ? value : "");
  return MHD_YES;
}

}  // namespace

Answer api_answer(const review::Response& response) {
  Answer a;
  a.status = static_cast<unsigned>(response.status);
  a.body = response.body;
  a.type = review::json_type;
  a.headers = {{"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}};
  return a;
}

bool is_api_path(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

/// Hands a request under /api to the review handler.
Answer call_api(const Api& api, MHD_Connection* connection, const char* method,
                const std::string& path, std::string body) {
  review::Request request;
  request.method = method;
  request.path = path;
  MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collect_query, &request.query);
  const char* authorization =
      MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
  request.authorization = authorization != nullptr ? authorization : "";
  request.body = std::move(body);
  return api_answer(api.handle(request));
}

}  // namespace visie::serve::detail
